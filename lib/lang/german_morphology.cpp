#include "lang/german_morphology.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include "polysearch/error.hpp"

namespace polysearch::detail {

namespace {

constexpr char kLinkingPrefix = 'k';       // igerman98's PFX k 0 0/coy: Kriegs-, Versicherungs-
constexpr std::size_t kLongestWord = 100;  // Hunspell's MAXWORDLEN

// Flags as bits: de_DE's are ASCII letters.
using Flags = std::uint64_t;
Flags flag_bit(char flag) {
  const auto c = static_cast<unsigned char>(flag);
  if (c >= 'a' && c <= 'z') return Flags{1} << (c - 'a');
  if (c >= 'A' && c <= 'Z') return Flags{1} << (26 + c - 'A');
  return Flags{1} << (52 + c % 12);  // none in de_DE.aff: shared bits, never tested
}
Flags flags_of(std::string_view flags) {
  Flags bits = 0;
  for (const char flag : flags) bits |= flag_bit(flag);
  return bits;
}
bool has(Flags flags, char flag) { return (flags & flag_bit(flag)) != 0; }

// One position of an affix's condition: any letter, or a set (negated or not).
struct Condition {
  bool any = false;
  bool negated = false;
  std::u32string letters;
  [[nodiscard]] bool matches(char32_t c) const {
    if (any) return true;
    return (letters.find(c) != std::u32string::npos) != negated;
  }
};

struct Affix {
  bool prefix = false;
  bool cross = false;  // combines with affixes of the other kind
  char flag = 0;
  std::u32string strip, add;
  Flags continuation = 0;  // flags the affixed form gains
  std::vector<Condition> condition;
};

// Decodes UTF-8 into `out` (kept from line to line).
void decode_into(std::string_view utf8, std::u32string& out) {
  out.clear();
  for (int32_t i = 0; i < static_cast<int32_t>(utf8.size());) {
    UChar32 c;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"  // inside ICU's macro
    U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
#pragma GCC diagnostic pop
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
}

std::u32string to_utf32(std::string_view utf8) {
  std::u32string out;
  decode_into(utf8, out);
  return out;
}

std::vector<Condition> parse_condition(const std::u32string& text) {
  std::vector<Condition> condition;
  if (text == U".") return condition;  // no condition
  for (std::size_t i = 0; i < text.size(); ++i) {
    Condition position;
    if (text[i] == U'.') {
      position.any = true;
    } else if (text[i] == U'[') {
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == U'^') {
        position.negated = true;
        ++j;
      }
      for (; j < text.size() && text[j] != U']'; ++j) position.letters.push_back(text[j]);
      i = j;
    } else {
      position.letters.push_back(text[i]);
    }
    condition.push_back(std::move(position));
  }
  return condition;
}

bool condition_holds(const Affix& affix, std::u32string_view root) {
  const std::size_t n = affix.condition.size();
  if (root.size() < n || root.size() < affix.strip.size()) return false;
  if (affix.prefix) {
    if (root.compare(0, affix.strip.size(), affix.strip) != 0) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!affix.condition[i].matches(root[i])) return false;
    }
  } else {
    for (std::size_t i = n; i-- > 0;) {  // from the last letter, where most rules fail
      if (!affix.condition[i].matches(root[root.size() - n + i])) return false;
    }
    if (root.compare(root.size() - affix.strip.size(), affix.strip.size(), affix.strip) != 0) {
      return false;
    }
  }
  return true;
}

// Writes `root` with `affix` into `out`, a buffer kept from form to form (300,000 roots and
// forms are made: allocations were a third of the load).
void affixed(const Affix& affix, std::u32string_view root, std::u32string& out) {
  out.clear();
  if (affix.prefix) {
    out.append(affix.add).append(root.substr(affix.strip.size()));
  } else {
    out.append(root.substr(0, root.size() - affix.strip.size())).append(affix.add);
  }
}

using Case = GermanMorphology::Case;

