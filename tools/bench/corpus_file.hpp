#pragma once
// Reads one file of the bench corpus (../shared/bench: JSON Lines with id, title, text and
// lang) into documents; shared by the bench programs.
#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "polysearch/index_writer.hpp"
#include "polysearch/language.hpp"

namespace polysearch::bench {

// Appends the file's documents to `documents` and their title and text bytes to `bytes`.
inline void append_corpus_file(const std::string& file, std::vector<Document>& documents,
                               double& bytes) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const nlohmann::json json = nlohmann::json::parse(line);
    Document document;
    document.id = json.at("id").get<std::string>();
    document.title = json.value("title", "");
    document.text = json.value("text", "");
    document.language = parse_language(json.at("lang").get<std::string>());
    bytes += static_cast<double>(document.title.size() + document.text.size());
    documents.push_back(std::move(document));
  }
}

}  // namespace polysearch::bench
