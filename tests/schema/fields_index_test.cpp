// Document fields in an index: the schema stored and kept, values checked, returned with
// hits, and filters and ranges in queries checked against a brute-force evaluation of
// generated documents, on a plain and on a sharded index.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/term_prefixes.hpp"
#include "polysearch/polysearch.hpp"
#include "schema/field_values.hpp"
#include "support/test_support.hpp"

using polysearch::Document;
using polysearch::IndexOptions;
using polysearch::IndexWriter;
using polysearch::OpenMode;
using polysearch::Schema;
using polysearch::Searcher;
using polysearch::SearchRequest;
using polysearch::test::TempDir;

namespace {

Schema news_schema() {
  return Schema::from_json(R"({"fields": {
      "date": {"type": "date"}, "price": {"type": "number"},
      "category": {"type": "keyword", "fold": true}, "tags": {"type": "keyword"},
      "summary": {"type": "text", "weight": 2}, "url": {"type": "stored"}}})");
}

IndexOptions with_schema(std::size_t shards = 0) {
  IndexOptions options;
  options.schema = news_schema();
  options.shards = shards;
  return options;
}

std::set<std::string> ids_of(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 10000;
  request.snippets = false;
  std::set<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.insert(hit.id);
  return ids;
}

Document doc(const std::string& id, const std::string& text,
             std::map<std::string, std::vector<std::string>> fields) {
  Document document;
  document.id = id;
  document.text = text;
  document.language = polysearch::Language::German;
  document.fields = std::move(fields);
  return document;
}

}  // namespace

TEST_CASE("fields: the schema is stored, kept, and a different one refused") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    CHECK(writer.schema() == news_schema());
  }
  {
    IndexWriter writer(dir.path(), OpenMode::Open);  // no schema given: keeps its own
    CHECK(writer.schema() == news_schema());
  }
  IndexOptions other;
  other.schema = Schema::from_json(R"({"fields": {"date": {"type": "keyword"}}})");
  CHECK_THROWS_AS(IndexWriter(dir.path(), OpenMode::Open, other), polysearch::IndexError);
  Searcher searcher(dir.path());
  CHECK(searcher.info().schema == news_schema());
}

TEST_CASE("fields: an index without a schema stores fields and searches as before") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    CHECK(writer.schema().fields.empty());
    writer.add(doc("a", "Stiftung gegründet", {{"category", {"sport"}}, {"n", {"x", "y"}}}));
  }
  Searcher searcher(dir.path());
  CHECK(searcher.info().schema.fields.empty());
  CHECK(ids_of(searcher, "stiftung") == std::set<std::string>{"a"});
  CHECK_THROWS_AS((void)ids_of(searcher, "category:sport"), polysearch::QuerySyntaxError);
  SearchRequest request;
  request.query = "stiftung";
  request.fields = {"*"};
  const auto hits = searcher.search(request).hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].fields.at("category") == std::vector<std::string>{"sport"});
  CHECK(hits[0].fields.at("n") == std::vector<std::string>{"x", "y"});
}