Case case_of(const icu::UnicodeString& word) {
  if (word.isEmpty()) return Case::kMixed;
  const bool first_upper = u_isupper(word.char32At(0)) || u_istitle(word.char32At(0));
  bool rest_upper = true, rest_lower = true;
  for (int32_t i = U16_LENGTH(word.char32At(0)); i < word.length();) {
    const UChar32 c = word.char32At(i);
    rest_upper = rest_upper && !u_islower(c);
    rest_lower = rest_lower && !u_isupper(c);
    i += U16_LENGTH(c);
  }
  if (!first_upper) return rest_lower ? Case::kLower : Case::kMixed;
  if (rest_lower) return Case::kCapital;
  return rest_upper ? Case::kAllCaps : Case::kMixed;
}

std::u16string lowered_units(const icu::UnicodeString& word) {
  icu::UnicodeString lowered(word);
  lowered.toLower(icu::Locale::getGerman());  // keeps ß
  return {lowered.getBuffer(), static_cast<std::size_t>(lowered.length())};
}

// What the .aff file's header names each flag (igerman98's letters, Hunspell's defaults where
// a header leaves one out), and its affix rules by flag.
struct AffixFile {
  char begin = 'x', middle = 'y', end = 'z';  // COMPOUNDBEGIN, COMPOUNDMIDDLE, COMPOUNDEND
  char permit = 'c';                          // COMPOUNDPERMITFLAG: an affix allowed inside
  char only_in_compound = 'o';                // ONLYINCOMPOUND
  char need_affix = 'h';                      // NEEDAFFIX: the bare root is no form
  char forbidden = 'd';                       // FORBIDDENWORD
  char circumfix = 'f';                       // CIRCUMFIX: only with the hyphen prefixes
  std::size_t shortest_part = 3;              // COMPOUNDMIN (igerman98: 2)
  std::map<char, std::vector<Affix>> affixes;
};

// The header's flag settings: one letter each.  Options the reading does not implement
// (other flag encodings, compound rules by pattern) are an error, not a silent misreading.
void read_header_line(const std::string& aff, const std::string& line, AffixFile& file) {
  std::istringstream fields(line);
  std::string name, value;
  fields >> name >> value;
  const std::map<std::string, char*> flags = {{"COMPOUNDBEGIN", &file.begin},
                                              {"COMPOUNDMIDDLE", &file.middle},
                                              {"COMPOUNDEND", &file.end},
                                              {"COMPOUNDPERMITFLAG", &file.permit},
                                              {"ONLYINCOMPOUND", &file.only_in_compound},
                                              {"NEEDAFFIX", &file.need_affix},
                                              {"FORBIDDENWORD", &file.forbidden},
                                              {"CIRCUMFIX", &file.circumfix}};
  if (const auto it = flags.find(name); it != flags.end() && value.size() == 1) {
    *it->second = value[0];
  } else if (name == "COMPOUNDMIN" && !value.empty()) {
    file.shortest_part = static_cast<std::size_t>(std::max(1, std::atoi(value.c_str())));
  } else if (name == "FLAG" || name == "COMPOUNDRULE" || name == "COMPOUNDFLAG" || name == "AF") {
    throw Error(aff + ": '" + name + "' is not supported by the German compound splitter's " +
                "reading of the dictionary (igerman98's de_DE has none)");
  }
}

AffixFile read_affixes(const std::string& aff) {
  std::ifstream in(aff);
  if (!in) throw Error("cannot read " + aff);
  AffixFile file;
  auto& affixes = file.affixes;
  std::map<char, bool> cross;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("PFX", 0) != 0 && line.rfind("SFX", 0) != 0) {
      read_header_line(aff, line, file);
      continue;
    }
    std::istringstream fields(line);
    std::string kind, flag, strip, add, condition;
    fields >> kind >> flag >> strip >> add >> condition;
    if (flag.size() != 1) continue;  // de_DE has one-letter flags only
    if (condition.empty()) {         // a header: PFX k Y 2
      cross[flag[0]] = strip == "Y";
      continue;
    }
    Affix affix;
    affix.prefix = kind == "PFX";
    affix.cross = cross[flag[0]];
    affix.flag = flag[0];
    if (strip != "0") affix.strip = to_utf32(strip);
    const std::size_t slash = add.find('/');
    if (slash != std::string::npos) {
      affix.continuation = flags_of(std::string_view(add).substr(slash + 1));
      add.resize(slash);
    }
    if (add != "0") affix.add = to_utf32(add);
    affix.condition = parse_condition(to_utf32(condition));
    affixes[affix.flag].push_back(std::move(affix));
  }
  return file;
}

