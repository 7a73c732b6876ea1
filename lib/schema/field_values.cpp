#include "schema/field_values.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"
#include "polysearch/text.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

using Json = nlohmann::json;

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

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
  return seconds;
}

std::map<std::string, Xapian::valueno> field_slots(const Schema& schema) {
  std::map<std::string, Xapian::valueno> slots;
  Xapian::valueno next = kFirstFieldSlot;
  for (const auto& [name, spec] : schema.fields) {
    if (spec.type == FieldType::Number || spec.type == FieldType::Date) slots[name] = next++;
  }
  return slots;
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
  return stored.dump();
}

Schema read_stored_schema(std::string_view stored, const std::string& path) {
  if (stored.empty()) return {};
  auto damaged = [&](const std::string& why) {
    return IndexError("open index '" + path + "': its schema cannot be read (" + why +
                          "; written by a newer polysearch?)",
                      path);
  };
  try {
    Json json = Json::parse(stored.begin(), stored.end());
    Json slots = json.value("slots", Json::object());
    json.erase("slots");
    Schema schema = Schema::from_json(json.dump());
    Json expected = Json::object();
    for (const auto& [name, slot] : field_slots(schema)) expected[name] = slot;
    if (slots != expected) throw damaged("its value slots differ from this polysearch's");
    return schema;
  } catch (const Json::exception& error) {
    throw damaged(error.what());
  } catch (const InvalidArgument& error) {
    throw damaged(error.what());
  }
}

}  // namespace polysearch::detail