TEST_CASE("fields: without fields, documents and ranking are those of an index without schema") {
  const std::vector<Document> documents = polysearch::test::seed_documents();
  TempDir plain_dir;
  TempDir schema_dir;
  {
    IndexWriter plain(plain_dir.path());
    IndexWriter with(schema_dir.path(), OpenMode::Create, with_schema());
    for (const Document& document : documents) {
      plain.add(document);
      with.add(document);
    }
  }
  {
    const Xapian::Database plain_db(plain_dir.path().string());
    const Xapian::Database schema_db(schema_dir.path().string());
    CHECK(plain_db.get_metadata(std::string(polysearch::detail::kFieldsKey)).empty());
    CHECK_FALSE(schema_db.get_metadata(std::string(polysearch::detail::kFieldsKey)).empty());
    CHECK(plain_db.get_value_freq(polysearch::detail::kSlotFields) == 0);
    for (auto term = plain_db.allterms_begin("X"); term != plain_db.allterms_end("X"); ++term) {
      // Hybrid Chinese bigrams and German compounds' parts only: no XF, no XT.
      CHECK(((*term).rfind("XB", 0) == 0 || (*term).rfind("XC", 0) == 0));
    }
    // The same terms, with the same statistics, in both.
    auto a = plain_db.allterms_begin();
    auto b = schema_db.allterms_begin();
    for (; a != plain_db.allterms_end() && b != schema_db.allterms_end(); ++a, ++b) {
      REQUIRE(*a == *b);
      CHECK(a.get_termfreq() == b.get_termfreq());
    }
    CHECK(a == plain_db.allterms_end());
    CHECK(b == schema_db.allterms_end());
  }
  Searcher plain_searcher(plain_dir.path());
  Searcher schema_searcher(schema_dir.path());
  for (const char* query : {"stiftung", "fundacion linux", "\"open source\"", "title:gründung"}) {
    SearchRequest request;
    request.query = query;
    request.snippets = false;
    const auto plain_hits = plain_searcher.search(request).hits;
    const auto schema_hits = schema_searcher.search(request).hits;
    REQUIRE(plain_hits.size() == schema_hits.size());
    for (std::size_t i = 0; i < plain_hits.size(); ++i) {
      CHECK(plain_hits[i].id == schema_hits[i].id);
      CHECK(plain_hits[i].score == schema_hits[i].score);
    }
  }
}

TEST_CASE("fields: bad values are InputErrors naming field and value; the index is unchanged") {
  TempDir dir;
  IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
  const std::pair<std::map<std::string, std::vector<std::string>>, const char*> cases[] = {
      {{{"price", {"cheap"}}}, "'price'"},
      {{{"price", {"nan"}}}, "cheap"},
      {{{"price", {"1", "2"}}}, "one value"},
      {{{"date", {"2024-02-30"}}}, "'2024-02-30'"},
      {{{"date", {"2024-05-01T10:00"}}}, "date"},
      {{{"title", {"x"}}}, "not allowed"},
      {{{"", {"x"}}}, "empty name"},
      {{{"tags", {std::string(300, 'x')}}}, "too long"},
  };
  for (const auto& [fields, expected] : cases) {
    try {
      writer.add(doc("bad", "text", fields));
      FAIL("accepted");
    } catch (const polysearch::InputError& error) {
      CAPTURE(error.what());
      CHECK(std::string(error.what()).find("document 'bad'") != std::string::npos);
      if (std::string(expected) != "cheap") {
        CHECK(std::string(error.what()).find(expected) != std::string::npos);
      }
    }
  }
  writer.commit();
  CHECK(Searcher(dir.path()).info().documents == 0);
  const auto results = writer.add_batch(
      {doc("ok", "text", {{"price", {"3"}}}), doc("bad", "text", {{"price", {"x"}}})});
  CHECK_FALSE(results[0].error);
  CHECK(results[1].error);
}

