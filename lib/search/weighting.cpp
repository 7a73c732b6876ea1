#include "polysearch/weighting.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "polysearch/error.hpp"
#include "search/weighting_scheme.hpp"

namespace polysearch {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct ModelInfo {
  WeightingModel model;
  std::string_view name;
  std::vector<WeightingParameter> parameters;
};

// One row per model, in enum order.  Defaults are Xapian's, except BM25's and BM25+'s k1 and b,
// which are polysearch's (Bm25Params: 2, 0.9).
const std::vector<ModelInfo>& models() {
  static const std::vector<ModelInfo> table = {
      {WeightingModel::Bm25, "bm25", {{"k1", 2.0, 0.0, kInfinity}, {"b", 0.9, 0.0, 1.0}}},
      {WeightingModel::Bm25Plus,
       "bm25+",
       {{"k1", 2.0, 0.0, kInfinity}, {"b", 0.9, 0.0, 1.0}, {"delta", 1.0, 0.0, kInfinity}}},
      {WeightingModel::LmDirichlet, "lm-dirichlet", {{"mu", 2000.0, 0.0, kInfinity}}},
      {WeightingModel::LmTwoStage,
       "lm-two-stage",
       {{"lambda", 0.7, 0.0, 1.0}, {"mu", 2000.0, 0.0, kInfinity}}},
      {WeightingModel::LmJelinekMercer, "lm-jelinek-mercer", {{"lambda", 0.7, 0.0, 1.0}}},
      {WeightingModel::Pl2, "pl2", {{"c", 1.0, 0.0, kInfinity}}},
      {WeightingModel::Pl2Plus,
       "pl2+",
       {{"c", 1.0, 0.0, kInfinity}, {"delta", 0.9, 0.0, kInfinity}}},
      {WeightingModel::Dph, "dph", {}},
      {WeightingModel::Dlh, "dlh", {}},
      {WeightingModel::InL2, "inl2", {{"c", 1.0, 0.0, kInfinity}}},
      {WeightingModel::IfB2, "ifb2", {{"c", 1.0, 0.0, kInfinity}}},
      {WeightingModel::IneB2, "ineb2", {{"c", 1.0, 0.0, kInfinity}}},
      {WeightingModel::Bb2, "bb2", {{"c", 1.0, 0.0, kInfinity}}},
      {WeightingModel::TfIdf, "tfidf", {}},
  };
  return table;
}

const ModelInfo& info(WeightingModel model) { return models().at(static_cast<std::size_t>(model)); }

// The model's parameter of this name; null when it takes none such.
const WeightingParameter* find_parameter(const ModelInfo& model, std::string_view name) {
  for (const WeightingParameter& parameter : model.parameters) {
    if (parameter.name == name) return &parameter;
  }
  return nullptr;
}

// "a, b, c".
template <typename Names>
std::string join_names(const Names& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

std::string format_number(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << value;
  return out.str();
}

double parse_value(std::string_view text, const WeightingParameter& parameter,
                   std::string_view model) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool ok = !text.empty() && error == std::errc() && end == text.data() + text.size() &&
                  std::isfinite(value) && value >= parameter.min && value <= parameter.max;
  if (!ok) {
    std::string range = "from " + format_number(parameter.min);
    range += parameter.max == kInfinity ? " up" : " to " + format_number(parameter.max);
    throw InvalidArgument(std::string(model) + " parameter " + parameter.name + " '" +
                          std::string(text) + "' is not a number " + range);
  }
  return value;
}

// The parameter's value: given, or else its default (BM25's k1 and b: the request's).
double value_of(const Weighting& weighting, std::string_view name, const Bm25Params& bm25) {
  const auto given = weighting.parameters.find(std::string(name));
  if (given != weighting.parameters.end()) return given->second;
  if (weighting.model == WeightingModel::Bm25 || weighting.model == WeightingModel::Bm25Plus) {
    if (name == "k1") return bm25.k1;
    if (name == "b") return bm25.b;
  }
  if (const WeightingParameter* parameter = find_parameter(info(weighting.model), name)) {
    return parameter->default_value;
  }
  throw InvalidArgument(std::string(weighting_name(weighting.model)) + " has no parameter " +
                        std::string(name));
}

}  // namespace

std::string_view weighting_name(WeightingModel model) noexcept {
  return models()[static_cast<std::size_t>(model)].name;
}

const std::vector<WeightingParameter>& weighting_parameters(WeightingModel model) {
  return info(model).parameters;
}

std::vector<std::string_view> weighting_names() {
  std::vector<std::string_view> names;
  for (const ModelInfo& row : models()) names.push_back(row.name);
  return names;
}

