#include "schema/field_values.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"
#include "polysearch/text.hpp"
#include "schema/calendar.hpp"
#include "schema/date_terms.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

using Json = nlohmann::json;

// Reads exactly `digits` decimal digits at `pos`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += digits;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

void append_varint(std::string& out, std::size_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool read_varint(std::string_view in, std::size_t& pos, std::size_t& value) {
  value = 0;
  for (int shift = 0; pos < in.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(in[pos++]);
    value |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

bool read_string(std::string_view in, std::size_t& pos, std::string& out) {
  std::size_t size = 0;
  if (!read_varint(in, pos, size) || size > in.size() - pos) return false;
  out.assign(in.substr(pos, size));
  pos += size;
  return true;
}

[[noreturn]] void bad_value(const std::string& field, const std::string& value,
                            const std::string& why) {
  throw InputError("field '" + repair_utf8(field) + "': " + why + ": '" + repair_utf8(value) + "'",
                   0);
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* first = text.data();
  if (*first == '+') ++first;  // from_chars takes no plus sign
  const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_date(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  double seconds = static_cast<double>(days_from_civil(year, static_cast<unsigned>(month),
                                                       static_cast<unsigned>(day))) *
                   86400.0;
  if (pos == text.size()) return seconds;
  int hour = 0, minute = 0, second = 0;
  if (!expect(text, pos, 'T') && !expect(text, pos, ' ')) return std::nullopt;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
      !read_digits(text, pos, 2, minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  double fraction = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!read_digits(text, pos, 2, second) || second > 60) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      double scale = 0.1;
      const std::size_t digits_start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        fraction += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == digits_start) return std::nullopt;
    }
  }
  seconds += hour * 3600.0 + minute * 60.0 + second + fraction;
  if (pos >= text.size()) return std::nullopt;  // a date-time needs its offset
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int offset_hours = 0, offset_minutes = 0;
    if (!read_digits(text, pos, 2, offset_hours) || offset_hours > 23) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!read_digits(text, pos, 2, offset_minutes) || offset_minutes > 59) return std::nullopt;
    seconds -= sign * (offset_hours * 3600.0 + offset_minutes * 60.0);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return date_seconds(date_millis(seconds));  // whole milliseconds (date_terms.hpp)
}

std::map<std::string, Xapian::valueno> field_slots(const Schema& schema) {
  std::map<std::string, Xapian::valueno> slots;
  Xapian::valueno next = kFirstFieldSlot;
  for (const auto& [name, spec] : schema.fields) {
    if (spec.type == FieldType::Number || spec.type == FieldType::Date) slots[name] = next++;
  }
  return slots;
}

std::string sortable_number(double value) {
  if (!(value < 0)) return Xapian::sortable_serialise(value);  // -0 too: 0's encoding
  std::uint64_t bits = 0;
  static_assert(sizeof bits == sizeof value);
  std::memcpy(&bits, &value, sizeof bits);
  bits = ~bits;  // the sign bit set: larger magnitudes, larger bits, so smaller inverted
  std::string encoded(8, '\0');
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    encoded[i] = static_cast<char>(bits >> (56 - 8 * i));
  }
  return encoded;
}

double sortable_number_value(std::string_view encoded) {
  if (encoded.size() != 8 || static_cast<unsigned char>(encoded.front()) >= 0x80) {
    return Xapian::sortable_unserialise(std::string(encoded));
  }
  std::uint64_t bits = 0;
  for (const char byte : encoded) bits = bits << 8 | static_cast<unsigned char>(byte);
  bits = ~bits;
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::map<std::string, Xapian::valueno> keyword_slots(const Schema& schema) {
  std::map<std::string, Xapian::valueno> slots;
  Xapian::valueno next = kFirstKeywordSlot;
  for (const auto& [name, spec] : schema.fields) {
    if (spec.type == FieldType::Keyword) slots[name] = next++;
  }
  return slots;
}

std::string join_keywords(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string joined;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) joined += kKeywordSeparator;
    joined += values[i];
  }
  // One empty value would make an empty slot, which Xapian takes for no value.
  if (values.size() == 1 && values.front().empty()) joined = std::string(1, kKeywordSeparator);
  return joined;
}

std::vector<std::string> split_keywords(std::string_view joined) {
  std::vector<std::string> values;
  if (joined == std::string_view(&kKeywordSeparator, 1)) return {std::string()};
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = joined.find(kKeywordSeparator, start);
    values.emplace_back(joined.substr(start, end - start));
    if (end == std::string_view::npos) return values;
    start = end + 1;
  }
}

std::optional<double> field_number(FieldType type, std::string_view text, bool upper) {
  if (type == FieldType::Number) return parse_number(text);
  std::optional<double> seconds = parse_date(text);
  if (seconds && upper && text.size() == kDateOnlyLength) {
    *seconds = day_last_millisecond(date_day(*seconds));
  }
  return seconds;
}