TEST_CASE("fields: queries on keyword, number, date and text fields") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    writer.add(doc("a", "Bayern gewinnt das Spiel",
                   {{"category", {"Sport"}},
                    {"tags", {"fussball", "machine learning"}},
                    {"date", {"2024-05-01"}},
                    {"price", {"10"}},
                    {"summary", {"Ein Bericht über das Finale"}},
                    {"url", {"https://x/a"}}}));
    writer.add(doc(
        "b", "Die Regierung beschließt das Gesetz",
        {{"category", {"Politik"}}, {"date", {"2024-06-30T23:30:00+00:00"}}, {"price", {"20.5"}}}));
    writer.add(doc("c", "Das Spiel der Woche", {{"category", {"SPORT"}}}));
  }
  Searcher searcher(dir.path());
  using Ids = std::set<std::string>;
  CHECK(ids_of(searcher, "category:sport") == Ids{"a", "c"});  // folded
  CHECK(ids_of(searcher, "category:spört") == Ids{"a", "c"});  // diacritics folded too
  CHECK(ids_of(searcher, "tags:Fussball").empty());            // not folded: exact
  CHECK(ids_of(searcher, "tags:\"machine learning\"") == Ids{"a"});
  CHECK(ids_of(searcher, "price:10..20") == Ids{"a"});
  CHECK(ids_of(searcher, "price:10..20.5") == Ids{"a", "b"});
  CHECK(ids_of(searcher, "price:15..") == Ids{"b"});
  CHECK(ids_of(searcher, "price:..10") == Ids{"a"});
  CHECK(ids_of(searcher, "price:20.5") == Ids{"b"});
  CHECK(ids_of(searcher, "date:2024-01-01..2024-06-30") == Ids{"a", "b"});  // whole last day
  CHECK(ids_of(searcher, "date:..2024-06-29") == Ids{"a"});
  CHECK(ids_of(searcher, "date:2024-05-01") == Ids{"a"});
  CHECK(ids_of(searcher, "date:2024-07-01T01:00:00+02:00..") == Ids{"b"});
  // A range from high to low matches nothing (Xapian's empty query would mean no filter).
  CHECK(ids_of(searcher, "price:20..10").empty());
  CHECK(ids_of(searcher, "spiel price:20..10").empty());
  CHECK(ids_of(searcher, "price:20..10 -category:politik").empty());
  CHECK(ids_of(searcher, "date:2024-06-30..2024-05-01").empty());
  CHECK(ids_of(searcher, "category:sport category:politik") == Ids{"a", "b", "c"});
  CHECK(ids_of(searcher, "category:sport price:0..100") == Ids{"a"});
  CHECK(ids_of(searcher, "spiel -category:sport").empty());
  CHECK(ids_of(searcher, "spiel category:sport") == Ids{"a", "c"});
  CHECK(ids_of(searcher, "summary:finale") == Ids{"a"});
  CHECK(ids_of(searcher, "finale") == Ids{"a"});  // text fields are in the body too
  CHECK(ids_of(searcher, "summary:\"bericht über\"") == Ids{"a"});
  CHECK(ids_of(searcher, "summary:spiel").empty());

  // Filters never change a score.
  SearchRequest plain;
  plain.query = "spiel";
  SearchRequest filtered;
  filtered.query = "spiel category:sport";
  const auto plain_hits = searcher.search(plain).hits;
  const auto filtered_hits = searcher.search(filtered).hits;
  REQUIRE(plain_hits.size() == filtered_hits.size());
  for (std::size_t i = 0; i < plain_hits.size(); ++i) {
    CHECK(plain_hits[i].id == filtered_hits[i].id);
    CHECK(plain_hits[i].score == doctest::Approx(filtered_hits[i].score));
  }

  SearchRequest with_fields;
  with_fields.query = "category:politik";
  with_fields.fields = {"price", "date", "missing"};
  const auto hits = searcher.search(with_fields).hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].score == 0.0);
  CHECK(hits[0].fields == std::map<std::string, std::vector<std::string>>{
                              {"date", {"2024-06-30T23:30:00+00:00"}}, {"price", {"20.5"}}});

  const std::pair<const char*, const char*> errors[] = {
      {"nothing:x",
       "unknown field 'nothing' at byte 0 (known fields: title, lang, category, "
       "date, price, summary, tags)"},
      {"a url:x", "field 'url' at byte 2 is stored"},
      {"category:a..b", "field 'category' at byte 0 is a keyword field"},
      {"price:cheap", "field 'price' at byte 0: 'cheap' is not a number"},
      {"date:2024-13-01..", "field 'date' at byte 0: '2024-13-01' is not a date"},
      {"price:..", "a range needs at least one end"},
      {"category:(a OR b)", "not a group"},
  };
  for (const auto& [query, message] : errors) {
    CAPTURE(query);
    try {
      (void)ids_of(searcher, query);
      FAIL("accepted");
    } catch (const polysearch::QuerySyntaxError& error) {
      CHECK(std::string(error.what()).find(message) != std::string::npos);
      CAPTURE(error.what());
    }
  }
}

