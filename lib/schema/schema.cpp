#include "polysearch/schema.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <string>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"

namespace polysearch {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 6> kReservedNames = {"id",   "title", "text",
                                                            "body", "lang",  "source"};

FieldType parse_type(const Json& value, const std::string& field) {
  if (value.is_string()) {
    const std::string& name = value.get_ref<const std::string&>();
    for (FieldType type : {FieldType::Text, FieldType::Keyword, FieldType::Number, FieldType::Date,
                           FieldType::Stored}) {
      if (name == to_string(type)) return type;
    }
  }
  throw InvalidArgument("schema: field '" + field + "': unknown type " + value.dump() +
                        " (text, keyword, number, date or stored)");
}

void require_option_of(const std::string& field, const std::string& option, FieldType type,
                       FieldType wanted) {
  if (type != wanted) {
    throw InvalidArgument("schema: field '" + field + "': option '" + option + "' is for " +
                          std::string(to_string(wanted)) + " fields, not " +
                          std::string(to_string(type)));
  }
}

FieldSpec parse_field(const std::string& name, const Json& object) {
  if (!is_valid_field_name(name)) {
    throw InvalidArgument("schema: bad field name '" + name +
                          "' (use a-z, 0-9 and _; not id, title, text, body, lang or source)");
  }
  if (!object.is_object()) {
    throw InvalidArgument("schema: field '" + name +
                          "' must be an object such as {\"type\": "
                          "\"keyword\"}");
  }
  const auto type_it = object.find("type");
  if (type_it == object.end()) throw InvalidArgument("schema: field '" + name + "' has no type");
  FieldSpec spec;
  spec.type = parse_type(*type_it, name);
  for (const auto& [option, value] : object.items()) {
    if (option == "type") continue;
    if (option == "weight") {
      require_option_of(name, option, spec.type, FieldType::Text);
      if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0 ||
          value.get<double>() > 100) {
        throw InvalidArgument("schema: field '" + name + "': weight must be a number in (0, 100]");
      }
      spec.weight = value.get<double>();
    } else if (option == "language") {
      require_option_of(name, option, spec.type, FieldType::Text);
      if (!value.is_string()) {
        throw InvalidArgument("schema: field '" + name +
                              "': language must be a code such as \"de\"");
      }
      try {
        const Language language = parse_language(value.get<std::string>());
        if (language != Language::Unknown) spec.language = language;  // "auto": the document's
      } catch (const InvalidArgument& error) {
        throw InvalidArgument("schema: field '" + name + "': " + error.what());
      }
    } else if (option == "fold") {
      require_option_of(name, option, spec.type, FieldType::Keyword);
      if (!value.is_boolean()) {
        throw InvalidArgument("schema: field '" + name + "': fold must be true or false");
      }
      spec.fold = value.get<bool>();
    } else {
      throw InvalidArgument("schema: field '" + name + "': unknown option '" + option +
                            "' (type, weight, language, fold)");
    }
  }
  return spec;
}

}  // namespace

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::Text: return "text";
    case FieldType::Keyword: return "keyword";
    case FieldType::Number: return "number";
    case FieldType::Date: return "date";
    case FieldType::Stored: return "stored";
  }
  return "stored";
}

std::string fold_keyword(std::string_view value, const AnalyzerOptions& analysis) {
  return Analyzer(detail::kKeywordFoldLanguage, analysis).normalize(value);
}

bool is_valid_field_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  for (std::string_view reserved : kReservedNames) {
    if (name == reserved) return false;
  }
  return true;
}

bool FieldSpec::operator==(const FieldSpec& other) const {
  return type == other.type && weight == other.weight && language == other.language &&
         fold == other.fold;
}

Schema Schema::from_json(std::string_view json) {
  Json root;
  try {
    root = Json::parse(json.begin(), json.end());
  } catch (const Json::parse_error& error) {
    std::string message = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: …" → after "] ".
    if (const auto cut = message.find("] "); cut != std::string::npos) message.erase(0, cut + 2);
    throw InvalidArgument("schema: not JSON: " + message);
  }
  if (!root.is_object()) throw InvalidArgument("schema: must be an object {\"fields\": {…}}");
  Schema schema;
  for (const auto& [key, value] : root.items()) {
    if (key != "fields") {
      throw InvalidArgument("schema: unknown key '" + key + "' (only \"fields\")");
    }
    if (!value.is_object()) {
      throw InvalidArgument("schema: \"fields\" must be an object of fields by name");
    }
    for (const auto& [name, field] : value.items()) {
      schema.fields.emplace(name, parse_field(name, field));
    }
  }
  return schema;
}

std::string Schema::to_json() const {
  Json fields_json = Json::object();
  for (const auto& [name, spec] : fields) {
    Json field = {{"type", std::string(to_string(spec.type))}};
    if (spec.type == FieldType::Text) {
      field["weight"] = spec.weight;
      if (spec.language) field["language"] = std::string(language_code(*spec.language));
    }
    if (spec.type == FieldType::Keyword) field["fold"] = spec.fold;
    fields_json[name] = std::move(field);
  }
  return Json{{"fields", std::move(fields_json)}}.dump();
}

const FieldSpec* Schema::find(std::string_view name) const {
  const auto it = fields.find(std::string(name));
  return it == fields.end() ? nullptr : &it->second;
}

bool Schema::operator==(const Schema& other) const { return fields == other.fields; }

}  // namespace polysearch
