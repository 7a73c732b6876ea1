// polysearch info: what an index holds.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kInfoFooter =
    R"help(Prints the index path, schema version, documents, indexed words, distinct terms,
the analysis settings the index was built with (searches use them), how many times a
title word counts (index --title-wdf) and a table of documents and words per language.
With --json, one JSON object.

Examples:
  polysearch info --db ./idx)help";

struct InfoCommandOptions {
  std::string db;
  bool json = false;
};

Json info_json(const IndexInfo& info) {
  Json languages = Json::array();
  for (const auto& stats : info.languages) {
    languages.push_back({{"code", language_code(stats.language)},
                         {"name", language_name(stats.language)},
                         {"documents", stats.documents},
                         {"words", stats.words}});
  }
  return {{"path", info.path.string()},
          {"schema_version", info.schema_version},
          {"documents", info.documents},
          {"words", info.words},
          {"distinct_terms", info.distinct_terms},
          {"analysis",
           {{"stemming", info.analysis.stemming},
            {"fold_diacritics", info.analysis.fold_diacritics},
            {"word_parts", info.analysis.word_parts},
            {"german_compounds", info.analysis.compounds},
            {"fold_chinese_script", info.analysis.chinese.fold_script},
            {"fold_chinese_variants", info.analysis.chinese.fold_variants},
            {"chinese_segmentation", to_string(info.analysis.chinese.segmentation)},
            {"chinese_unigrams", info.analysis.chinese.unigrams},
            {"dictionary_words", info.analysis.chinese.dictionary
                                     ? info.analysis.chinese.dictionary->size()
                                     : std::size_t{0}},
            {"compound_dictionary_entries", info.analysis.compound_dictionary
                                                ? info.analysis.compound_dictionary->size()
                                                : std::size_t{0}}}},
          {"title_wdf", info.title_wdf},
          {"schema", Json::parse(info.schema.to_json())},
          {"languages", languages}};
}

// "date (date), category (keyword, folded)", or "none" for an index without a schema.
std::string describe_fields(const Schema& schema) {
  std::string text;
  for (const auto& [name, spec] : schema.fields) {
    std::string details(to_string(spec.type));
    if (spec.type == FieldType::Keyword && spec.fold) details += ", folded";
    if (spec.type == FieldType::Text) {
      details += ", weight " + fixed(spec.weight, 1);
      if (spec.language) details += ", " + std::string(language_code(*spec.language));
    }
    text += (text.empty() ? "" : ", ") + name + " (" + details + ")";
  }
  return text.empty() ? "none (index --schema declares them)" : text;
}

std::string describe_analysis(const AnalyzerOptions& analysis) {
  const auto on_off = [](bool on) { return on ? "on" : "off"; };
  return std::string("stemming ") + on_off(analysis.stemming) + ", diacritic folding " +
         on_off(analysis.fold_diacritics) + ", word parts " + on_off(analysis.word_parts) +
         ", German compounds " + on_off(analysis.compounds) + ", Chinese script folding " +
         on_off(analysis.chinese.fold_script) + ", Chinese variant folding " +
         on_off(analysis.chinese.fold_variants) + ", Chinese segmentation " +
         to_string(analysis.chinese.segmentation) +
         (analysis.chinese.segmentation == ChineseSegmentation::Hybrid && analysis.chinese.unigrams
              ? " with unigrams"
              : "") +
         (analysis.chinese.dictionary && !analysis.chinese.dictionary->empty()
              ? ", user dictionary of " + std::to_string(analysis.chinese.dictionary->size()) +
                    " words"
              : std::string()) +
         (analysis.compound_dictionary && !analysis.compound_dictionary->empty()
              ? ", German compound dictionary of " +
                    std::to_string(analysis.compound_dictionary->size()) + " entries"
              : std::string());
}

void print_info(const IndexInfo& info) {
  std::cout << format_table({{"index", info.path.string()},
                             {"schema version", std::to_string(info.schema_version)},
                             {"documents", std::to_string(info.documents)},
                             {"words", std::to_string(info.words)},
                             {"distinct terms", std::to_string(info.distinct_terms)},
                             {"analysis", describe_analysis(info.analysis)},
                             {"title wdf", std::to_string(info.title_wdf)},
                             {"fields", describe_fields(info.schema)}});
  if (info.languages.empty()) return;
  std::vector<std::vector<std::string>> rows{{"code", "language", "documents", "words"}};
  for (const auto& stats : info.languages) {
    rows.push_back({std::string(language_code(stats.language)),
                    std::string(language_name(stats.language)), std::to_string(stats.documents),
                    std::to_string(stats.words)});
  }
  std::cout << '\n' << format_table(rows, {false, false, true, true});
}

int run_info(const InfoCommandOptions& options) {
  Searcher searcher(options.db);
  const IndexInfo info = searcher.info();
  if (options.json) {
    std::cout << json_line(info_json(info)) << '\n';
  } else {
    print_info(info);
  }
  return kExitOk;
}

}  // namespace

void add_info_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<InfoCommandOptions>();
  CLI::App* sub = app.add_subcommand("info", "Show what an index holds");
  sub->add_option("--db", options->db, "Index directory")->required()->type_name(kDirType);
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->footer(kInfoFooter);
  sub->callback([options, &action] { action = [options] { return run_info(*options); }; });
}

}  // namespace polysearch::cli