namespace {

// "value:count …" of a facet, in its order.
std::string facet_counts(Searcher& searcher, const std::string& field) {
  SearchRequest request;
  request.filter_queries = {"date:0001-01-01.. OR -date:0001-01-01.."};  // everything
  request.limit = 0;
  polysearch::FacetRequest facet;
  facet.field = field;
  request.facets = {facet};
  std::string text;
  const polysearch::SearchResult result = searcher.search(request);  // outlives the loop
  for (const auto& count : result.facets.at(0).counts) {
    text += (text.empty() ? "" : " ") + count.value + ":" + std::to_string(count.count);
  }
  return text;
}

std::vector<std::string> ids_by_date(Searcher& searcher, bool descending) {
  SearchRequest request;
  request.filters = {polysearch::FieldFilter::any_of("lang", {"de"})};
  request.sort.field = "date";
  request.sort.descending = descending;
  request.snippets = false;
  std::vector<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

}  // namespace

TEST_CASE("fields: replace and delete update filters, sorts and facets; compaction keeps them") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    writer.add(doc("a", "eins", {{"category", {"Sport"}}, {"date", {"2024-05-01"}}}));
    writer.add(doc("b", "zwei", {{"category", {"Politik"}}, {"date", {"2024-06-01"}}}));
    writer.add(doc("c", "drei", {{"category", {"sport"}}}));
    writer.commit();
  }
  {
    Searcher searcher(dir.path());
    CHECK(facet_counts(searcher, "category") == "sport:2 politik:1");
    CHECK(ids_by_date(searcher, false) == std::vector<std::string>{"a", "b", "c"});
    CHECK(ids_by_date(searcher, true) == std::vector<std::string>{"b", "a", "c"});
  }
  {
    IndexWriter writer(dir.path(), OpenMode::Open);
    writer.add(doc("a", "eins", {{"category", {"Kultur"}}, {"date", {"2024-07-01"}}}));  // replaces
    CHECK(writer.remove("b"));
    writer.commit();
  }
  Searcher searcher(dir.path());
  CHECK(facet_counts(searcher, "category") == "kultur:1 sport:1");
  CHECK(ids_of(searcher, "category:politik").empty());
  CHECK(ids_of(searcher, "category:kultur") == std::set<std::string>{"a"});
  CHECK(ids_by_date(searcher, false) == std::vector<std::string>{"a", "c"});
  (void)polysearch::compact_index(dir.path());
  Searcher compacted(dir.path());
  CHECK(facet_counts(compacted, "category") == "kultur:1 sport:1");
  CHECK(ids_by_date(compacted, true) == std::vector<std::string>{"a", "c"});
  CHECK(ids_of(compacted, "date:2024-07-01") == std::set<std::string>{"a"});
}

TEST_CASE("fields: an index of the first fields layout filters but asks for a re-index to sort") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    writer.add(doc("a", "eins", {{"category", {"Sport"}}, {"date", {"2024-05-01"}}}));
    writer.commit();
  }
  {  // As the first layout stored it: number and date slots only.
    Xapian::WritableDatabase db(dir.path().string());
    std::string stored = news_schema().to_json();
    stored.pop_back();  // its closing brace
    db.set_metadata(std::string(polysearch::detail::kFieldsKey),
                    stored + R"(,"slots":{"date":16,"price":17}})");
    db.commit();
  }
  Searcher searcher(dir.path());
  CHECK(ids_of(searcher, "category:sport") == std::set<std::string>{"a"});
  SearchRequest request;
  request.query = "eins";
  request.sort.field = "date";
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::IndexError);
}