// A form made from a root: its letters and what made it.
struct Form {
  std::u32string_view letters;
  Flags root_flags = 0;
  Flags flags = 0;  // the root's, and the affixes' continuation flags
  const Affix* prefix = nullptr;
  const Affix* suffix = nullptr;
};

// The roles of a form in the table (GermanMorphology::Bit), 0 for none.
std::uint16_t roles(const AffixFile& file, const Form& form, bool noun_root) {
  using M = GermanMorphology;
  for (const char32_t c : form.letters) {
    if (c == U'-' || c == U'.') return 0;  // the analyzer cuts words there
  }
  if (form.letters.size() > kLongestWord || form.letters.empty()) return 0;
  if (form.prefix == nullptr && form.suffix == nullptr && has(form.flags, file.need_affix))
    return 0;
  if ((form.prefix != nullptr && has(form.prefix->continuation, file.circumfix)) ||
      (form.suffix != nullptr && has(form.suffix->continuation, file.circumfix))) {
    return 0;  // only with a hyphen prefix
  }
  if (has(form.flags, file.forbidden)) return M::kForbidden;
  // Hunspell's analysis shows the forms that are only for compounds, but not a bare root so
  // marked (anfang) nor a form a suffix so marks (Kriegs-, of "j").
  const bool alone = !has(form.flags, file.only_in_compound);
  const bool bare = form.prefix == nullptr && form.suffix == nullptr;
  const bool shown =
      !(bare && has(form.root_flags, file.only_in_compound)) &&
      (form.suffix == nullptr || !has(form.suffix->continuation, file.only_in_compound));
  const auto upper = [](char32_t c) {
    return c < 0x80 ? c >= U'A' && c <= U'Z' : u_isupper(static_cast<UChar32>(c)) != 0;
  };
  const bool capital = upper(form.letters[0]);
  for (std::size_t i = 1; i < form.letters.size(); ++i) {
    if (upper(form.letters[i])) {  // FreeBSD, ArbeiterInnen
      return static_cast<std::uint16_t>((alone ? M::kMixedWord : 0) | (shown ? M::kMixedAny : 0));
    }
  }
  std::uint16_t bits = 0;
  if (shown) bits |= capital ? M::kAnyUpper : M::kAnyLower;
  if (alone) bits |= capital ? M::kWordUpper : M::kWordLower;
  if (noun_root && shown) bits |= M::kNoun;  // as Hunspell shows a noun's forms
  if (form.prefix != nullptr && form.prefix->flag == kLinkingPrefix) bits |= M::kLinking;
  // Inside a compound an affix needs the permit flag, except a prefix on the first part and
  // a suffix on the last.
  const bool prefix_inside = form.prefix == nullptr || has(form.prefix->continuation, file.permit);
  const bool suffix_inside = form.suffix == nullptr || has(form.suffix->continuation, file.permit);
  if (has(form.flags, file.begin) && suffix_inside)
    bits |= capital ? M::kBeginUpper : M::kBeginLower;
  if (!capital && has(form.flags, file.middle) && prefix_inside && suffix_inside)
    bits |= M::kMiddle;
  if (!capital && has(form.flags, file.end) && prefix_inside) bits |= M::kEnd;
  return bits;
}