Weighting parse_weighting(std::string_view specification) {
  const std::size_t colon = specification.find(':');
  const std::string_view name = specification.substr(0, colon);
  const ModelInfo* model = nullptr;
  for (const ModelInfo& row : models()) {
    if (row.name == name) model = &row;
  }
  if (model == nullptr) {
    throw InvalidArgument("unknown weighting model '" + std::string(name) +
                          "' (known: " + join_names(weighting_names()) + ")");
  }
  Weighting weighting;
  weighting.model = model->model;
  if (colon == std::string_view::npos) return weighting;
  std::string_view rest = specification.substr(colon + 1);
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const std::size_t equals = item.find('=');
    const std::string_view key = item.substr(0, equals);
    const WeightingParameter* parameter = find_parameter(*model, key);
    if (parameter == nullptr || equals == std::string_view::npos) {
      std::vector<std::string_view> names;
      for (const WeightingParameter& candidate : model->parameters) names.push_back(candidate.name);
      const std::string known = join_names(names);
      throw InvalidArgument("weighting '" + std::string(specification) + "': expected " +
                            (known.empty() ? std::string(name) + " without parameters"
                                           : "PARAM=VALUE with PARAM one of " + known));
    }
    if (weighting.parameters.count(parameter->name) != 0) {
      throw InvalidArgument("weighting '" + std::string(specification) + "': " + parameter->name +
                            " given twice");
    }
    weighting.parameters[parameter->name] = parse_value(item.substr(equals + 1), *parameter, name);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return weighting;
}

std::string to_string(const Weighting& weighting) {
  std::string text(weighting_name(weighting.model));
  char separator = ':';
  for (const WeightingParameter& parameter : info(weighting.model).parameters) {
    const auto given = weighting.parameters.find(parameter.name);
    if (given == weighting.parameters.end()) continue;
    text += separator + parameter.name + "=" + format_number(given->second);
    separator = ',';
  }
  return text;
}

namespace detail {

void check_weighting(const Weighting& weighting) {
  const ModelInfo& model = info(weighting.model);
  for (const auto& [name, value] : weighting.parameters) {
    const WeightingParameter* parameter = find_parameter(model, name);
    if (parameter == nullptr) {
      throw InvalidArgument(std::string(model.name) + " has no parameter " + name);
    }
    if (!(value >= parameter->min && value <= parameter->max) || !std::isfinite(value)) {
      throw InvalidArgument(std::string(model.name) + " parameter " + name + " = " +
                            format_number(value) + " is out of range");
    }
  }
}

std::unique_ptr<Xapian::Weight> make_weight(const Weighting& weighting, const Bm25Params& bm25) {
  const auto value = [&](std::string_view name) { return value_of(weighting, name, bm25); };
  // BM25's k2 = 0, k3 = 1 and min_normlen = 0.5: as before this option existed.
  switch (weighting.model) {
    case WeightingModel::Bm25:
      return std::make_unique<Xapian::BM25Weight>(value("k1"), 0.0, 1.0, value("b"), 0.5);
    case WeightingModel::Bm25Plus:
      return std::make_unique<Xapian::BM25PlusWeight>(value("k1"), 0.0, 1.0, value("b"), 0.5,
                                                      value("delta"));
    case WeightingModel::LmDirichlet:
      return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING,
                                                value("mu"), 0.0);
    case WeightingModel::LmTwoStage:
      return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::TWO_STAGE_SMOOTHING,
                                                value("lambda"), value("mu"));
    case WeightingModel::LmJelinekMercer:
      return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::JELINEK_MERCER_SMOOTHING,
                                                value("lambda"), 0.0);
    case WeightingModel::Pl2: return std::make_unique<Xapian::PL2Weight>(value("c"));
    case WeightingModel::Pl2Plus:
      return std::make_unique<Xapian::PL2PlusWeight>(value("c"), value("delta"));
    case WeightingModel::Dph: return std::make_unique<Xapian::DPHWeight>();
    case WeightingModel::Dlh: return std::make_unique<Xapian::DLHWeight>();
    case WeightingModel::InL2: return std::make_unique<Xapian::InL2Weight>(value("c"));
    case WeightingModel::IfB2: return std::make_unique<Xapian::IfB2Weight>(value("c"));
    case WeightingModel::IneB2: return std::make_unique<Xapian::IneB2Weight>(value("c"));
    case WeightingModel::Bb2: return std::make_unique<Xapian::BB2Weight>(value("c"));
    case WeightingModel::TfIdf: return std::make_unique<Xapian::TfIdfWeight>();
  }
  throw InvalidArgument("unknown weighting model");
}

}  // namespace detail
}  // namespace polysearch