TEST_CASE("fields: an index of layout 3, without date terms, filters dates by their values") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    writer.add(doc("a", "eins", {{"date", {"2024-05-01T22:30:00-03:00"}}}));  // May 2 in UTC
    writer.add(doc("b", "zwei", {{"date", {"2023-12-31"}}}));
    writer.commit();
  }
  {  // As layout 3 wrote it: no XD terms.
    Xapian::WritableDatabase db(dir.path().string());
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      Xapian::Document document = db.get_document(id);
      const std::string prefix(polysearch::detail::kDatePrefix);
      std::vector<std::string> dates;
      for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        if ((*term).rfind(prefix, 0) == 0) dates.push_back(*term);
      }
      CHECK(dates.size() == 3);
      for (const std::string& term : dates) document.remove_term(term);
      db.replace_document(id, document);
    }
    std::string stored = db.get_metadata(std::string(polysearch::detail::kFieldsKey));
    const auto layout = stored.find("\"layout\":4");
    REQUIRE(layout != std::string::npos);
    stored.replace(layout, 10, "\"layout\":3");
    db.set_metadata(std::string(polysearch::detail::kFieldsKey), stored);
    db.commit();
  }
  Searcher searcher(dir.path());
  CHECK(ids_of(searcher, "date:2024-05-02") == std::set<std::string>{"a"});
  CHECK(ids_of(searcher, "date:..2024-05-01") == std::set<std::string>{"b"});
  CHECK(ids_of(searcher, "date:2024-05-02T01:30:00Z..") == std::set<std::string>{"a"});
  CHECK(ids_of(searcher, "date:2024-05-02T01:30:01Z..").empty());
}