// The form's letters as a key of the table, lower-cased or as written, into `key`.
void key_into(std::u32string_view letters, bool lower_case, std::u16string& key) {
  key.clear();
  for (const char32_t c : letters) {
    if (c < 0x80) {  // most letters: ASCII, lower-cased here
      key.push_back(static_cast<char16_t>(lower_case && c >= U'A' && c <= U'Z' ? c + 0x20 : c));
      continue;
    }
    const UChar32 unit = lower_case ? u_tolower(static_cast<UChar32>(c)) : static_cast<UChar32>(c);
    if (unit <= 0xFFFF) {
      key.push_back(static_cast<char16_t>(unit));
    } else {
      key.push_back(U16_LEAD(unit));
      key.push_back(U16_TRAIL(unit));
    }
  }
}

}  // namespace

// A slot holds a form's hash in its high 48 bits and its roles in the low 16: one table of
// 4 MB for the 300,000 forms, which the look-ups of a compound's substrings stay within.
namespace {
constexpr std::uint64_t kRoleMask = 0xFFFF;
std::uint64_t tag(std::uint64_t hash) {
  return (hash & ~kRoleMask) == 0 ? 1U << 16 : hash & ~kRoleMask;
}
}  // namespace

GermanMorphology::GermanMorphology(const std::string& dictionary) {
  const AffixFile file = read_affixes(dictionary + ".aff");
  const std::map<char, std::vector<Affix>>& affixes = file.affixes;
  shortest_part_ = file.shortest_part;
  std::ifstream in(dictionary + ".dic");
  if (!in) throw Error("cannot read " + dictionary + ".dic");
  grow();
  std::string line;
  std::getline(in, line);  // the number of roots
  std::vector<const Affix*> prefixes, suffixes;
  std::u32string root_letters, form_letters, stem_letters;  // buffers kept between roots
  std::u16string key;
  // A root's forms often repeat (the zero affixes that only add compound flags): their
  // roles are gathered per root, so that each form is looked up in the table once.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> pending;
  const auto gather = [&pending](std::uint64_t hash, std::uint16_t bits) {
    for (auto& [seen, roles] : pending) {
      if (seen == hash) {
        roles |= bits;
        return;
      }
    }
    pending.emplace_back(hash, bits);
  };
  const auto add_form = [&](const Form& form, bool noun_root) {
    const std::uint16_t bits = roles(file, form, noun_root);
    if (bits == 0) return;
    key_into(form.letters, true, key);  // FREEBSD as FreeBSD
    gather(word_hash(key.data(), key.size()), bits);
    if ((bits & (kMixedWord | kMixedAny)) != 0) {
      key_into(form.letters, false, key);
      gather(word_hash(key.data(), key.size()), bits);
    }
  };
  while (std::getline(in, line)) {
    const std::string_view entry = std::string_view(line).substr(0, line.find_first_of("\t "));
    if (entry.empty()) continue;
    const std::size_t slash = entry.find('/');
    const std::string_view flag_letters =
        slash == std::string_view::npos ? std::string_view() : entry.substr(slash + 1);
    const Flags flags = flags_of(flag_letters);
    decode_into(entry.substr(0, slash), root_letters);
    if (root_letters.empty()) continue;
    const Form root{root_letters, flags, flags, nullptr, nullptr};
    const bool noun_root = u_isupper(static_cast<UChar32>(root_letters[0])) != 0;
    pending.clear();
    add_form(root, noun_root);
    prefixes.clear();
    suffixes.clear();
    for (const char flag : flag_letters) {
      const auto it = affixes.find(flag);
      if (it == affixes.end()) continue;
      for (const Affix& affix : it->second) {
        if (!condition_holds(affix, root_letters)) continue;
        affixed(affix, root_letters, form_letters);
        Form form{form_letters, flags, flags | affix.continuation, nullptr, nullptr};
        (affix.prefix ? form.prefix : form.suffix) = &affix;
        add_form(form, noun_root);
        if (affix.cross) (affix.prefix ? prefixes : suffixes).push_back(&affix);
      }
    }
    for (const Affix* suffix : suffixes) {  // cross products: un|klar|en
      affixed(*suffix, root_letters, stem_letters);
      for (const Affix* prefix : prefixes) {
        if (!condition_holds(*prefix, stem_letters)) continue;
        affixed(*prefix, stem_letters, form_letters);
        add_form(Form{form_letters, flags, flags | suffix->continuation | prefix->continuation,
                      prefix, suffix},
                 noun_root);
      }
    }
    for (const auto& [hash, bits] : pending) insert(hash, bits);
  }
  filter_.build(slots_, size_, [](std::uint64_t entry) { return entry & ~kRoleMask; });
}

