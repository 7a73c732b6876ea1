// Scoring a compound splitter against a gold list (polysearch/eval/compounds.hpp).
#include <algorithm>
#include <istream>
#include <set>
#include <sstream>

#include "eval/input_file.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/compounds.hpp"
#include "polysearch/text.hpp"

namespace polysearch::eval {
namespace {

// Where an analysis cuts its word, in bytes of the word: every cut, and the head's.
struct Cuts {
  std::set<std::size_t> all;
  std::size_t head = 0;  // 0: none
  friend bool operator==(const Cuts& a, const Cuts& b) {
    return a.all == b.all && a.head == b.head;
  }
};

Cuts cuts_of(const std::string& analysis) {
  Cuts cuts;
  std::size_t bytes = 0;
  for (const char c : analysis) {
    if (c == '+' || c == '|') {
      cuts.all.insert(bytes);
      if (c == '|') cuts.head = bytes;
    } else {
      ++bytes;
    }
  }
  return cuts;
}

std::string without_cuts(const std::string& analysis) {
  std::string word;
  for (const char c : analysis) {
    if (c != '+' && c != '|') word += c;
  }
  return word;
}

std::vector<std::string> split_on(const std::string& text, char separator) {
  std::vector<std::string> fields;
  std::istringstream in(text);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  if (!text.empty() && text.back() == separator) fields.emplace_back();
  return fields;
}

std::string joined(const std::vector<std::string>& analyses) {
  std::string out;
  for (const std::string& analysis : analyses) out += (out.empty() ? "" : ";") + analysis;
  return out;
}

double rate(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::vector<CompoundGoldEntry> read_compound_gold(std::istream& in, const std::string& source) {
  std::vector<CompoundGoldEntry> entries;
  std::string line;
  std::size_t offset = 0, next = 0;  // of the line in the input, for InputError
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    offset = next;
    next += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = source + ":" + std::to_string(number);
    if (const auto bad = find_invalid_utf8(line)) {
      throw InputError(where + ": invalid UTF-8 at byte " + std::to_string(bad->offset),
                       offset + bad->offset);
    }
    const std::vector<std::string> fields = split_on(line, '\t');
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
      throw InputError(where + ": expected word<TAB>analysis[<TAB>source]", offset);
    }
    CompoundGoldEntry entry{number, fields[0], split_on(fields[1], ';'),
                            fields.size() > 2 ? fields[2] : std::string()};
    for (const std::string& analysis : entry.analyses) {
      const Cuts cuts = cuts_of(analysis);
      const std::size_t heads =
          static_cast<std::size_t>(std::count(analysis.begin(), analysis.end(), '|'));
      if (without_cuts(analysis) != entry.word || heads > 1 || (!cuts.all.empty() && heads == 0)) {
        throw InputError(where + ": '" + analysis + "' is not '" + entry.word +
                             "' cut with '+' and one '|' before the head",
                         offset);
      }
    }
    entries.push_back(std::move(entry));
  }
  if (in.bad()) throw InputError(source + ": read error", next);
  return entries;
}

std::vector<CompoundGoldEntry> read_compound_gold(const std::filesystem::path& path) {
  std::ifstream in = detail::open_input_file(path);
  return read_compound_gold(in, path.string());
}

CompoundScores score_compounds(const std::vector<CompoundGoldEntry>& gold,
                               const std::function<std::string(const std::string& word)>& split) {
  CompoundScores scores;
  for (const CompoundGoldEntry& entry : gold) {
    const std::string output = split(entry.word);
    const Cuts got = cuts_of(output);
    const auto miss = [&](const char* kind) {
      scores.misses.push_back({entry.word, joined(entry.analyses), output, kind});
    };
    if (entry.analyses.size() > 1) {
      ++scores.ambiguous;
      bool ok = got.all.empty();
      for (const std::string& analysis : entry.analyses) ok = ok || cuts_of(analysis) == got;
      if (ok) {
        ++scores.ambiguous_ok;
      } else {
        miss("ambiguous");
      }
      continue;
    }
    const Cuts want = cuts_of(entry.analyses.front());
    if (want.all.empty()) {
      ++scores.simple;
      if (!got.all.empty()) {
        ++scores.false_splits;
        miss("false split");
      }
      continue;
    }
    ++scores.compounds;
    if (got.head != want.head) {
      miss("head");
      continue;
    }
    ++scores.heads_correct;
    if (got.all == want.all) {
      ++scores.splits_correct;
    } else {
      miss("parts");
    }
  }
  scores.head_accuracy = rate(scores.heads_correct, scores.compounds);
  scores.split_accuracy = rate(scores.splits_correct, scores.compounds);
  scores.false_split_rate = rate(scores.false_splits, scores.simple);
  scores.ambiguous_accuracy = rate(scores.ambiguous_ok, scores.ambiguous);
  return scores;
}

}  // namespace polysearch::eval
