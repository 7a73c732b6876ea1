#pragma once
// Reading the TREC files of `run`, `eval` and `compare` from a path or, for "-", from
// standard input (named "<stdin>" in messages).

#include <string>
#include <utility>
#include <vector>

#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::cli {

// The name of standard input in messages ("<stdin>:3: …").
inline constexpr const char* kStdinName = "<stdin>";

// Throws UsageError when more than one of the arguments is "-": standard input can be
// read once.  Each item is {what the user typed it as ("--qrels", "RUN_A"), its value}.
void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& arguments);

[[nodiscard]] eval::Qrels read_qrels_argument(const std::string& argument);
[[nodiscard]] eval::Run read_run_argument(const std::string& argument);
[[nodiscard]] std::vector<eval::Topic> read_topics_argument(const std::string& argument,
                                                            eval::TopicField field);

}  // namespace polysearch::cli
