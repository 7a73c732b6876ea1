#include "trec_inputs.hpp"

#include <iostream>

#include "commands.hpp"

namespace polysearch::cli {

void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& arguments) {
  std::string first;
  for (const auto& [name, value] : arguments) {
    if (value != "-") continue;
    if (!first.empty()) {
      throw UsageError(first + " and " + name + " cannot both be standard input ('-')");
    }
    first = name;
  }
}

eval::Qrels read_qrels_argument(const std::string& argument) {
  if (argument == "-") return eval::read_qrels(std::cin, kStdinName);
  return eval::read_qrels(argument);
}

eval::Run read_run_argument(const std::string& argument) {
  if (argument == "-") return eval::read_run(std::cin, kStdinName);
  return eval::read_run(argument);
}

std::vector<eval::Topic> read_topics_argument(const std::string& argument, eval::TopicField field) {
  if (argument == "-") return eval::read_topics(std::cin, kStdinName, field);
  return eval::read_topics(argument, field);
}

}  // namespace polysearch::cli