void GermanMorphology::insert(std::uint64_t hash, std::uint16_t bits) {
  if ((size_ + 1) * 3 > slots_.size() * 2) grow();
  const std::uint64_t key = tag(hash);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = (key >> 16) & mask;; slot = (slot + 1) & mask) {
    if ((slots_[slot] & ~kRoleMask) == key) {
      slots_[slot] |= bits;
      return;
    }
    if (slots_[slot] == 0) {
      slots_[slot] = key | bits;
      ++size_;
      return;
    }
  }
}

void GermanMorphology::grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1U << 19, old.size() * 2), 0);
  size_ = 0;
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t entry : old) {
    if (entry == 0) continue;
    // Slots are indexed by the hash's bits above the roles, which the tag keeps.
    for (std::size_t slot = (entry >> 16) & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot] == 0) {
        slots_[slot] = entry;
        ++size_;
        break;
      }
    }
  }
}

std::uint16_t GermanMorphology::bits(const char16_t* text, std::size_t length) const {
  if (slots_.empty()) return 0;
  const std::uint64_t key = tag(word_hash(text, length));
  if (!filter_.may_contain(key)) return 0;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = (key >> 16) & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if ((slots_[slot] & ~kRoleMask) == key) return static_cast<std::uint16_t>(slots_[slot]);
  }
  return 0;
}

std::uint16_t GermanMorphology::bits(const icu::UnicodeString& word) const {
  return bits(reinterpret_cast<const char16_t*>(word.getBuffer()),
              static_cast<std::size_t>(word.length()));
}

bool GermanMorphology::compound(const std::u16string& lowered, std::uint16_t begin_bits,
                                Reading& reading) const {
  const std::size_t n = lowered.size();
  if (n < 2 * shortest_part_ || n > kLongestWord) return false;
  // fewest[i]: the fewest parts (a first part, then middle parts) covering [0, i); ways[i]:
  // how many different readings have as few (2: more than one); from[i]: where the last
  // of them begins.
  constexpr int kNone = 1 << 20;
  std::array<int, kLongestWord + 1> fewest{}, ways{};
  std::array<std::size_t, kLongestWord + 1> from{};
  fewest.fill(kNone);
  int best = kNone, best_ways = 0;
  std::size_t head = 0;
  std::vector<int32_t> two_part_cuts;
  const auto reach = [&](std::size_t at, int parts, int count, std::size_t begin) {
    if (parts < fewest[at]) {
      fewest[at] = parts;
      ways[at] = count;
      from[at] = begin;
    } else if (parts == fewest[at]) {
      ways[at] = std::min(2, ways[at] + count);
    }
  };
  for (std::size_t begin = 0; begin + shortest_part_ <= n; ++begin) {
    if (begin > 0 && fewest[begin] == kNone) continue;
    const int parts = begin == 0 ? 1 : fewest[begin] + 1;
    const int count = begin == 0 ? 1 : ways[begin];
    for (std::size_t end = begin + shortest_part_; end <= n; ++end) {
      const std::uint16_t b = bits(lowered.data() + begin, end - begin);
      if (b == 0 || (b & kForbidden) != 0) continue;
      if (begin == 0) {
        if (end < n && (b & begin_bits) != 0) reach(end, 1, 1, 0);
        continue;
      }
      if (end == n) {
        if ((b & kEnd) == 0) continue;
        if (parts == 2) two_part_cuts.push_back(static_cast<int32_t>(begin));
        if (parts < best) {
          best = parts;
          best_ways = count;
          head = begin;
        } else if (parts == best) {
          best_ways = std::min(2, best_ways + count);
        }
      } else if ((b & kMiddle) != 0) {
        reach(end, parts, count, begin);
      }
    }
  }
  if (best == kNone) return false;
  reading.ambiguous = best_ways > 1;
  if (reading.ambiguous && best == 2) reading.two_part_cuts = std::move(two_part_cuts);
  reading.cuts.clear();
  for (std::size_t at = head; at > 0; at = from[at])
    reading.cuts.push_back(static_cast<int32_t>(at));
  std::reverse(reading.cuts.begin(), reading.cuts.end());
  return true;
}