std::string format_field_number(FieldType type, double value) {
  if (type != FieldType::Date) {
    // Whole numbers as integers ("1000000", not the shortest form "1e+06").
    if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
      return std::to_string(static_cast<long long>(value));
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
  }
  const double whole_days = std::floor(value / 86400.0);
  std::int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(static_cast<std::int64_t>(whole_days), year, month, day);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(year), month,
                day);
  std::string text = buffer;
  const long long millis = std::llround((value - whole_days * 86400.0) * 1000.0);
  if (millis > 0) {
    const long long whole = millis / 1000;
    std::snprintf(buffer, sizeof buffer, "T%02lld:%02lld:%02lld", whole / 3600, whole / 60 % 60,
                  whole % 60);
    text += buffer;
    if (millis % 1000 != 0) {
      std::snprintf(buffer, sizeof buffer, ".%03lld", millis % 1000);
      text += buffer;
    }
    text += 'Z';
  }
  return text;
}

void validate_fields(const FieldValues& fields, const Schema& schema) {
  for (const auto& [name, values] : fields) {
    if (name.empty()) throw InputError("a field has an empty name", 0);
    require_valid_utf8(name, "field name");
    for (std::string_view reserved : {"id", "title", "text", "body", "lang", "source"}) {
      if (name == reserved) {
        throw InputError("field '" + name + "' is not allowed: it is a document's own", 0);
      }
    }
    for (const std::string& value : values) require_valid_utf8(value, "field '" + name + "'");
    const FieldSpec* spec = schema.find(name);
    if (!spec) continue;
    switch (spec->type) {
      case FieldType::Number:
      case FieldType::Date: {
        const bool is_number = spec->type == FieldType::Number;
        if (values.size() > 1) {
          std::string all;
          for (const std::string& value : values) all += (all.empty() ? "" : "', '") + value;
          bad_value(name, all,
                    std::string("a ") + (is_number ? "number" : "date") +
                        " field takes one value, not " + std::to_string(values.size()));
        }
        for (const std::string& value : values) {
          if (is_number && !parse_number(value)) bad_value(name, value, "not a finite number");
          if (!is_number && !parse_date(value)) {
            bad_value(name, value,
                      "not an ISO 8601 date (2024-05-01) or date-time with offset "
                      "(2024-05-01T10:00:00+02:00)");
          }
        }
        break;
      }
      case FieldType::Keyword:
        for (const std::string& value : values) {
          if (value.find(kKeywordSeparator) != std::string::npos) {
            bad_value(name, value, "a keyword value cannot hold the character U+0000");
          }
          if (value.size() + name.size() + kKeywordPrefix.size() + 1 > kMaxXapianTermBytes) {
            bad_value(name, value.substr(0, 40) + "…",
                      "keyword value too long (a term takes 245 bytes at most)");
          }
        }
        break;
      case FieldType::Text:
      case FieldType::Stored: break;
    }
  }
}

std::string serialize_fields(const FieldValues& fields) {
  std::string out;
  for (const auto& [name, values] : fields) {
    append_varint(out, name.size());
    out += name;
    append_varint(out, values.size());
    for (const std::string& value : values) {
      append_varint(out, value.size());
      out += value;
    }
  }
  return out;
}

FieldValues parse_fields(std::string_view serialised) {
  FieldValues fields;
  std::size_t pos = 0;
  while (pos < serialised.size()) {
    std::string name;
    std::size_t count = 0;
    if (!read_string(serialised, pos, name) || !read_varint(serialised, pos, count)) break;
    std::vector<std::string>& values = fields[name];
    for (std::size_t i = 0; i < count; ++i) {
      std::string value;
      if (!read_string(serialised, pos, value)) return fields;
      values.push_back(std::move(value));
    }
  }
  return fields;
}

std::string stored_schema(const Schema& schema) {
  Json stored = Json::parse(schema.to_json());
  Json slots = Json::object();
  for (const auto& [name, slot] : field_slots(schema)) slots[name] = slot;
  stored["slots"] = std::move(slots);
  Json keywords = Json::object();
  for (const auto& [name, slot] : keyword_slots(schema)) keywords[name] = slot;
  stored["keyword_slots"] = std::move(keywords);
  stored["layout"] = kFieldsLayout;
  return stored.dump();
}

StoredSchema read_stored_schema(std::string_view stored, const std::string& path) {
  if (stored.empty()) return {};
  auto damaged = [&](const std::string& why) {
    return IndexError("open index '" + path + "': its schema cannot be read (" + why +
                          "; written by a newer polysearch?)",
                      path);
  };
  try {
    Json json = Json::parse(stored.begin(), stored.end());
    const int layout = json.value("layout", 1);
    if (layout > kFieldsLayout) throw damaged("layout " + std::to_string(layout));
    Json slots = json.value("slots", Json::object());
    Json keywords = json.value("keyword_slots", Json::object());
    for (const char* key : {"slots", "keyword_slots", "layout"}) json.erase(key);
    StoredSchema read{Schema::from_json(json.dump()), layout >= 2, layout >= 4};
    Json expected = Json::object();
    for (const auto& [name, slot] : field_slots(read.schema)) expected[name] = slot;
    Json expected_keywords = Json::object();
    if (read.sortable) {
      for (const auto& [name, slot] : keyword_slots(read.schema)) expected_keywords[name] = slot;
    }
    if (slots != expected || keywords != expected_keywords) {
      throw damaged("its value slots differ from this polysearch's");
    }
    return read;
  } catch (const Json::exception& error) {
    throw damaged(error.what());
  } catch (const InvalidArgument& error) {
    throw damaged(error.what());
  }
}

}  // namespace polysearch::detail
