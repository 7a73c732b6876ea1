#include "index/document_builder.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "index/term_prefixes.hpp"

namespace polysearch::detail {
namespace {

// Adds title words (prefix S, and unprefixed with extra weight) or body words.
void add_words(Xapian::Document& xdoc, const std::vector<Token>& tokens, Xapian::termpos first,
               bool is_title) {
  const std::string stem_prefix(kStemPrefix);
  const std::string title_stem_prefix = stem_prefix + std::string(kTitlePrefix);
  const std::string title_prefix(kTitlePrefix);
  const Xapian::termcount wdf = is_title ? kTitleWdf : 1;
  const std::string bigram_prefix(kBigramPrefix);
  for (const Token& token : tokens) {
    if (token.subword) {
      xdoc.add_term(bigram_prefix + token.term, wdf);
      continue;
    }
    const Xapian::termpos position = first + token.position;
    const bool own_stem_term = has_own_stem_term(token.term, token.stem);
    xdoc.add_posting(token.term, position, wdf);
    if (own_stem_term) xdoc.add_term(stem_prefix + token.stem, wdf);
    if (is_title) {
      xdoc.add_posting(title_prefix + token.term, position);
      if (own_stem_term) xdoc.add_term(title_stem_prefix + token.stem);
    }
  }
}

// Words as written: not the sub-words or parts indexed beside them.
std::size_t word_count(const std::vector<Token>& tokens) {
  return static_cast<std::size_t>(std::count_if(
      tokens.begin(), tokens.end(), [](const Token& t) { return !t.subword && !t.part; }));
}

Xapian::termpos next_position(const std::vector<Token>& tokens) {
  return tokens.empty() ? 1 : tokens.back().position + 2;
}

}  // namespace

DocumentBuilder::DocumentBuilder(AnalyzerOptions analysis) : analysis_(std::move(analysis)) {}

Analyzer& DocumentBuilder::analyzer_for(Language language) {
  auto it = analyzers_.find(language);
  if (it == analyzers_.end())
    it = analyzers_.emplace(language, Analyzer(language, analysis_)).first;
  return it->second;
}

Xapian::Document DocumentBuilder::build(const Document& document, const LanguageGuess& guess) {
  Analyzer& analyzer = analyzer_for(guess.language);
  Xapian::Document xdoc;
  xdoc.add_boolean_term(id_term(document.id));
  xdoc.add_boolean_term(language_term(language_code(guess.language)));
  analyzer.analyze(document.title, tokens_);
  add_words(xdoc, tokens_, 1, true);
  const Xapian::termpos body_start = next_position(tokens_) + kTitleBodyGap;
  std::size_t words = word_count(tokens_);
  analyzer.analyze(document.text, tokens_);
  add_words(xdoc, tokens_, body_start, false);
  words += word_count(tokens_);
  xdoc.add_value(kSlotId, document.id);
  xdoc.add_value(kSlotTitle, document.title);
  xdoc.add_value(kSlotLanguage, std::string(language_code(guess.language)));
  xdoc.add_value(kSlotSource, document.source);
  xdoc.add_value(kSlotWords, Xapian::sortable_serialise(static_cast<double>(words)));
  xdoc.add_value(kSlotConfidence, Xapian::sortable_serialise(guess.confidence));
  xdoc.set_data(document.text);
  return xdoc;
}

}  // namespace polysearch::detail