namespace {

// The lower-cased spellings Hunspell tries for a word: the word, and for one in capitals
// with SS, the SS read as ß (CHECKSHARPS: GRÖSSE is größe).
std::vector<std::u16string> spellings(const icu::UnicodeString& word, Case written) {
  std::vector<std::u16string> spellings{lowered_units(word)};
  if (written != Case::kAllCaps) return spellings;
  const std::u16string lowered = spellings.front();
  std::u16string all = lowered;
  for (std::size_t at = lowered.find(u"ss"); at != std::u16string::npos;
       at = lowered.find(u"ss", at + 1)) {
    std::u16string one = lowered;
    one.replace(at, 2, u"ß");
    spellings.push_back(std::move(one));
  }
  for (std::size_t at = all.find(u"ss"); at != std::u16string::npos; at = all.find(u"ss", at)) {
    all.replace(at, 2, u"ß");
  }
  if (spellings.size() > 2) spellings.push_back(std::move(all));
  return spellings;
}

}  // namespace

// Roles that count for a word written so: a word in lower case is read in lower case only;
// with a capital (or in capitals), in either case, as at the beginning of a sentence.
GermanMorphology::Roles GermanMorphology::roles_for(Case written) {
  switch (written) {
    case Case::kLower: return {kWordLower, kAnyLower, kBeginLower};
    case Case::kCapital:
      return {kWordLower | kWordUpper, kAnyLower | kAnyUpper, kBeginLower | kBeginUpper};
    case Case::kAllCaps:
      return {kWordLower | kWordUpper | kMixedWord, kAnyLower | kAnyUpper | kMixedAny,
              kBeginLower | kBeginUpper};
    case Case::kMixed: break;
  }
  return {kMixedWord, kMixedAny, 0};
}

Reading GermanMorphology::read(const icu::UnicodeString& word) const {
  Reading reading;
  const Case written = case_of(word);
  const Roles roles = roles_for(written);
  if (written == Case::kMixed) {  // Hunspell reads those as written: FreeBSD, no compound
    const std::uint16_t whole = bits(word);
    reading.known = reading.root = (whole & roles.any) != 0 && (whole & kForbidden) == 0;
    return reading;
  }
  for (const std::u16string& lowered : spellings(word, written)) {
    const std::uint16_t whole = bits(lowered.data(), lowered.size());
    if ((whole & kForbidden) != 0) continue;
    if ((whole & roles.any) != 0) {
      reading = Reading{};
      reading.known = reading.root = true;
      return reading;
    }
    if (!reading.known) reading.known = compound(lowered, roles.begin, reading);
  }
  return reading;
}

bool GermanMorphology::accepts(const icu::UnicodeString& word) const {
  const Case written = case_of(word);
  const Roles roles = roles_for(written);
  if (written == Case::kMixed) {
    const std::uint16_t whole = bits(word);
    return (whole & roles.word) != 0 && (whole & kForbidden) == 0;
  }
  for (const std::u16string& lowered : spellings(word, written)) {
    const std::uint16_t whole = bits(lowered.data(), lowered.size());
    if ((whole & kForbidden) != 0) continue;
    Reading reading;
    if ((whole & roles.word) != 0 || compound(lowered, roles.begin, reading)) return true;
  }
  return false;
}

bool GermanMorphology::is_noun_form(const icu::UnicodeString& lowered) const {
  return (bits(lowered) & kNoun) != 0;
}

bool GermanMorphology::is_linking_form(const icu::UnicodeString& lowered) const {
  return (bits(lowered) & kLinking) != 0;
}

}  // namespace polysearch::detail
