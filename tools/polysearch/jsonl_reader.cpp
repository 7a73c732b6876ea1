#include "jsonl_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

#include "polysearch/error.hpp"
#include "polysearch/language.hpp"
#include "polysearch/text.hpp"
#include "utf8_text.hpp"

namespace polysearch::cli {
namespace {

using nlohmann::json;

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Nesting depth of [ and { outside strings (syntax is checked later by the parser).
std::size_t nesting_depth(std::string_view line) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// nlohmann's what() without its "[json.exception.…] " tag and, for parse errors, without
// "parse error at line 1, column 7: " (a line is always line 1; the caller adds a byte).
std::string json_reason(const json::exception& error) {
  std::string_view what = error.what();
  if (const std::size_t tag = what.find("] "); tag != std::string_view::npos) {
    what.remove_prefix(tag + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
  }
  return std::string(what);
}

JsonlRecord invalid(std::string problem) {
  JsonlRecord record;
  record.status = JsonlRecord::Status::Invalid;
  record.problem = std::move(problem);
  return record;
}

// Sets `out` from an optional string field; returns a problem or "".
std::string read_string_field(const json& object, const char* name, std::string& out) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) {
    return std::string("'") + name + "' must be a string, not " + it->type_name();
  }
  out = it->get<std::string>();
  if (const auto nul = find_nul(out)) {
    return std::string("'") + name + "' contains a NUL character at byte " + std::to_string(*nul);
  }
  return {};
}

std::string read_id(const json& object, std::string& id) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) return "missing 'id'";
  if (it->is_number_unsigned()) {
    id = std::to_string(it->get<std::uint64_t>());
  } else if (it->is_number_integer()) {
    id = std::to_string(it->get<std::int64_t>());
  } else if (it->is_string()) {
    id = it->get<std::string>();
  } else {
    return std::string("'id' must be a string or an integer, not ") + it->type_name();
  }
  if (id.empty()) return "empty 'id'";
  if (find_nul(id)) return "'id' contains a NUL character";
  return {};
}

bool has_field(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && !it->is_null();
}

std::string read_text(const json& object, std::string& text) {
  const bool has_text = has_field(object, "text");
  const bool has_body = has_field(object, "body");
  if (has_text && has_body) return "both 'text' and 'body' given (they are aliases)";
  return read_string_field(object, has_body ? "body" : "text", text);
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_alphanumeric(char c) { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }

// Whether `code` is shaped like a BCP 47 language tag: a primary subtag of 2 or 3 letters,
// then subtags of 1 to 8 letters or digits, separated by '-' or '_' ("en", "fr-CA",
// "yue-Hant").
bool is_language_tag(std::string_view code) {
  std::size_t at = 0;
  while (at < code.size() && is_ascii_letter(code[at])) ++at;
  if (at < 2 || at > 3) return false;
  while (at < code.size()) {
    if (code[at] != '-' && code[at] != '_') return false;
    const std::size_t start = ++at;
    while (at < code.size() && is_ascii_alphanumeric(code[at])) ++at;
    if (at == start || at - start > 8) return false;
  }
  return true;
}

std::string read_language(const json& object, Language& language, std::string& unsupported) {
  std::string code;
  if (std::string problem = read_string_field(object, "lang", code); !problem.empty()) {
    return problem;
  }
  if (code.empty()) return {};
  try {
    language = parse_language(code);
  } catch (const InvalidArgument&) {
    if (is_language_tag(code)) {
      language = Language::Neutral;
      unsupported = code;
      return {};
    }
    std::vector<Language> accepted = analyzable_languages();
    accepted.push_back(Language::Unknown);
    return "unknown lang '" + code +
           "' (expected a language code: " + list_language_codes(accepted, "") +
           ", or another such as en or fr-CA)";
  }
  return {};
}

bool is_document_key(const std::string& key) {
  for (const char* own : {"id", "title", "text", "body", "lang", "source"}) {
    if (key == own) return true;
  }
  return false;
}

// A field value for the message: its JSON, cut at 60 bytes.
std::string shown(const json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// One scalar of a field: a string as it is, a number as JSON writes it.
std::string read_scalar(const std::string& key, const json& value, std::string& out) {
  if (value.is_string()) {
    out = value.get<std::string>();
    if (find_nul(out)) return "field '" + key + "' contains a NUL character";
    return {};
  }
  if (value.is_number()) {
    out = value.dump();
    return {};
  }
  return "field '" + key + "' must be a string, a number or an array of them, not " +
         value.type_name() + " " + shown(value);
}

// Every key that is not one of the document's own goes to Document::fields.
std::string read_fields(const json& object, Document& document) {
  for (const auto& [key, value] : object.items()) {
    if (is_document_key(key) || value.is_null()) continue;
    std::vector<std::string>& values = document.fields[key];
    if (!value.is_array()) {
      values.emplace_back();
      if (std::string problem = read_scalar(key, value, values.back()); !problem.empty()) {
        return problem;
      }
      continue;
    }
    for (const json& item : value) {
      values.emplace_back();
      if (std::string problem = read_scalar(key, item, values.back()); !problem.empty()) {
        return problem;
      }
    }
  }
  return {};
}

std::string read_document(const json& object, Document& document, std::string& unsupported) {
  for (const auto& problem :
       {read_id(object, document.id), read_string_field(object, "title", document.title),
        read_text(object, document.text), read_string_field(object, "source", document.source),
        read_language(object, document.language, unsupported), read_fields(object, document)}) {
    if (!problem.empty()) return problem;
  }
  return {};
}

}  // namespace

JsonlRecord parse_jsonl_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank(line)) return {};
  if (const auto problem = find_invalid_utf8(line)) {
    return invalid(std::string("invalid UTF-8 (") + problem->reason + ") at byte " +
                   std::to_string(problem->offset));
  }
  if (nesting_depth(line) > kMaxJsonDepth) {
    return invalid("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  json value;
  try {
    value = json::parse(line);
  } catch (const json::parse_error& error) {
    const std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
    return invalid("invalid JSON at byte " + std::to_string(at) + ": " + json_reason(error));
  } catch (const json::exception& error) {
    return invalid("invalid JSON: " + json_reason(error));
  }
  if (!value.is_object()) {
    return invalid(std::string("expected a JSON object, got ") + value.type_name());
  }
  JsonlRecord record;
  record.status = JsonlRecord::Status::Document;
  if (std::string problem = read_document(value, record.document, record.unsupported_language);
      !problem.empty()) {
    return invalid(std::move(problem));
  }
  return record;
}

bool read_jsonl_line(std::istream& in, std::string& line) {
  bool too_long = false;
  return read_jsonl_line(in, line, std::string::npos, too_long);
}

bool read_jsonl_line(std::istream& in, std::string& line, std::size_t max_bytes, bool& too_long) {
  line.clear();
  too_long = false;
  bool read_any = false;
  char chunk[1 << 16];
  for (;;) {
    in.getline(chunk, sizeof chunk);
    auto got = static_cast<std::size_t>(in.gcount());
    const bool newline = in.good();  // the newline was read (and counted in gcount)
    if (newline) --got;
    if (got > 0 || newline) read_any = true;
    if (!too_long && got > max_bytes - std::min(max_bytes, line.size())) {
      too_long = true;
      std::string().swap(line);  // give the memory back
    }
    if (!too_long) line.append(chunk, got);
    if (newline || in.bad()) break;
    if (in.eof()) break;
    in.clear();  // the chunk filled up before the end of the line: read on
  }
  if (!read_any) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace polysearch::cli
