#include "eval/measure_spec.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <system_error>

#include "polysearch/error.hpp"

namespace polysearch::eval::detail {
namespace {

std::string known_list() {
  std::string list;
  for (const MeasureDef& def : measure_table()) {
    list += std::string(list.empty() ? "" : ", ") + def.name;
  }
  list += "; nicknames:";
  for (const Nickname& nickname : measure_nicknames()) list += std::string(" ") + nickname.name;
  return list;
}

const MeasureDef* find_measure(std::string_view name) {
  for (const MeasureDef& def : measure_table()) {
    if (name == def.name) return &def;
  }
  return nullptr;
}

const Nickname* find_nickname(std::string_view name) {
  for (const Nickname& nickname : measure_nicknames()) {
    if (name == nickname.name) return &nickname;
  }
  return nullptr;
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t comma = text.find(','); comma != std::string_view::npos;
       comma = text.find(',', begin)) {
    parts.push_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  parts.push_back(text.substr(begin));
  return parts;
}

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

[[noreturn]] void bad_parameters(const std::string& spec, const std::string& expected) {
  throw InvalidArgument("invalid parameters in measure '" + spec + "' (expected " + expected + ")");
}

std::vector<long> parse_cutoffs(const std::string& spec, std::string_view text) {
  std::vector<long> cutoffs;
  for (const std::string_view part : split_commas(text)) {
    const auto cutoff = parse_number<long>(part);
    if (!cutoff || *cutoff <= 0) bad_parameters(spec, "positive integers such as P.5,10");
    cutoffs.push_back(*cutoff);
  }
  std::sort(cutoffs.begin(), cutoffs.end());
  if (std::adjacent_find(cutoffs.begin(), cutoffs.end()) != cutoffs.end()) {
    bad_parameters(spec, "no cutoff twice");
  }
  return cutoffs;
}

std::vector<double> parse_numbers(const std::string& spec, std::string_view text) {
  std::vector<double> numbers;
  for (const std::string_view part : split_commas(text)) {
    const auto number = parse_number<double>(part);
    if (!number || !std::isfinite(*number)) bad_parameters(spec, "numbers separated by commas");
    numbers.push_back(*number);
  }
  return numbers;
}

std::vector<double> parse_fractions(const std::string& spec, std::string_view text) {
  std::vector<double> fractions = parse_numbers(spec, text);
  std::sort(fractions.begin(), fractions.end());
  if (std::adjacent_find(fractions.begin(), fractions.end()) != fractions.end()) {
    bad_parameters(spec, "no value twice");
  }
  return fractions;
}

std::vector<GainParam> parse_gains(const std::string& spec, std::string_view text) {
  std::vector<GainParam> gains;
  for (const std::string_view part : split_commas(text)) {
    const std::size_t equals = part.find('=');
    const auto level = parse_number<long>(part.substr(0, equals));
    const auto gain = equals == std::string_view::npos
                          ? std::nullopt
                          : parse_number<double>(part.substr(equals + 1));
    if (!level || !gain || !std::isfinite(*gain))
      bad_parameters(spec, "LEVEL=GAIN pairs such as ndcg.1=1,2=4");
    const bool repeated = std::any_of(gains.begin(), gains.end(),
                                      [&](const GainParam& g) { return g.level == *level; });
    if (repeated) bad_parameters(spec, "each level once");
    gains.push_back({*level, *gain});
  }
  return gains;
}

MeasureParams params_from_text(const MeasureDef& def, const std::string& spec,
                               std::string_view text) {
  MeasureParams params;
  switch (def.params) {
    case ParamKind::None:
      throw InvalidArgument("measure '" + std::string(def.name) + "' takes no parameters, got '" +
                            spec + "'");
    case ParamKind::Cutoffs: params.cutoffs = parse_cutoffs(spec, text); break;
    case ParamKind::Fractions: params.numbers = parse_fractions(spec, text); break;
    case ParamKind::Numbers: params.numbers = parse_numbers(spec, text); break;
    case ParamKind::Gains: params.gains = parse_gains(spec, text); break;
  }
  return params;
}

MeasureParams default_params(const MeasureDef& def) {
  MeasureParams params;
  if (def.params == ParamKind::Cutoffs) {
    for (const double cutoff : def.defaults) params.cutoffs.push_back(static_cast<long>(cutoff));
  } else {
    params.numbers = def.defaults;
  }
  return params;
}

// Parameter counts trec_eval insists on.
void check_param_count(const MeasureDef& def, const MeasureParams& params,
                       const std::string& spec) {
  const std::string name = def.name;
  if (name == "utility" && params.numbers.size() != 4) {
    bad_parameters(spec, "4 coefficients, e.g. utility.1,-1,0,0");
  }
}

// trec_eval appends "_%ld" per cutoff, "_%3.2f" per fraction and "_<parameters as typed>"
// for coefficient and gain lists.
std::vector<std::string> value_names(const MeasureDef& def, const MeasureParams& params,
                                     const std::optional<std::string>& typed) {
  const std::string base = def.name;
  std::vector<std::string> names;
  if (def.params == ParamKind::Cutoffs) {
    for (const long cutoff : params.cutoffs) names.push_back(base + "_" + std::to_string(cutoff));
  } else if (def.params == ParamKind::Fractions) {
    for (const double fraction : params.numbers) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "_%3.2f", fraction);
      names.push_back(base + buffer);
    }
  } else {
    names.push_back(typed ? base + "_" + *typed : base);
  }
  return names;
}

