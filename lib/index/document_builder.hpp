#pragma once
// Turns a polysearch::Document into the Xapian document the schema describes
// (term_prefixes.hpp): analysis plus term generation, everything but the write.  Apart
// from IndexWriter so that the stages can be measured (tools/bench) and run on other
// threads than the writer's.
#include <xapian.h>

#include <map>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/language.hpp"
#include "polysearch/schema.hpp"

namespace polysearch::detail {

class DocumentBuilder {
 public:
  // `title_wdf`: how many times a title word counts (IndexOptions::title_wdf).
  DocumentBuilder(AnalyzerOptions analysis, Schema schema, Xapian::termcount title_wdf);

  // The document analyzed in `guess.language`.  `document` must be valid (UTF-8, size,
  // fields: validate_document).
  Xapian::Document build(const Document& document, const LanguageGuess& guess);

 private:
  Analyzer& analyzer_for(Language language);

  std::string fold_keyword(std::string_view value);
  void add_fields(Xapian::Document& xdoc, const Document& document, Language language,
                  Xapian::termpos first);

  AnalyzerOptions analysis_;
  Schema schema_;
  Xapian::termcount title_wdf_;
  std::map<std::string, Xapian::valueno> slots_;          // number and date fields' value slots
  std::map<std::string, Xapian::valueno> keyword_slots_;  // keyword fields' value slots
  std::map<Language, Analyzer> analyzers_;                // one per language met, reused
  std::vector<Token> tokens_;                             // reused between documents
};

}  // namespace polysearch::detail
