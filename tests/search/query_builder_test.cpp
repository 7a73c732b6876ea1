// How analyzed alternatives become Xapian queries.
#include <doctest/doctest.h>

#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"

using polysearch::Analyzer;
using polysearch::DefaultOperator;
using polysearch::Language;
using polysearch::detail::QueryBuilder;

namespace {

// German compounds' clauses (AnalyzerOptions::compounds) are left out unless asked for:
// the last test case shows them.
std::string built(const std::string& query, std::vector<Language> languages,
                  DefaultOperator op = DefaultOperator::Or, bool compounds = false) {
  polysearch::AnalyzerOptions options;
  options.compounds = compounds;
  std::vector<Analyzer> analyzers;
  for (Language l : languages) analyzers.emplace_back(l, options);
  std::vector<Analyzer*> pointers;
  for (Analyzer& a : analyzers) pointers.push_back(&a);
  QueryBuilder builder(pointers, op);
  return builder.build(*polysearch::detail::parse_query(query)).query.get_description();
}

}  // namespace

TEST_CASE("query_builder: one language gives stemmed terms") {
  CHECK(built("Gruendung", {Language::German}) == "Query(Zgrundung)");
  CHECK(built("fundacion linux", {Language::Spanish}) == "Query((Zfundacion OR Zlinux))");
  CHECK(built("fundacion linux", {Language::Spanish}, DefaultOperator::And) ==
        "Query((Zfundacion AND Zlinux))");
}

TEST_CASE("query_builder: languages that stem a word differently give one synonym") {
  const std::string description = built("Gruendung", {Language::German, Language::Spanish});
  CHECK(description == "Query((Zgrundung SYNONYM Zgruendung))");
  // Where every language agrees there is just the one term.
  CHECK(built("PyTorch", {Language::German, Language::Spanish, Language::Chinese}) ==
        "Query(Zpytorch)");
}

TEST_CASE("query_builder: stop words are dropped unless nothing else is left") {
  CHECK(built("la fundacion", {Language::Spanish}) == "Query(Zfundacion)");
  CHECK(built("de la", {Language::Spanish}) == "Query((Zde OR Zla))");
  CHECK(built("+la fundacion", {Language::Spanish}) == "Query((Zla AND_MAYBE Zfundacion))");
  CHECK(built("\"fundación de linux\"", {Language::Spanish}) ==
        "Query((fundacion PHRASE 3 de PHRASE 3 linux))");
}

TEST_CASE("query_builder: question words are stop words of queries") {
  // Words that ask rather than name, missing from Snowball's lists.
  CHECK(built("warum Stiftung", {Language::German}) == "Query(Zstiftung)");
  CHECK(built("cuantos goles", {Language::Spanish}) == "Query(Zgol)");
  CHECK(built("quais estados", {Language::Portuguese}) == "Query(Zestad)");
  CHECK(built("warum", {Language::German}) == "Query(Zwarum)");  // nothing else left
}

TEST_CASE("query_builder: a Chinese question word leaves its run with the bigrams over it") {
  const std::string with = built("什么是合同", {Language::Chinese});
  const std::string without = built("是合同", {Language::Chinese});
  CHECK(with.find("什么") == std::string::npos);
  CHECK(with.find("么是") == std::string::npos);  // the bigram across the cut
  CHECK(with.find("合同") != std::string::npos);
  CHECK(with == without);
  // A question of nothing but question words is still searched.
  CHECK(built("什么", {Language::Chinese}).find("什么") != std::string::npos);
  // Every analyzer's list counts: a German index searched with a Chinese question.
  CHECK(built("合同是什么", {Language::German, Language::Chinese}).find("什么") ==
        std::string::npos);
}

TEST_CASE("query_builder: phrases use unstemmed terms, titles their prefix, lang: filters") {
  CHECK(built("title:\"neue Fassung\"", {Language::German}) == "Query((Sneue PHRASE 2 Sfassung))");
  CHECK(built("title:Gründung", {Language::German}) == "Query(ZSgrundung)");
  CHECK(built("linux lang:es", {Language::Spanish}) == "Query((Zlinux FILTER Les))");
  CHECK(built("lang:pt-BR", {Language::Spanish}) == "Query(0 * Lpt)");
  CHECK(built("linux -lang:es", {Language::Spanish}) == "Query((Zlinux AND_NOT Les))");
}

TEST_CASE("query_builder: wildcards expand over normalized prefixes") {
  CHECK(built("Fundació*", {Language::Spanish}) == "Query(WILDCARD SYNONYM fundacio)");
  CHECK_THROWS_AS(built("!!*", {Language::Spanish}), polysearch::QuerySyntaxError);
}

TEST_CASE("query_builder: unknown lang: codes are syntax errors") {
  CHECK_THROWS_WITH_AS(built("lang:xx foo", {Language::Spanish}),
                       "unknown language 'xx' in lang: at byte 0 (use de, es, pt, zh or und)",
                       polysearch::QuerySyntaxError);
}

TEST_CASE("query_builder: a pure negation matches everything else") {
  CHECK(built("-linux", {Language::Spanish}) == "Query((<alldocuments> AND_NOT Zlinux))");
}

TEST_CASE("query_builder: German words also match compounds' parts, compounds their parts apart") {
  // The word itself, and at half weight the word or a compound's part (XC) as one synonym.
  CHECK(built("Stiftung", {Language::German}, DefaultOperator::Or, true) ==
        "Query((Zstiftung OR 0.5 * (Zstiftung SYNONYM XCstiftung)))");
  // A compound also finds its modifier and immediate head, both, written apart.
  CHECK(built("Krankenversicherungsbeitrag", {Language::German}, DefaultOperator::Or, true) ==
        "Query((Zkrankenversicherungsbeitrag OR 0.5 * ((Zkrankenversicherungsbeitrag SYNONYM "
        "XCkrankenversicherungsbeitrag) OR ((Zkrankenversicher SYNONYM XCkrankenversicher) AND "
        "(Zbeitrag SYNONYM XCbeitrag)))))");
  // Required, the word or those.
  CHECK(built("+Stiftung", {Language::German}, DefaultOperator::Or, true) ==
        "Query((Zstiftung OR 0.5 * (Zstiftung SYNONYM XCstiftung)))");
  // Not for a language without a splitter.
  CHECK(built("fundacion", {Language::Spanish}, DefaultOperator::Or, true) == "Query(Zfundacion)");
}
