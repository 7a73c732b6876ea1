// Reading TREC qrels and run files.  The formats are trec_eval's: fields separated by blanks,
// '#' comment lines; errors name file:line, which trec_eval's "Malformed line 12" does not.
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eval/input_file.hpp"
#include "eval/judged_ranking.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t begin = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > begin) fields.push_back(line.substr(begin, i - begin));
  }
  return fields;
}

// Walks a file line by line, skipping blank and '#' lines, and knows where it is for
// error messages.
class LineReader {
 public:
  LineReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}

  // The fields of the next content line; false at the end of the input.
  bool next(std::vector<std::string_view>& fields) {
    while (read_line()) {
      fields = split_fields(line_);
      if (!fields.empty() && fields.front().front() != '#') return true;
    }
    return false;
  }

  [[nodiscard]] std::size_t line_number() const { return line_number_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(source_ + ":" + std::to_string(line_number_) + ": " + what, line_offset_);
  }

 private:
  bool read_line() {
    line_offset_ = next_offset_;
    if (!std::getline(in_, line_)) {
      if (in_.bad()) throw InputError(source_ + ": read error", line_offset_);
      return false;
    }
    next_offset_ += line_.size() + 1;
    if (++line_number_ == 1 && line_.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) {
      line_.erase(0, kUtf8Bom.size());
    }
    return true;
  }

  std::istream& in_;
  std::string source_;
  std::string line_;
  std::size_t line_number_ = 0;
  std::size_t line_offset_ = 0;
  std::size_t next_offset_ = 0;
};

bool parse_int(std::string_view text, int& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// Any decimal or exponent form, and inf; trec_eval's atof would also take "1.5abc".
bool parse_score(std::string_view text, double& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !std::isnan(value);
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

void add_judgment(LineReader& reader, const std::vector<std::string_view>& fields, Qrels& qrels,
                  std::unordered_map<std::string, std::size_t>& first_line) {
  if (fields.size() != 4) {
    reader.fail("expected 4 columns (query, iteration, document, grade), got " +
                std::to_string(fields.size()));
  }
  int grade = 0;
  if (!parse_int(fields[3], grade))
    reader.fail("grade " + in_quotes(fields[3]) + " is not an integer");
  if (grade > detail::kMaxGrade || grade < -detail::kMaxGrade) {
    reader.fail("grade " + in_quotes(fields[3]) + " is out of range (at most " +
                std::to_string(detail::kMaxGrade) + ")");
  }
  const std::string query(fields[0]);
  const std::string document(fields[2]);
  const auto [it, added] = qrels.queries[query].emplace(document, grade);
  const std::string key = query + '\n' + document;
  if (!added) {
    reader.fail("document " + in_quotes(document) + " judged twice for query " + in_quotes(query) +
                " (first on line " + std::to_string(first_line[key]) + ")");
  }
  first_line.emplace(key, reader.line_number());
}

void add_retrieved(LineReader& reader, const std::vector<std::string_view>& fields, Run& run,
                   std::unordered_map<std::string, std::size_t>& first_line) {
  if (fields.size() < 6) {
    reader.fail("expected 6 columns (query, Q0, document, rank, score, run name), got " +
                std::to_string(fields.size()));
  }
  double score = 0.0;
  if (!parse_score(fields[4], score))
    reader.fail("score " + in_quotes(fields[4]) + " is not a number");
  const std::string query(fields[0]);
  const std::string document(fields[2]);
  const auto [it, added] = first_line.emplace(query + '\n' + document, reader.line_number());
  if (!added) {
    reader.fail("document " + in_quotes(document) + " retrieved twice for query " +
                in_quotes(query) + " (first on line " + std::to_string(it->second) + ")");
  }
  run.queries[query].push_back({document, score});
  run.name = std::string(fields[5]);  // trec_eval keeps the last line's
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& source) {
  LineReader reader(in, source);
  Qrels qrels;
  std::unordered_map<std::string, std::size_t> first_line;
  std::vector<std::string_view> fields;
  while (reader.next(fields)) add_judgment(reader, fields, qrels, first_line);
  if (qrels.queries.empty()) throw InputError(source + ": no judgments", 0);
  return qrels;
}

Qrels read_qrels(const std::filesystem::path& path) {
  std::ifstream in = detail::open_input_file(path);
  return read_qrels(in, path.string());
}

Run read_run(std::istream& in, const std::string& source) {
  LineReader reader(in, source);
  Run run;
  std::unordered_map<std::string, std::size_t> first_line;
  std::vector<std::string_view> fields;
  while (reader.next(fields)) add_retrieved(reader, fields, run, first_line);
  return run;
}

Run read_run(const std::filesystem::path& path) {
  std::ifstream in = detail::open_input_file(path);
  return read_run(in, path.string());
}

}  // namespace polysearch::eval