namespace {

// A generated document's fields, for the oracle.
struct Generated {
  std::string id;
  std::optional<std::string> category;
  std::vector<std::string> tags;
  std::optional<double> price;
  std::optional<int> day;  // days after 2024-01-01
};

std::string date_of(int day) {
  // Month lengths of 2024.
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  int rest = day;
  while (rest >= kDays[month]) rest -= kDays[month++];
  const auto two_digits = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return "2024-" + two_digits(month + 1) + "-" + two_digits(rest + 1);
}

void run_oracle(std::size_t shards) {
  const std::vector<std::string> categories = {"sport", "politik", "kultur", "wirtschaft"};
  const std::vector<std::string> tag_names = {"a", "b", "c", "d", "e", "f"};
  std::mt19937 random(shards * 7919 + 1);
  const auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(random) < percent;
  };
  const auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  std::vector<Generated> generated;
  std::vector<Document> documents;
  for (int i = 0; i < 300; ++i) {
    Generated g;
    g.id = "d" + std::to_string(i);
    Document document;
    document.id = g.id;
    document.text = "Nachricht Nummer " + std::to_string(i);
    document.language = polysearch::Language::German;
    if (chance(85)) {
      g.category = categories[pick(categories.size())];
      document.fields["category"] = {*g.category};
    }
    for (const std::string& tag : tag_names) {
      if (chance(30)) g.tags.push_back(tag);
    }
    if (!g.tags.empty()) document.fields["tags"] = g.tags;
    if (chance(80)) {
      g.price = static_cast<double>(pick(2001)) / 10.0 - 50.0;  // -50 .. 150, one decimal
      char text[32];
      std::snprintf(text, sizeof text, "%.1f", *g.price);
      document.fields["price"] = {text};
    }
    if (chance(80)) {
      g.day = static_cast<int>(pick(366));
      document.fields["date"] = {date_of(*g.day)};
    }
    generated.push_back(g);
    documents.push_back(std::move(document));
  }
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema(shards));
    for (const auto& result : writer.add_batch(documents)) REQUIRE_FALSE(result.error);
  }
  Searcher searcher(dir.path());

  // One random filter: its query text and its predicate.
  struct Filter {
    std::string query;
    std::function<bool(const Generated&)> matches;
  };
  const auto random_filter = [&]() -> Filter {
    switch (pick(4)) {
      case 0: {
        const std::string value = categories[pick(categories.size())];
        return {"category:" + value, [value](const Generated& g) { return g.category == value; }};
      }
      case 1: {
        const std::string value = tag_names[pick(tag_names.size())];
        return {"tags:" + value, [value](const Generated& g) {
                  return std::find(g.tags.begin(), g.tags.end(), value) != g.tags.end();
                }};
      }
      case 2: {
        const int kind = static_cast<int>(pick(3));
        double low = static_cast<double>(pick(2001)) / 10.0 - 50.0;
        double high = static_cast<double>(pick(2001)) / 10.0 - 50.0;
        if (low > high) std::swap(low, high);
        char text[64];
        if (kind == 0) std::snprintf(text, sizeof text, "price:%.1f..%.1f", low, high);
        if (kind == 1) std::snprintf(text, sizeof text, "price:%.1f..", low);
        if (kind == 2) std::snprintf(text, sizeof text, "price:..%.1f", high);
        return {text, [=](const Generated& g) {
                  if (!g.price) return false;
                  const double p = *g.price;
                  // Both sides parse the same decimal text: compare as written.
                  const auto rounded = [](double x) { return std::round(x * 10); };
                  if (kind != 2 && rounded(p) < rounded(low)) return false;
                  if (kind != 1 && rounded(p) > rounded(high)) return false;
                  return true;
                }};
      }
      default: {
        const int kind = static_cast<int>(pick(3));
        int low = static_cast<int>(pick(366));
        int high = static_cast<int>(pick(366));
        if (low > high) std::swap(low, high);
        std::string text = "date:";
        if (kind == 0) text += date_of(low) + ".." + date_of(high);
        if (kind == 1) text += date_of(low) + "..";
        if (kind == 2) text += ".." + date_of(high);
        return {text, [=](const Generated& g) {
                  if (!g.day) return false;
                  if (kind != 2 && *g.day < low) return false;
                  if (kind != 1 && *g.day > high) return false;
                  return true;
                }};
      }
    }
  };

  for (int round = 0; round < 1500; ++round) {
    const std::size_t count = 1 + pick(3);
    std::vector<Filter> filters;
    for (std::size_t i = 0; i < count; ++i) filters.push_back(random_filter());
    const int shape = static_cast<int>(pick(4));  // implicit, AND, OR, with a negation
    std::string query;
    for (std::size_t i = 0; i < filters.size(); ++i) {
      if (i > 0) query += shape == 1 ? " AND " : shape == 2 ? " OR " : " ";
      if (shape == 3 && i == filters.size() - 1 && i > 0) query += "-";
      query += filters[i].query;
    }
    std::set<std::string> expected;
    for (const Generated& g : generated) {
      bool match = false;
      if (shape == 1) {
        match = std::all_of(filters.begin(), filters.end(),
                            [&](const Filter& f) { return f.matches(g); });
      } else if (shape == 2) {
        match = std::any_of(filters.begin(), filters.end(),
                            [&](const Filter& f) { return f.matches(g); });
      } else {
        // Implicit: same field OR, fields AND; a negated last filter excludes.
        std::map<std::string, bool> by_field;
        bool excluded = false;
        for (std::size_t i = 0; i < filters.size(); ++i) {
          const bool negated = shape == 3 && i == filters.size() - 1 && i > 0;
          if (negated) {
            excluded = filters[i].matches(g);
            continue;
          }
          const std::string field = filters[i].query.substr(0, filters[i].query.find(':'));
          by_field[field] = by_field[field] || filters[i].matches(g);
        }
        match = !excluded && std::all_of(by_field.begin(), by_field.end(),
                                         [](const auto& f) { return f.second; });
      }
      if (match) expected.insert(g.id);
    }
    CAPTURE(query);
    REQUIRE(ids_of(searcher, query) == expected);
  }
}

}  // namespace

TEST_CASE("fields: random filters and ranges agree with brute force, plain index") {
  run_oracle(0);
}

TEST_CASE("fields: random filters and ranges agree with brute force, 3 shards") { run_oracle(3); }

TEST_CASE("fields: snippets from a text field, highlighted") {
  TempDir dir;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, with_schema());
    writer.add(doc("a", "Bayern gewinnt", {{"summary", {"Ein Bericht über das Finale"}}}));
    writer.commit();
  }
  Searcher searcher(dir.path());
  SearchRequest request;
  request.query = "summary:finale";
  request.snippet_field = "summary";
  const auto result = searcher.search(request);
  REQUIRE(result.hits.size() == 1);
  CHECK(result.hits[0].snippet == "Ein Bericht über das Finale");
  REQUIRE(result.hits[0].highlights.size() == 1);
  CHECK(result.hits[0].snippet.substr(result.hits[0].highlights[0].begin) == "Finale");
  request.snippet_field = "category";
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::InvalidArgument);
}
