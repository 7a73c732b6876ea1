// Schemas (polysearch/schema.hpp): JSON in and out, every error; field values as the index
// reads them (schema/field_values.hpp).
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"
#include "polysearch/schema.hpp"
#include "schema/field_values.hpp"

using polysearch::FieldType;
using polysearch::InvalidArgument;
using polysearch::Language;
using polysearch::Schema;

namespace {

std::string error_of(const std::string& json) {
  try {
    (void)Schema::from_json(json);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("schema: JSON round trip keeps every field and option") {
  const Schema schema = Schema::from_json(R"({"fields": {
      "date": {"type": "date"}, "price": {"type": "number"},
      "category": {"type": "keyword", "fold": true}, "tags": {"type": "keyword"},
      "summary": {"type": "text", "weight": 2.5, "language": "de"},
      "url": {"type": "stored"}}})");
  REQUIRE(schema.fields.size() == 6);
  CHECK(schema.find("date")->type == FieldType::Date);
  CHECK(schema.find("price")->type == FieldType::Number);
  CHECK(schema.find("category")->fold);
  CHECK_FALSE(schema.find("tags")->fold);
  CHECK(schema.find("summary")->weight == 2.5);
  CHECK(schema.find("summary")->language == Language::German);
  CHECK(schema.find("url")->type == FieldType::Stored);
  CHECK(schema.find("nothing") == nullptr);
  CHECK(Schema::from_json(schema.to_json()) == schema);
  CHECK(Schema::from_json("{}").fields.empty());
  CHECK(Schema::from_json(R"({"fields": {}})").to_json() == R"({"fields":{}})");
}

TEST_CASE("schema: every error is one InvalidArgument line") {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "not JSON"},
      {"[1]", "must be an object"},
      {R"({"fields": 3})", "must be an object of fields"},
      {R"({"fields": {}, "extra": 1})", "unknown key 'extra'"},
      {R"({"fields": {"a": {"type": "colour"}}})", "unknown type"},
      {R"({"fields": {"a": {}}})", "has no type"},
      {R"({"fields": {"a": "keyword"}})", "must be an object"},
      {R"({"fields": {"a": {"type": "keyword", "size": 3}}})", "unknown option 'size'"},
      {R"({"fields": {"a": {"type": "keyword", "weight": 3}}})", "'weight' is for text"},
      {R"({"fields": {"a": {"type": "text", "fold": true}}})", "'fold' is for keyword"},
      {R"({"fields": {"a": {"type": "text", "weight": -1}}})", "weight must be"},
      {R"({"fields": {"a": {"type": "text", "language": "xx"}}})", "field 'a'"},
      {R"({"fields": {"a": {"type": "keyword", "fold": "yes"}}})", "fold must be"},
      {R"({"fields": {"Bad": {"type": "keyword"}}})", "bad field name 'Bad'"},
      {R"({"fields": {"a-b": {"type": "keyword"}}})", "bad field name"},
      {R"({"fields": {"title": {"type": "keyword"}}})", "bad field name 'title'"},
      {R"({"fields": {"id": {"type": "keyword"}}})", "bad field name 'id'"},
      {R"({"fields": {"": {"type": "keyword"}}})", "bad field name"},
  };
  for (const auto& [json, expected] : cases) {
    CAPTURE(json);
    const std::string message = error_of(json);
    CHECK(message.find(expected) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("schema: numbers and dates parse as the index reads them") {
  using polysearch::detail::parse_date;
  using polysearch::detail::parse_number;
  CHECK(parse_number("12") == 12.0);
  CHECK(parse_number("-3.5") == -3.5);
  CHECK(parse_number("+1e3") == 1000.0);
  for (const char* bad : {"", "abc", "12abc", "nan", "inf", "1e999", " 1", "1,5"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_number(bad));
  }
  CHECK(parse_date("1970-01-01") == 0.0);
  CHECK(parse_date("2024-05-01") == 1714521600.0);
  CHECK(parse_date("2024-05-01T10:00:00+02:00") == 1714521600.0 + 8 * 3600);
  CHECK(parse_date("2024-05-01T08:00Z") == 1714521600.0 + 8 * 3600);
  CHECK(parse_date("2024-05-01T08:00:00.5Z") == 1714521600.0 + 8 * 3600 + 0.5);
  CHECK(parse_date("2024-02-29") == 1709164800.0);
  for (const char* bad : {"", "2024-5-1", "2023-02-29", "2024-13-01", "2024-05-01T10:00",
                          "2024-05-01T25:00Z", "01/05/2024", "2024-05-01Z", "2024-05-01T10:00+2"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("schema: stored field values and stored schema round trip") {
  using namespace polysearch::detail;
  const FieldValues fields = {{"a", {"x", ""}}, {"tags", {"machine learning", "ü"}}, {"e", {}}};
  CHECK(parse_fields(serialize_fields(fields)) == fields);
  CHECK(parse_fields("").empty());
  const Schema schema = Schema::from_json(
      R"({"fields": {"date": {"type": "date"}, "price": {"type": "number"}, "k": {"type": "keyword"}}})");
  CHECK(field_slots(schema).at("date") == kFirstFieldSlot);
  CHECK(field_slots(schema).at("price") == kFirstFieldSlot + 1);
  CHECK(keyword_slots(schema).at("k") == kFirstKeywordSlot);
  CHECK(read_stored_schema(stored_schema(schema), "x").schema == schema);
  CHECK(read_stored_schema(stored_schema(schema), "x").sortable);
  CHECK(read_stored_schema("", "x").schema.fields.empty());
  // Layout 1 (before sorting and facets) still opens, marked unsortable.
  const StoredSchema old = read_stored_schema(
      R"({"fields":{"d":{"type":"date"},"k":{"type":"keyword"}},"slots":{"d":16}})", "x");
  CHECK(old.schema.fields.size() == 2);
  CHECK_FALSE(old.sortable);
  CHECK_THROWS_AS((void)read_stored_schema(R"({"fields":{},"slots":{},"layout":5})", "x"),
                  polysearch::IndexError);
  CHECK_THROWS_AS(
      (void)read_stored_schema(R"({"fields":{"d":{"type":"date"}},"slots":{"d":40}})", "x"),
      polysearch::IndexError);
}

TEST_CASE("schema: keyword slot values and formatted numbers") {
  using namespace polysearch::detail;
  CHECK(join_keywords({"b", "a", "b"}) == std::string("a\0b", 3));
  CHECK(split_keywords(join_keywords({"b", "a", "b"})) == std::vector<std::string>{"a", "b"});
  CHECK(split_keywords(join_keywords({""})) == std::vector<std::string>{""});
  CHECK(split_keywords(join_keywords({"", "x"})) == std::vector<std::string>{"", "x"});
  CHECK(format_field_number(polysearch::FieldType::Number, 12.5) == "12.5");
  CHECK(format_field_number(polysearch::FieldType::Number, -3) == "-3");
  CHECK(format_field_number(polysearch::FieldType::Number, 1e6) == "1000000");
  CHECK(format_field_number(polysearch::FieldType::Number, 1e300) == "1e+300");
  for (const char* date : {"2024-05-01", "1969-12-31T23:59:59Z", "0001-01-01", "9999-12-31",
                           "2024-02-29T08:00:00.250Z"}) {
    CAPTURE(date);
    CHECK(format_field_number(polysearch::FieldType::Date, *parse_date(date)) == date);
  }
  CHECK(*field_number(polysearch::FieldType::Date, "2024-05-01", true) ==
        *parse_date("2024-05-01T23:59:59.999Z"));
  // Dates keep whole milliseconds: a later fraction rounds, into the next day if need be.
  CHECK(*parse_date("2024-05-01T10:00:00.0004Z") == *parse_date("2024-05-01T10:00:00Z"));
  CHECK(*parse_date("2024-05-01T23:59:59.9996Z") == *parse_date("2024-05-02"));
}

TEST_CASE("schema: number and date slots order every number as bytes, and read back") {
  using polysearch::detail::sortable_number;
  using polysearch::detail::sortable_number_value;
  // Xapian 1.4's sortable_serialise puts these pairs the wrong way round: a negative number
  // whose mantissa needs more than 26 bits, and the negation of a date (ascending sorts).
  CHECK(sortable_number(-90161285.0) < sortable_number(-90161284.0));
  CHECK(sortable_number(-1695600030.25) < sortable_number(-1695600000.0));
  // Numbers >= 0 keep Xapian's encoding; -0 is 0.
  for (const double value : {0.0, 1.0, 12.5, 1e300, 1695600030.25}) {
    CHECK(sortable_number(value) == Xapian::sortable_serialise(value));
  }
  CHECK(sortable_number(-0.0) == sortable_number(0.0));
  std::mt19937_64 random(7);
  std::vector<double> values = {0.0,
                                -1.0,
                                1.0,
                                -0.5,
                                0.5,
                                -1e300,
                                1e300,
                                -1e-300,
                                1e-300,
                                -90161285.0,
                                -90161284.0,
                                -std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::max()};
  for (int i = 0; i < 20000; ++i) {
    const int scale = static_cast<int>(random() % 40) - 10;
    const double value =
        std::ldexp(static_cast<double>(random() % (1ULL << 53)), scale) * (random() % 2 ? 1 : -1);
    values.push_back(value);
    values.push_back(std::round(value));
    values.push_back(value / 4096);
  }
  std::sort(values.begin(), values.end());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string encoded = sortable_number(values[i]);
    REQUIRE_FALSE(encoded.empty());  // an empty value is a missing one
    CHECK(sortable_number_value(encoded) == values[i]);
    if (i > 0 && values[i - 1] < values[i]) {
      CAPTURE(values[i - 1]);
      CAPTURE(values[i]);
      REQUIRE(sortable_number(values[i - 1]) < encoded);
    }
  }
}
