// The public face of the compound splitters (polysearch/compounds.hpp): the language's
// WordSplitter (lib/lang/), its code point cuts turned into the word's parts.
#include "polysearch/compounds.hpp"

#include "lang/profile.hpp"
#include "lang/word_splitter.hpp"
#include "polysearch/error.hpp"
#include "util/utf8.hpp"

namespace polysearch {

std::string CompoundSplit::written() const {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i == head ? "|" : "+";
    out += parts[i];
  }
  return out;
}

bool splits_compounds(Language language) noexcept {
  try {
    return language != Language::Unknown &&
           detail::profile_for(language).make_word_splitter != nullptr;
  } catch (const Error&) {
    return false;
  }
}

struct CompoundSplitter::Impl {
  std::unique_ptr<detail::WordSplitter> splitter;
};

CompoundSplitter::CompoundSplitter(Language language,
                                   std::shared_ptr<const CompoundDictionary> dictionary)
    : impl_(std::make_unique<Impl>()) {
  if (!splits_compounds(language)) {
    throw InvalidArgument("no compound splitter for language '" +
                          std::string(language_code(language)) + "' (only German has one)");
  }
  impl_->splitter = detail::profile_for(language).make_word_splitter(std::move(dictionary));
}

CompoundSplitter::~CompoundSplitter() = default;
CompoundSplitter::CompoundSplitter(CompoundSplitter&&) noexcept = default;
CompoundSplitter& CompoundSplitter::operator=(CompoundSplitter&&) noexcept = default;

CompoundSplit CompoundSplitter::split(std::string_view word) {
  detail::require_valid_utf8(word);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  const detail::CompoundAnalysis& analysis = impl_->splitter->analyze(text);
  CompoundSplit split;
  split.ambiguous = analysis.ambiguous;
  int32_t from = 0;
  for (std::size_t i = 0; i <= analysis.cuts.size(); ++i) {
    const int32_t to = i < analysis.cuts.size() ? analysis.cuts[i] : text.length();
    if (from == analysis.head && i > 0) split.head = i;
    std::string part;
    // Cuts are code points; only words of the BMP are split, where they are UTF-16 units.
    text.tempSubStringBetween(from, to).toUTF8String(part);
    split.parts.push_back(std::move(part));
    from = to;
  }
  return split;
}

}  // namespace polysearch
