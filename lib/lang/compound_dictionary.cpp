// CompoundDictionary (polysearch/compounds.hpp): reading and checking the splits a user
// decides; the German splitter applies them (german_compounds.cpp).
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

#include "polysearch/compounds.hpp"
#include "polysearch/error.hpp"
#include "polysearch/text.hpp"
#include "util/entry_lines.hpp"

namespace polysearch {
namespace {

bool is_mark(UChar32 c) { return c == u'+' || c == u'|'; }

// Why `entry` (lower-cased) cannot be an entry, or "" if it can.
std::string problem_with(const icu::UnicodeString& entry) {
  std::size_t letters = 0, heads = 0;
  bool after_mark = true;  // a mark may not begin the entry
  for (int32_t i = 0; i < entry.length(); i = entry.moveIndex32(i, 1)) {
    const UChar32 c = entry.char32At(i);
    if (is_mark(c)) {
      if (after_mark) return "a '+' or '|' must stand between two letters";
      heads += c == u'|';
      after_mark = true;
    } else if (u_isalpha(c)) {
      ++letters;
      after_mark = false;
    } else {
      return "only letters, '+' and '|' are allowed";
    }
  }
  if (letters == 0) return "no word";
  if (after_mark) return "a '+' or '|' must stand between two letters";
  if (heads > 1) return "at most one '|' (before the immediate head)";
  if (letters > CompoundDictionary::kMaxWordLength) {
    return "longer than " + std::to_string(CompoundDictionary::kMaxWordLength) + " letters";
  }
  return {};
}

}  // namespace

void CompoundDictionary::add(std::string_view entry) {
  const std::string shown(entry);
  if (find_invalid_utf8(entry)) {
    throw InvalidArgument("compound dictionary entry '" + shown + "': not valid UTF-8");
  }
  icu::UnicodeString lowered = icu::UnicodeString::fromUTF8(
      icu::StringPiece(entry.data(), static_cast<int32_t>(entry.size())));
  lowered.toLower(icu::Locale::getGerman());  // as the splitter lowers words: ß stays ß
  if (const std::string problem = problem_with(lowered); !problem.empty()) {
    throw InvalidArgument("compound dictionary entry '" + shown + "': " + problem);
  }
  std::string marked, word;
  lowered.toUTF8String(marked);
  for (const char c : marked) {
    if (c != '+' && c != '|') word += c;
  }
  entries_[word] = marked;
}

std::string CompoundDictionary::to_text() const {
  std::string text;
  for (const auto& [word, marked] : entries_) text += marked + '\n';
  return text;
}

CompoundDictionary CompoundDictionary::parse(std::string_view text, std::string_view source) {
  CompoundDictionary dictionary;
  detail::for_each_entry_line(
      text, source, [&](std::string_view line, const std::string& where, std::size_t line_offset) {
        try {
          dictionary.add(line);
        } catch (const InvalidArgument& error) {
          throw InputError(where + error.what(), line_offset);
        }
      });
  return dictionary;
}

CompoundDictionary CompoundDictionary::read(const std::filesystem::path& path) {
  return parse(detail::read_entry_file(path), path.string());
}

}  // namespace polysearch