// Name -> the parameter text given for it, if any.
using Requests = std::map<const MeasureDef*, std::optional<std::string>>;

void request(Requests& requests, const MeasureDef* def, const std::optional<std::string>& params,
             const std::string& spec) {
  auto [it, added] = requests.emplace(def, params);
  if (added || !params || it->second == params) return;
  if (!it->second) {
    it->second = params;
    return;
  }
  throw InvalidArgument("measure '" + std::string(def->name) +
                        "' given twice with different parameters ('" + *it->second + "' and '" +
                        *params + "' in '" + spec + "'); list them in one: " + def->name + "." +
                        *it->second + "," + *params);
}

void add_spec(Requests& requests, const std::string& spec) {
  const std::size_t dot = spec.find('.');
  const std::string name = spec.substr(0, dot);
  std::optional<std::string> params;
  if (dot != std::string::npos) params = spec.substr(dot + 1);
  if (params && params->empty()) {
    throw InvalidArgument("measure '" + spec + "' has an empty parameter list");
  }
  if (const Nickname* nickname = find_nickname(name)) {
    if (params) throw InvalidArgument("measure nickname '" + name + "' takes no parameters");
    for (const std::string& member : nickname->measures) {
      request(requests, find_measure(member), std::nullopt, spec);
    }
    return;
  }
  const MeasureDef* def = find_measure(name);
  if (def == nullptr) {
    throw InvalidArgument("unknown measure '" + spec + "' (known: " + known_list() + ")");
  }
  request(requests, def, params, spec);
}

}  // namespace

std::vector<ResolvedMeasure> resolve_measures(const std::vector<std::string>& specs) {
  Requests requests;
  for (const std::string& spec : specs) add_spec(requests, spec);
  std::vector<ResolvedMeasure> resolved;
  for (const MeasureDef& def : measure_table()) {
    const auto it = requests.find(&def);
    if (it == requests.end()) continue;
    const std::optional<std::string>& typed = it->second;
    const std::string spec = std::string(def.name) + (typed ? "." + *typed : "");
    ResolvedMeasure measure;
    measure.def = &def;
    measure.params = typed ? params_from_text(def, spec, *typed) : default_params(def);
    check_param_count(def, measure.params, spec);
    measure.value_names = value_names(def, measure.params, typed);
    resolved.push_back(std::move(measure));
  }
  return resolved;
}

}  // namespace polysearch::eval::detail
