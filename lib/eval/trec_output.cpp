// trec_eval's text output: printf("%-22s\t%s\t%6.4f\n") per value, "%ld" for counts.
#include <cstdio>
#include <ostream>
#include <string>

#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval {
namespace {

std::string format_value(double value, bool integral) {
  char buffer[64];
  if (integral) {
    std::snprintf(buffer, sizeof buffer, "%ld", static_cast<long>(value));
  } else {
    std::snprintf(buffer, sizeof buffer, "%6.4f", value);
  }
  return buffer;
}

void write_line(std::ostream& out, const std::string& name, const std::string& query,
                const std::string& value) {
  constexpr std::size_t kNameWidth = 22;
  out << name;
  if (name.size() < kNameWidth) out << std::string(kNameWidth - name.size(), ' ');
  out << '\t' << query << '\t' << value << '\n';
}

}  // namespace

void write_trec_eval(std::ostream& out, const Evaluation& evaluation, bool per_query) {
  if (per_query) {
    for (const std::string& query : evaluation.evaluated_queries) {
      for (const MeasureValues& measure : evaluation.measures) {
        if (measure.summary_only) continue;
        write_line(out, measure.name, query,
                   format_value(measure.per_query.at(query), measure.integral));
      }
    }
  }
  if (evaluation.print_run_name) write_line(out, "runid", "all", evaluation.run_name);
  for (const MeasureValues& measure : evaluation.measures) {
    write_line(out, measure.name, "all", format_value(measure.all, measure.integral));
  }
}

}  // namespace polysearch::eval
