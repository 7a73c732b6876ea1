#include "index/document_builder.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "index/term_prefixes.hpp"
#include "schema/date_terms.hpp"
#include "schema/field_values.hpp"

namespace polysearch::detail {
namespace {

// Adds words unprefixed and as Z stems with `wdf`, and, when `field_prefix` is not empty
// (the title's S, a text field's XT<name>:), with that prefix too (ZS…, ZXT… for stems).
void add_words(Xapian::Document& xdoc, const std::vector<Token>& tokens, Xapian::termpos first,
               Xapian::termcount wdf, const std::string& field_prefix) {
  const std::string stem_prefix(kStemPrefix);
  const std::string field_stem_prefix = stem_prefix + field_prefix;
  const std::string bigram_prefix(kBigramPrefix);
  const std::string compound_prefix(kCompoundPartPrefix);
  for (const Token& token : tokens) {
    if (token.subword) {
      xdoc.add_term(bigram_prefix + token.term, wdf);
      continue;
    }
    if (token.compound) {
      xdoc.add_term(compound_prefix + token.stem, wdf);
      continue;
    }
    const Xapian::termpos position = first + token.position;
    const bool own_stem_term = has_own_stem_term(token.term, token.stem);
    xdoc.add_posting(token.term, position, wdf);
    if (own_stem_term) xdoc.add_term(stem_prefix + token.stem, wdf);
    if (!field_prefix.empty()) {
      xdoc.add_posting(field_prefix + token.term, position);
      if (own_stem_term) xdoc.add_term(field_stem_prefix + token.stem);
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

DocumentBuilder::DocumentBuilder(AnalyzerOptions analysis, Schema schema,
                                 Xapian::termcount title_wdf)
    : analysis_(std::move(analysis)),
      schema_(std::move(schema)),
      title_wdf_(title_wdf),
      slots_(field_slots(schema_)),
      keyword_slots_(keyword_slots(schema_)) {}

std::string DocumentBuilder::fold_keyword(std::string_view value) {
  return analyzer_for(kKeywordFoldLanguage).normalize(value);
}

void DocumentBuilder::add_fields(Xapian::Document& xdoc, const Document& document,
                                 Language language, Xapian::termpos first) {
  xdoc.add_value(kSlotFields, serialize_fields(document.fields));
  Xapian::termpos position = first;
  for (const auto& [name, values] : document.fields) {
    const FieldSpec* spec = schema_.find(name);
    if (!spec) continue;
    switch (spec->type) {
      case FieldType::Keyword: {
        std::vector<std::string> terms;
        for (const std::string& value : values) {
          terms.push_back(spec->fold ? fold_keyword(value) : value);
          xdoc.add_boolean_term(keyword_term(name, terms.back()));
        }
        if (!terms.empty())
          xdoc.add_value(keyword_slots_.at(name), join_keywords(std::move(terms)));
        break;
      }
      case FieldType::Number:
      case FieldType::Date:
        if (!values.empty()) {
          if (const std::optional<double> number = field_number(spec->type, values.front())) {
            const Xapian::valueno slot = slots_.at(name);
            xdoc.add_value(slot, sortable_number(*number));
            xdoc.add_value(ascending_sort_slot(slot), sortable_number(-*number));
            if (spec->type == FieldType::Date) {
              for (const std::string& term : date_terms(name, *number)) xdoc.add_boolean_term(term);
            }
          }
        }
        break;
      case FieldType::Text: {
        Analyzer& analyzer = analyzer_for(spec->language.value_or(language));
        const auto wdf = static_cast<Xapian::termcount>(std::max(1.0, std::round(spec->weight)));
        for (const std::string& value : values) {
          analyzer.analyze(value, tokens_);
          add_words(xdoc, tokens_, position, wdf, text_field_prefix(name));
          position += next_position(tokens_) + kTitleBodyGap;
        }
        break;
      }
      case FieldType::Stored: break;
    }
  }
}

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
  add_words(xdoc, tokens_, 1, title_wdf_, std::string(kTitlePrefix));
  const Xapian::termpos body_start = next_position(tokens_) + kTitleBodyGap;
  std::size_t words = word_count(tokens_);
  analyzer.analyze(document.text, tokens_);
  add_words(xdoc, tokens_, body_start, 1, std::string());
  words += word_count(tokens_);
  if (!document.fields.empty()) {
    add_fields(xdoc, document, guess.language, next_position(tokens_) + body_start + kTitleBodyGap);
  }
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
