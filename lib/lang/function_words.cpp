// Function-word evidence for short texts (function_words.hpp).  The supported languages'
// lists are their stop lists plus the detection words and letters of their profiles; the
// other languages' lists are below.
#include "lang/function_words.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "lang/profile.hpp"
#include "lang/stopwords.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

// Languages without an analyzer whose short texts share function words with ours: a
// supported language must beat these too, or a French or Catalan sentence with "la", "en"
// and "un" would be Spanish.  Their commonest articles, prepositions, conjunctions,
// pronouns and forms of "be" and "have".  (CLD2 tells these languages apart well on
// longer text; the vote is for text too short for it.)
constexpr std::string_view kOtherLanguagesFunctionWords[] = {
    // English
    "the of and to in is was with that which for from by this are were have has had it its "
    "be been or on at an a as not they he she his her their will would can could who what "
    "when where how did does than these those after into about there all other such only "
    "but if we you i also more most some no so",
    // French
    "le la les l de des du d un une et est en dans pour pas au aux ce cette qui que avec "
    "sont il elle ils ne ou par plus sur se son sa ses leur été être fait comme mais tout "
    "nous vous je à s n y",
    // Italian
    "il la le lo i gli l di del della delle dei degli un una e è che per non in con da al "
    "alla nel nella si sono come anche questo questa più ma a o essere stato ha",
    // Catalan
    "el la els les l de del dels d un una i és en que per amb no es al als a pel pels s hi "
    "ho són ser va van més aquest aquesta però seu seva n",
    // Dutch
    "de het een en van is dat op te in zijn niet met voor die ook als maar bij aan er om "
    "door naar wordt worden",
};

struct WordList {
  Language language = Language::Unknown;   // Unknown: a language without an analyzer
  std::unordered_set<std::string> words;   // its function words
  std::unordered_set<std::string> strong;  // words that count even when the other has them
  std::u32string letters;                  // each counts as a word
};

void add_words(std::string_view listed, std::unordered_set<std::string>& words) {
  while (!listed.empty()) {
    const std::size_t space = listed.find(' ');
    if (space != 0) words.emplace(listed.substr(0, space));
    if (space == std::string_view::npos) break;
    listed.remove_prefix(space + 1);
  }
}

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) out += decode_utf8(utf8, i);
  return out;
}

struct WordLists {
  std::vector<WordList> supported;  // languages with function words, no script of their own
  std::vector<WordList> others;
};

const WordLists& word_lists() {
  static const WordLists lists = [] {
    WordLists built;
    for (const Language language : supported_languages()) {
      const LanguageProfile& profile = profile_for(language);
      if (profile.script != USCRIPT_INVALID_CODE) continue;  // decided by its script
      WordList list;
      list.language = language;
      for (std::string& word : parse_stopword_file(stopword_file(profile.stopwords))) {
        list.words.insert(std::move(word));
      }
      add_words(profile.detection_words, list.words);
      add_words(profile.detection_words, list.strong);
      list.letters = code_points(profile.detection_letters);
      if (!list.words.empty() || !list.letters.empty()) built.supported.push_back(list);
    }
    for (const std::string_view listed : kOtherLanguagesFunctionWords) {
      WordList list;
      add_words(listed, list.words);
      built.others.push_back(list);
    }
    return built;
  }();
  return lists;
}

// For each word of the text, which lists have it (bit i: lists[i]), and which count it
// whatever the other list has; and how many of each supported list's letters the text has.
struct Tally {
  std::vector<std::uint32_t> listed;
  std::vector<std::uint32_t> strong;
  std::vector<std::size_t> letters;
};

void tally_word(const std::string& word, const std::vector<const WordList*>& lists, Tally& tally) {
  if (word.empty()) return;
  std::uint32_t listed = 0, strong = 0;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    if (lists[i]->words.count(word) != 0) listed |= 1u << i;
    if (lists[i]->strong.count(word) != 0) strong |= 1u << i;
  }
  if (listed != 0) {
    tally.listed.push_back(listed);
    tally.strong.push_back(strong);
  }
}

Tally tally_text(std::string_view utf8, const std::vector<const WordList*>& lists) {
  Tally tally;
  tally.letters.assign(lists.size(), 0);
  std::string word;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<UChar32>(u_tolower(static_cast<UChar32>(decode_utf8(utf8, i))));
    for (std::size_t l = 0; l < lists.size(); ++l) {
      if (lists[l]->letters.find(static_cast<char32_t>(c)) != std::u32string::npos) {
        ++tally.letters[l];
      }
    }
    if (u_isalpha(c) != 0) {
      char bytes[U8_MAX_LENGTH];
      std::int32_t length = 0;
      U8_APPEND_UNSAFE(bytes, length, c);
      word.append(bytes, static_cast<std::size_t>(length));
    } else {
      tally_word(word, lists, tally);
      word.clear();
    }
  }
  tally_word(word, lists, tally);
  return tally;
}

// The words and letters of the text that count for lists[a] against lists[b].
std::size_t evidence(const Tally& tally, std::size_t a, std::size_t b) {
  const std::uint32_t bit_a = 1u << a, bit_b = 1u << b;
  std::size_t count = tally.letters[a];
  for (std::size_t i = 0; i < tally.listed.size(); ++i) {
    if ((tally.strong[i] & bit_a) != 0 ||
        ((tally.listed[i] & bit_a) != 0 && (tally.listed[i] & bit_b) == 0)) {
      ++count;
    }
  }
  return count;
}

}  // namespace

FunctionWordVote vote_by_function_words(std::string_view utf8, bool against_other_languages) {
  const WordLists& all = word_lists();
  std::vector<const WordList*> lists;
  for (const WordList& list : all.supported) lists.push_back(&list);
  const std::size_t supported = lists.size();
  if (against_other_languages) {
    for (const WordList& list : all.others) lists.push_back(&list);
  }
  const Tally tally = tally_text(utf8, lists);
  for (std::size_t a = 0; a < supported; ++a) {
    FunctionWordVote vote;
    vote.language = lists[a]->language;
    bool wins = true, first = true;
    for (std::size_t b = 0; b < lists.size() && wins; ++b) {
      if (b == a) continue;
      const std::size_t for_a = evidence(tally, a, b), for_b = evidence(tally, b, a);
      wins = for_a >= 1 && for_a > for_b;
      // Keep the closest rival: the smallest lead.
      if (wins && (first || for_a - for_b < vote.words - vote.rival_words)) {
        vote.words = for_a;
        vote.rival_words = for_b;
        first = false;
      }
    }
    if (wins && !first) return vote;
  }
  return {};
}

}  // namespace polysearch::detail
