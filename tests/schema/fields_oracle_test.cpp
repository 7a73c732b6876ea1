// The fields oracle (issue 16): fixtures/fields/news.jsonl (tools/generate/news_fixture.py)
// indexed with its schema, and thousands of random requests (structured filters, filter
// queries, ranges, sort orders with paging, facets, collapse) compared with a brute-force
// evaluation of the parsed JSON Lines, on a plain index, on 3 shards, and on the 3 shards
// served by xapian-tcpsrv (whose results must also equal the local shards', scores and
// all).
//
// What the brute force takes as the specification (searcher.hpp):
// - filters: keyword values exact, or folded (case, diacritics, Chinese script) for a
//   field with fold; range ends inclusive, a date-only upper end takes in its whole day
//   (in UTC); `exclude` keeps documents without the field; every filter must match;
// - sort: by the value, documents without it last in both directions; equal values in
//   docid order (a plain index: the order of the JSON Lines), or by score then docid with
//   then_relevance; a page is that list's slice;
// - facets: over every match (not the page, and before collapsing), a document counted
//   once per distinct value; values by count, ties in value order (bytes for keywords,
//   numbers for number and date fields); `missing` counts matches without the field;
// - collapse: the first collapse_max hits per value in the uncollapsed order; Hit::collapsed
//   is the number of the value's other matches, the same on each kept hit; documents
//   without the field are never collapsed; estimated_total counts the hits left after
//   collapsing, all pages together, exactly (total_exact).  Xapian's own figure
//   (get_matches_estimated) is not that on a page short of the whole list, though every
//   match is looked at: polysearch counts it from each value's matches.
// A remote searcher is asked for pages of at most 10 hits (each hit's document is a round
// trip of its own), compared with the whole lists of the local shards, themselves checked
// with brute force.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::Document;
using polysearch::Facet;
using polysearch::FacetRange;
using polysearch::FacetRequest;
using polysearch::FieldFilter;
using polysearch::Hit;
using polysearch::IndexOptions;
using polysearch::IndexWriter;
using polysearch::OpenMode;
using polysearch::Schema;
using polysearch::Searcher;
using polysearch::SearchRequest;
using polysearch::SearchResult;
using polysearch::test::TempDir;
using Json = nlohmann::json;

namespace {

// ---- the collection, parsed independently of the library ---------------------------------

// Days from 1970-01-01 to a Gregorian date.
long long days_since_epoch(int year, int month, int day) {
  static constexpr int kBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  long long days = 0;
  for (int y = 1970; y < year; ++y)
    days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
  days += kBefore[month - 1] + day - 1;
  if (month > 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ++days;
  return days;
}

int digits(const std::string& text, std::size_t pos, std::size_t count) {
  return std::stoi(text.substr(pos, count));
}

// The fixture's dates as UTC seconds: YYYY-MM-DD, or with THH:MM[:SS[.fff]] and Z or an
// offset ±HH[:]MM.
double utc_seconds(const std::string& text) {
  double seconds = static_cast<double>(days_since_epoch(digits(text, 0, 4), digits(text, 5, 2),
                                                        digits(text, 8, 2))) *
                   86400.0;
  if (text.size() == 10) return seconds;
  REQUIRE(text[10] == 'T');
  long long millis = (digits(text, 11, 2) * 3600LL + digits(text, 14, 2) * 60LL) * 1000;
  std::size_t pos = 16;
  if (text[pos] == ':') {
    millis += digits(text, pos + 1, 2) * 1000LL;
    pos += 3;
    if (text[pos] == '.') {
      millis += digits(text, pos + 1, 3);
      pos += 4;
    }
  }
  if (text[pos] != 'Z') {
    const int sign = text[pos] == '-' ? -1 : 1;
    const std::size_t minutes = text[pos + 3] == ':' ? pos + 4 : pos + 3;
    millis -= sign * (digits(text, pos + 1, 2) * 3600LL + digits(text, minutes, 2) * 60LL) * 1000;
  }
  return seconds + static_cast<double>(millis) / 1000.0;
}

// What `fold` makes of the fixture's categories: lower case, no diacritics, Simplified
// Chinese (a table of the characters the fixture uses).
std::string fold(std::string text) {
  static const std::pair<std::string, std::string> kFolds[] = {
      {"Á", "a"}, {"á", "a"}, {"Ã", "a"},  {"ã", "a"},   {"É", "e"},   {"é", "e"},  {"Ê", "e"},
      {"ê", "e"}, {"Í", "i"}, {"í", "i"},  {"Ó", "o"},   {"ó", "o"},   {"Ú", "u"},  {"ú", "u"},
      {"Ç", "c"}, {"ç", "c"}, {"ß", "ss"}, {"體", "体"}, {"經", "经"}, {"濟", "济"}};
  for (const auto& [from, to] : kFolds) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

struct Record {
  std::string id;
  std::string lang;
  std::optional<std::string> category;  // folded
  std::vector<std::string> tags;        // distinct, sorted
  std::optional<std::string> author;
  std::optional<double> price;
  std::optional<double> date;  // UTC seconds
};

struct Collection {
  Schema schema;
  std::vector<Record> records;  // in the order of the JSON Lines
  std::vector<Document> documents;
  std::map<std::string, const Record*> by_id;
  // Values as written, to draw filters from.
  std::vector<std::string> category_spellings, tags, authors, prices, dates;
};

const Collection& collection() {
  static const Collection loaded = [] {
    const std::filesystem::path dir = polysearch::test::fixtures_dir() / "fields";
    Collection c;
    c.schema = Schema::from_json(polysearch::test::read_file(dir / "news.schema.json"));
    std::ifstream in(dir / "news.jsonl");
    std::set<std::string> spellings, tags, authors, prices, dates;
    for (std::string line; std::getline(in, line);) {
      const Json json = Json::parse(line);
      Record r;
      Document d;
      r.id = d.id = json.at("id").get<std::string>();
      r.lang = json.at("lang").get<std::string>();
      d.language = polysearch::parse_language(r.lang);
      d.title = json.at("title").get<std::string>();
      d.text = json.at("text").get<std::string>();
      if (json.contains("date")) {
        const auto text = json["date"].get<std::string>();
        r.date = utc_seconds(text);
        d.fields["date"] = {text};
        dates.insert(text);
      }
      if (json.contains("category")) {
        const auto text = json["category"].get<std::string>();
        r.category = fold(text);
        d.fields["category"] = {text};
        spellings.insert(text);
      }
      if (json.contains("tags")) {
        std::vector<std::string>& values = d.fields["tags"];
        for (const Json& tag : json["tags"]) values.push_back(tag.get<std::string>());
        std::set<std::string> distinct(values.begin(), values.end());
        r.tags.assign(distinct.begin(), distinct.end());
        tags.insert(distinct.begin(), distinct.end());
      }
      if (json.contains("price")) {
        r.price = json["price"].get<double>();
        d.fields["price"] = {json["price"].dump()};
        prices.insert(json["price"].dump());
      }
      if (json.contains("author")) {
        r.author = json["author"].get<std::string>();
        d.fields["author"] = {*r.author};
        authors.insert(*r.author);
      }
      if (json.contains("url")) d.fields["url"] = {json["url"].get<std::string>()};
      c.records.push_back(std::move(r));
      c.documents.push_back(std::move(d));
    }
    for (const Record& r : c.records) c.by_id[r.id] = &r;
    c.category_spellings.assign(spellings.begin(), spellings.end());
    c.tags.assign(tags.begin(), tags.end());
    c.authors.assign(authors.begin(), authors.end());
    c.prices.assign(prices.begin(), prices.end());
    c.dates.assign(dates.begin(), dates.end());
    return c;
  }();
  return loaded;
}

// ---- indexes -------------------------------------------------------------------------

std::unique_ptr<TempDir> build_index(std::size_t shards) {
  auto dir = std::make_unique<TempDir>();
  IndexOptions options;
  options.schema = collection().schema;
  options.shards = shards;
  IndexWriter writer(dir->path(), OpenMode::Create, options);
  for (const auto& result : writer.add_batch(collection().documents)) {
    REQUIRE_FALSE(result.error);
  }
  writer.close();
  return dir;
}

// The path of a program on PATH, or empty.
std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// A port of 127.0.0.1 nobody listens on now (the kernel's choice).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// xapian-tcpsrv serving one index on 127.0.0.1, in a process group of its own (it forks a
// child per connection), stopped with the group by the destructor, and by the kernel when
// this process dies first (a crash, a timeout's kill).
class TcpServer {
 public:
  TcpServer(const std::string& program, const std::filesystem::path& index) {
    for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
      port_ = free_port();
      const std::string port = std::to_string(port_);
      const std::string database = index.string();
      const char* argv[] = {program.c_str(), "--interface",    "127.0.0.1", "--port",
                            port.c_str(),    database.c_str(), nullptr};
      const pid_t parent = ::getpid();
      const pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {  // only async-signal-safe calls until exec
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(1);  // the test died before prctl
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(program.c_str(), const_cast<char* const*>(argv));
        ::_exit(127);
      }
      for (int wait = 0; wait < 200; ++wait) {  // up to 10 s
        if (accepts(port_)) {
          pid_ = pid;
          break;
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) break;  // the port was taken: again
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (pid_ < 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
        ::kill(-pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
      }
    }
    REQUIRE_MESSAGE(pid_ >= 0, "xapian-tcpsrv did not start for " << index);
  }
  ~TcpServer() {
    if (pid_ < 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  [[nodiscard]] std::string location() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// ---- random requests and their brute-force answers ----------------------------------

using Predicate = std::function<bool(const Record&)>;

class Random {
 public:
  explicit Random(unsigned seed) : engine_(seed) {}
  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(engine_);
  }
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[below(values.size())];
  }

 private:
  std::mt19937 engine_;
};

// A date range end as text, and as the brute force reads it: a lower end's first second,
// an upper end's last (a date-only upper end is its whole day).
struct DateEnd {
  std::string text;
  double low = 0;
  double high = 0;  // exclusive when date_only
  bool date_only = false;
};

DateEnd random_date_end(Random& random) {
  const Collection& c = collection();
  DateEnd end;
  switch (random.below(5)) {
    case 0: end.text = random.pick(c.dates); break;  // a value of the data
    case 1: end.text = random.pick(c.dates).substr(0, 10); break;
    case 2: {
      const std::string day = random.pick(c.dates).substr(0, 10);
      static const std::vector<std::string> kTimes = {"T00:00:00Z", "T23:59:59Z", "T22:30:00-03:00",
                                                      "T01:00:00+02:00", "T12:00:00+0530"};
      end.text = day + random.pick(kTimes);
      break;
    }
    case 3: {
      char text[16];
      std::snprintf(text, sizeof text, "20%02zu-%02zu-%02zu", 23 + random.below(2),
                    1 + random.below(12), 1 + random.below(28));
      end.text = text;
      break;
    }
    default: {  // a year's first or last day, up to four years beyond the data's
      char text[48];
      const bool first = random.chance(50);
      std::snprintf(text, sizeof text, "20%02zu-%s", 19 + random.below(10),
                    first ? "01-01" : "12-31");
      end.text = text;
    }
  }
  end.date_only = end.text.size() == 10;
  end.low = utc_seconds(end.text);
  end.high = end.date_only ? end.low + 86400.0 : end.low;
  return end;
}

std::string random_price_end(Random& random) {
  if (random.chance(50)) return random.pick(collection().prices);
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(random.below(40000)) / 100.0 - 80.0);
  return text;
}

// A range [from, to] on price or date (at least one end), as text and predicate.
struct Range {
  std::optional<std::string> from, to;
  Predicate matches;
};

Range random_range(Random& random, const std::string& field) {
  Range range;
  const int kind = static_cast<int>(random.below(4));  // both ends, from, to, one value
  if (field == "price") {
    const std::string low = random_price_end(random);
    std::string high = random_price_end(random);
    if (kind == 3) high = low;
    double a = std::strtod(low.c_str(), nullptr);
    double b = std::strtod(high.c_str(), nullptr);
    if (kind != 3 && a > b && random.chance(90)) {  // and sometimes an empty range
      std::swap(a, b);
      range.from = high;
      range.to = low;
    } else {
      range.from = low;
      range.to = high;
    }
    if (kind == 1) range.to.reset();
    if (kind == 2) range.from.reset();
    const bool has_from = range.from.has_value(), has_to = range.to.has_value();
    range.matches = [=](const Record& r) {
      return r.price && (!has_from || *r.price >= a) && (!has_to || *r.price <= b);
    };
    return range;
  }
  DateEnd low = random_date_end(random);
  DateEnd high = kind == 3 ? low : random_date_end(random);
  if (kind != 3 && low.low > high.low && random.chance(90)) std::swap(low, high);
  if (kind != 2) range.from = low.text;
  if (kind != 1) range.to = high.text;
  const bool has_from = range.from.has_value(), has_to = range.to.has_value();
  range.matches = [=](const Record& r) {
    if (!r.date) return false;
    if (has_from && *r.date < low.low) return false;
    if (has_to && (high.date_only ? *r.date >= high.high : *r.date > high.high)) return false;
    return true;
  };
  return range;
}

std::vector<std::string> category_candidates() {
  std::vector<std::string> values = collection().category_spellings;
  for (const char* extra : {"POLITICA", "tecnología", "Educacao", "AUßENPOLITIK", "Unbekannt"}) {
    values.emplace_back(extra);
  }
  return values;
}

// One value of a keyword field (or lang) and whether a record has it.
std::pair<std::string, Predicate> random_keyword(Random& random, const std::string& field) {
  if (field == "category") {
    static const std::vector<std::string> candidates = category_candidates();
    const std::string value = random.pick(candidates);
    const std::string folded = fold(value);
    return {value, [folded](const Record& r) { return r.category == folded; }};
  }
  if (field == "tags") {
    std::string value = random.pick(collection().tags);
    if (random.chance(5)) value = "nie-vergeben";
    return {value, [value](const Record& r) {
              return std::binary_search(r.tags.begin(), r.tags.end(), value);
            }};
  }
  if (field == "author") {
    const std::string value = random.pick(collection().authors);
    return {value, [value](const Record& r) { return r.author == value; }};
  }
  static const std::vector<std::string> kLanguages = {"de", "es", "pt", "zh"};
  const std::string value = random.pick(kLanguages);
  return {value, [value](const Record& r) { return r.lang == value; }};
}

const std::vector<std::string> kKeywordFields = {"category", "tags", "author", "lang"};
const std::vector<std::string> kRangeFields = {"price", "date"};

// A structured filter.
std::pair<FieldFilter, Predicate> random_field_filter(Random& random) {
  FieldFilter filter;
  Predicate matches;
  if (random.chance(55)) {
    filter.field = random.pick(kKeywordFields);
    std::vector<Predicate> any;
    const std::size_t count = 1 + random.below(random.chance(70) ? 1 : 3);
    for (std::size_t i = 0; i < count; ++i) {
      auto [value, predicate] = random_keyword(random, filter.field);
      filter.values.push_back(value);
      any.push_back(predicate);
    }
    matches = [any](const Record& r) {
      return std::any_of(any.begin(), any.end(), [&](const Predicate& p) { return p(r); });
    };
  } else {
    filter.field = random.pick(kRangeFields);
    Range range = random_range(random, filter.field);
    filter.from = range.from;
    filter.to = range.to;
    matches = range.matches;
  }
  if (random.chance(25)) {
    filter.exclude = true;
    matches = [inner = matches](const Record& r) { return !inner(r); };
  }
  return {filter, matches};
}

std::string quote_if_spaced(const std::string& value) {
  return value.find(' ') == std::string::npos ? value : "\"" + value + "\"";
}

// A filter query: 1-3 filters, joined implicitly, by AND or OR, or with the last negated.
std::pair<std::string, Predicate> random_filter_query(Random& random) {
  struct Atom {
    std::string field, text;
    Predicate matches;
  };
  std::vector<Atom> atoms;
  const std::size_t count = 1 + random.below(3);
  for (std::size_t i = 0; i < count; ++i) {
    Atom atom;
    if (random.chance(55)) {
      atom.field = random.pick(kKeywordFields);
      auto [value, predicate] = random_keyword(random, atom.field);
      atom.text = atom.field + ":" + quote_if_spaced(value);
      atom.matches = predicate;
    } else {
      atom.field = random.pick(kRangeFields);
      Range range = random_range(random, atom.field);
      atom.text = atom.field + ":";
      if (range.from && range.to && *range.from == *range.to) {
        atom.text += *range.from;
      } else {
        atom.text += range.from.value_or("") + ".." + range.to.value_or("");
      }
      atom.matches = range.matches;
    }
    atoms.push_back(std::move(atom));
  }
  const int shape = static_cast<int>(random.below(4));  // implicit, AND, OR, last negated
  std::string text;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    if (i > 0) text += shape == 1 ? " AND " : shape == 2 ? " OR " : " ";
    if (shape == 3 && i > 0 && i + 1 == atoms.size()) text += "-";
    text += atoms[i].text;
  }
  Predicate matches = [atoms, shape](const Record& r) {
    if (shape == 1) {
      return std::all_of(atoms.begin(), atoms.end(), [&](const Atom& a) { return a.matches(r); });
    }
    if (shape == 2) {
      return std::any_of(atoms.begin(), atoms.end(), [&](const Atom& a) { return a.matches(r); });
    }
    // Implicit: values of one field are alternatives, fields must all match.
    std::map<std::string, bool> by_field;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
      if (shape == 3 && i > 0 && i + 1 == atoms.size()) {
        if (atoms[i].matches(r)) return false;
        continue;
      }
      by_field[atoms[i].field] = by_field[atoms[i].field] || atoms[i].matches(r);
    }
    return std::all_of(by_field.begin(), by_field.end(), [](const auto& f) { return f.second; });
  };
  return {text, matches};
}

const std::vector<std::string> kWords = {"pytorch",  "linux",     "meta", "chintala", "murati",
                                         "fundação", "fundación", "開源", "ia",       "framework"};

// The documents a request selects: its query word (or none: browsing) and its filters.
struct Selection {
  SearchRequest request;
  Predicate matches;  // the filters
};

Selection random_selection(Random& random) {
  Selection selection;
  SearchRequest& request = selection.request;
  request.snippets = false;
  request.limit = 5000;
  if (random.chance(30)) request.query = random.pick(kWords);
  std::vector<Predicate> all;
  const std::size_t filters = random.below(3);
  for (std::size_t i = 0; i < filters; ++i) {
    auto [filter, predicate] = random_field_filter(random);
    request.filters.push_back(filter);
    all.push_back(predicate);
  }
  const std::size_t queries =
      random.below(request.filters.empty() && request.query.empty() ? 2 : 3);
  for (std::size_t i = 0; i < queries || (request.query.empty() && all.empty()); ++i) {
    auto [text, predicate] = random_filter_query(random);
    request.filter_queries.push_back(text);
    all.push_back(predicate);
  }
  selection.matches = [all](const Record& r) {
    return std::all_of(all.begin(), all.end(), [&](const Predicate& p) { return p(r); });
  };
  return selection;
}

std::string describe(const SearchRequest& request) {
  std::ostringstream out;
  out << "query '" << request.query << "'";
  for (const FieldFilter& f : request.filters) {
    out << " | filter " << (f.exclude ? "NOT " : "") << f.field;
    for (const auto& v : f.values) out << " '" << v << "'";
    if (f.from || f.to) out << " [" << f.from.value_or("") << ".." << f.to.value_or("") << "]";
  }
  for (const auto& q : request.filter_queries) out << " | filter query '" << q << "'";
  if (!request.sort.field.empty()) {
    out << " | sort " << request.sort.field << (request.sort.descending ? ":desc" : ":asc")
        << (request.sort.then_relevance ? ",relevance" : "");
  }
  for (const FacetRequest& f : request.facets) {
    out << " | facet " << f.field << " top " << f.top;
    for (const FacetRange& r : f.ranges)
      out << " [" << r.from.value_or("") << ".." << r.to.value_or("") << "]";
  }
  if (!request.collapse.empty())
    out << " | collapse " << request.collapse << " max " << request.collapse_max;
  out << " | offset " << request.offset << " limit " << request.limit;
  return out.str();
}

// ---- comparing -----------------------------------------------------------------------

std::vector<std::string> ids_of(const SearchResult& result) {
  std::vector<std::string> ids;
  for (const Hit& hit : result.hits) ids.push_back(hit.id);
  return ids;
}

std::string join(const std::vector<std::string>& ids, std::size_t most = 12) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < most; ++i) text += (i ? " " : "") + ids[i];
  if (ids.size() > most) text += " … (" + std::to_string(ids.size()) + ")";
  return text;
}

// A record's value of a sort field: nullopt when it has none.
std::optional<double> sort_key(const Record& r, const std::string& field) {
  return field == "price" ? r.price : r.date;
}

// The format of a number or date facet value (searcher.hpp FacetCount::value).
std::string facet_value(const std::string& field, double value) {
  char text[64];
  if (field == "price") {
    // Whole numbers as integers, others in their shortest round-trip form.
    if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
      return std::to_string(static_cast<long long>(value));
    }
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
  }
  const double day = std::floor(value / 86400.0);
  const long long rest = std::llround((value - day * 86400.0) * 1000.0);
  // The civil date of `day`, counting from 1970.
  long long days = static_cast<long long>(day);
  int year = 1970;
  while (days >= days_since_epoch(year + 1, 1, 1) - days_since_epoch(year, 1, 1)) {
    days -= days_since_epoch(year + 1, 1, 1) - days_since_epoch(year, 1, 1);
    ++year;
  }
  int month = 1;
  while (month < 12 &&
         days >= days_since_epoch(year, month + 1, 1) - days_since_epoch(year, month, 1)) {
    days -= days_since_epoch(year, month + 1, 1) - days_since_epoch(year, month, 1);
    ++month;
  }
  std::snprintf(text, sizeof text, "%04d-%02d-%02lld", year, month, days + 1);
  std::string out = text;
  if (rest > 0) {
    std::snprintf(text, sizeof text, "T%02lld:%02lld:%02lld", rest / 3600000, rest / 60000 % 60,
                  rest / 1000 % 60);
    out += text;
    if (rest % 1000) {
      std::snprintf(text, sizeof text, ".%03lld", rest % 1000);
      out += text;
    }
    out += 'Z';
  }
  return out;
}

// The cases of one kind of index; each kind draws the same sequence, from kSeed.
constexpr unsigned kSeed = 16;
struct Cases {
  std::size_t filters, sorts, facets, collapses;
};

class Oracle {
 public:
  // `twin`, if any, must give the very same results as `searcher` (remote and local shards),
  // and gives the whole lists, checked with brute force, of which `searcher` then gives
  // pages: a tcp:// shard sends each hit's document in a round trip of its own (0.5 ms), so
  // a remote searcher is asked for at most `page` hits at a time.
  Oracle(Searcher& searcher, Searcher* twin, bool docid_is_line, std::size_t page)
      : searcher_(searcher),
        twin_(twin),
        reference_(twin ? *twin : searcher),
        docid_is_line_(docid_is_line),
        page_(page),
        random_(kSeed) {}

  std::size_t cases() const { return cases_; }
  std::size_t failures() const { return failures_; }

  void filters(std::size_t n);
  void sorts(std::size_t n);
  void facets(std::size_t n);
  void collapses(std::size_t n);

 private:
  SearchResult search(const SearchRequest& request);
  SearchResult whole(SearchRequest request);
  // A page of `whole` from the searcher checked (where it is not the reference).
  void check_page(const SearchRequest& request, const SearchResult& whole);
  void check(bool ok, const SearchRequest& request, const std::string& what);
  std::vector<const Record*> expected(const Selection& selection);
  // The ids and scores of the query word alone (no filter), per word.
  const std::map<std::string, double>& word_matches(const std::string& word);
  std::vector<const Record*> sorted(std::vector<const Record*> records,
                                    const SearchRequest& request);
  void check_order(const SearchResult& result, const std::vector<const Record*>& expect,
                   const SearchRequest& request);
  void check_facet(const Facet& facet, const FacetRequest& request,
                   const std::vector<const Record*>& matches, const SearchRequest& whole);

  Searcher& searcher_;
  Searcher* twin_;
  Searcher& reference_;
  bool docid_is_line_;
  std::size_t page_;
  Random random_;
  std::map<std::string, std::map<std::string, double>> words_;
  std::size_t cases_ = 0;
  std::size_t failures_ = 0;
};

void Oracle::check(bool ok, const SearchRequest& request, const std::string& what) {
  if (ok) return;
  ++failures_;
  if (failures_ <= 20) FAIL_CHECK(what << "\n  request: " << describe(request));
}

SearchResult Oracle::search(const SearchRequest& request) {
  SearchResult result, other;
  try {
    result = searcher_.search(request);
    if (!twin_) return result;
    other = twin_->search(request);
  } catch (const std::exception& error) {
    check(false, request, std::string("threw: ") + error.what());
    return {};
  }
  std::string difference;
  const auto differ = [&](bool differs, const std::string& what) {
    if (differs && difference.empty()) difference = what;
  };
  differ(result.hits.size() != other.hits.size(), "hit count");
  // Beyond 1,000 matches the total may be an estimate, which differs: a remote shard counts
  // its own matches exactly up to 1,000.
  differ(result.total_exact && other.total_exact && result.estimated_total != other.estimated_total,
         "estimated_total " + std::to_string(result.estimated_total) + " vs " +
             std::to_string(other.estimated_total));
  differ(result.facets.size() != other.facets.size(), "facet count");
  for (std::size_t i = 0; difference.empty() && i < result.hits.size(); ++i) {
    const Hit& a = result.hits[i];
    const Hit& b = other.hits[i];
    differ(a.id != b.id || a.rank != b.rank,
           "hit " + std::to_string(i) + ": " + a.id + " vs " + b.id);
    differ(a.collapsed != b.collapsed, "hit " + a.id + " collapsed " + std::to_string(a.collapsed) +
                                           " vs " + std::to_string(b.collapsed));
    differ(std::abs(a.score - b.score) > 1e-9,
           "hit " + a.id + " score " + std::to_string(a.score) + " vs " + std::to_string(b.score));
  }
  for (std::size_t i = 0; difference.empty() && i < result.facets.size(); ++i) {
    const Facet& a = result.facets[i];
    const Facet& b = other.facets[i];
    differ(a.distinct_values != b.distinct_values || a.missing != b.missing ||
               a.counts.size() != b.counts.size(),
           "facet " + a.field + " distinct/missing/size");
    for (std::size_t j = 0; difference.empty() && j < a.counts.size(); ++j) {
      differ(a.counts[j].value != b.counts[j].value || a.counts[j].count != b.counts[j].count,
             "facet " + a.field + " value " + a.counts[j].value + "=" +
                 std::to_string(a.counts[j].count) + " vs " + b.counts[j].value + "=" +
                 std::to_string(b.counts[j].count));
    }
  }
  check(difference.empty(), request, "remote and local shards differ: " + difference);
  return result;
}

SearchResult Oracle::whole(SearchRequest request) {
  request.offset = 0;
  request.limit = 5000;
  try {
    return reference_.search(request);
  } catch (const std::exception& error) {
    check(false, request, std::string("threw: ") + error.what());
    return {};
  }
}

void Oracle::check_page(const SearchRequest& request, const SearchResult& all) {
  if (&reference_ == &searcher_) return;
  SearchRequest paged = request;
  paged.offset = random_.below(all.hits.size() + 2);
  paged.limit = 1 + random_.below(page_);
  const SearchResult part = search(paged);
  std::vector<std::string> want;
  for (std::size_t k = paged.offset; k < all.hits.size() && k < paged.offset + paged.limit; ++k) {
    want.push_back(all.hits[k].id);
  }
  check(ids_of(part) == want, paged,
        "page: got " + join(ids_of(part)) + ", expected " + join(want));
  for (std::size_t k = 0; k < part.hits.size() && k < want.size(); ++k) {
    const Hit& expect = all.hits[paged.offset + k];
    check(part.hits[k].rank == paged.offset + k + 1 && part.hits[k].collapsed == expect.collapsed &&
              std::abs(part.hits[k].score - expect.score) <= 1e-9,
          paged, "page: hit " + part.hits[k].id + " differs from the whole list's");
  }
  // Up to 1,000 matches the total is exact whatever the page (SearchResult).
  check(part.total_exact || !all.total_exact || all.estimated_total > 1000, paged,
        "page: total not exact");
  if (part.total_exact) {
    check(part.estimated_total == all.estimated_total, paged,
          "page: estimated_total " + std::to_string(part.estimated_total) + ", whole list's " +
              std::to_string(all.estimated_total));
  }
}

const std::map<std::string, double>& Oracle::word_matches(const std::string& word) {
  auto found = words_.find(word);
  if (found != words_.end()) return found->second;
  SearchRequest request;
  request.query = word;
  request.limit = 5000;
  request.snippets = false;
  std::map<std::string, double>& scores = words_[word];
  for (const Hit& hit : reference_.search(request).hits) scores[hit.id] = hit.score;
  REQUIRE_MESSAGE(!scores.empty(), "no document has '" << word << "'");
  return scores;
}

std::vector<const Record*> Oracle::expected(const Selection& selection) {
  const std::map<std::string, double>* words =
      selection.request.query.empty() ? nullptr : &word_matches(selection.request.query);
  std::vector<const Record*> matches;
  for (const Record& r : collection().records) {
    if (words && !words->count(r.id)) continue;
    if (selection.matches(r)) matches.push_back(&r);
  }
  return matches;
}

void Oracle::filters(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i, ++cases_) {
    const Selection selection = random_selection(random_);
    const SearchRequest& request = selection.request;
    const SearchResult result = whole(request);
    check_page(request, result);
    std::vector<std::string> expect;
    for (const Record* r : expected(selection)) expect.push_back(r->id);
    std::vector<std::string> got = ids_of(result);
    std::sort(got.begin(), got.end());
    std::sort(expect.begin(), expect.end());
    check(got == expect, request, "ids: got " + join(got) + ", expected " + join(expect));
    check(result.estimated_total == expect.size() && result.total_exact, request,
          "estimated_total " + std::to_string(result.estimated_total) + ", expected " +
              std::to_string(expect.size()));
    // Filters never change a score.
    for (const Hit& hit : result.hits) {
      const double score = request.query.empty() ? 0.0 : word_matches(request.query).at(hit.id);
      check(std::abs(hit.score - score) <= 1e-9 * std::max(1.0, score), request,
            "score of " + hit.id + " changed by the filters");
    }
  }
}

// The expected order of a sort by field: by the value, missing last in both directions;
// ties by score (then_relevance) then docid.  The docid order is the JSON Lines' only in a
// plain index: elsewhere ties are left in the order the searcher gave them (check_order
// compares only values there).
std::vector<const Record*> Oracle::sorted(std::vector<const Record*> records,
                                          const SearchRequest& request) {
  const std::string& field = request.sort.field;
  const std::map<std::string, double>* words =
      request.query.empty() ? nullptr : &word_matches(request.query);
  const auto score = [&](const Record* r) { return words ? words->at(r->id) : 0.0; };
  std::stable_sort(records.begin(), records.end(), [&](const Record* a, const Record* b) {
    const std::optional<double> x = sort_key(*a, field);
    const std::optional<double> y = sort_key(*b, field);
    if (x.has_value() != y.has_value()) return x.has_value();
    if (x && *x != *y) return request.sort.descending ? *x > *y : *x < *y;
    if (request.sort.then_relevance && score(a) != score(b)) return score(a) > score(b);
    return false;
  });
  return records;
}

void Oracle::check_order(const SearchResult& result, const std::vector<const Record*>& expect,
                         const SearchRequest& request) {
  const Collection& c = collection();
  const std::string& field = request.sort.field;
  std::vector<std::string> want;
  for (const Record* r : expect) want.push_back(r->id);
  const std::vector<std::string> got = ids_of(result);
  if (docid_is_line_) {
    std::size_t first = 0;
    while (first < got.size() && first < want.size() && got[first] == want[first]) ++first;
    const auto at = [&](const std::vector<std::string>& ids) {
      if (first >= ids.size()) return std::string("end");
      const auto key = sort_key(*c.by_id.at(ids[first]), field);
      char text[64];
      std::snprintf(text, sizeof text, " (%.6f)", key ? *key : -1.0);
      return ids[first] + text;
    };
    check(got == want, request,
          "order from " + std::to_string(first) + ": got " + at(got) + ", expected " + at(want));
    return;
  }
  // Same values in the same places, and the same documents within each run of equal values.
  bool same = got.size() == want.size();
  for (std::size_t i = 0; same && i < got.size(); ++i) {
    same = sort_key(*c.by_id.at(got[i]), field) == sort_key(*expect[i], field);
  }
  std::vector<std::string> a = got, b = want;
  for (std::size_t begin = 0; same && begin < a.size();) {
    std::size_t end = begin + 1;
    while (end < a.size() &&
           sort_key(*c.by_id.at(a[end]), field) == sort_key(*c.by_id.at(a[begin]), field)) {
      ++end;
    }
    std::sort(a.begin() + static_cast<std::ptrdiff_t>(begin),
              a.begin() + static_cast<std::ptrdiff_t>(end));
    std::sort(b.begin() + static_cast<std::ptrdiff_t>(begin),
              b.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end;
  }
  check(same && a == b, request, "order: got " + join(got) + ", expected " + join(want));
  if (request.sort.then_relevance && !request.query.empty()) {
    for (std::size_t i = 1; i < result.hits.size(); ++i) {
      if (sort_key(*c.by_id.at(got[i]), field) == sort_key(*c.by_id.at(got[i - 1]), field)) {
        check(result.hits[i].score <= result.hits[i - 1].score, request,
              "equal values not by relevance at " + got[i]);
      }
    }
  }
}

SearchRequest random_sort(Random& random, SearchRequest request) {
  request.sort.field = random.pick(kRangeFields);
  request.sort.descending = random.chance(50);
  request.sort.then_relevance = random.chance(30);
  return request;
}

void Oracle::sorts(std::size_t n) {
  const Collection& c = collection();
  for (std::size_t i = 0; i < n; ++i, ++cases_) {
    Selection selection = random_selection(random_);
    const SearchRequest request = random_sort(random_, selection.request);
    const std::vector<const Record*> expect = sorted(expected(selection), request);
    const SearchResult whole = this->whole(request);
    check_order(whole, expect, request);
    // Documents without the field come last, in both directions.
    bool seen_missing = false;
    for (const Hit& hit : whole.hits) {
      const bool missing = !sort_key(*c.by_id.at(hit.id), request.sort.field);
      check(missing || !seen_missing, request, "a document with the field after one without");
      seen_missing = seen_missing || missing;
    }
    // Pages are slices of the whole list.
    const std::vector<std::string> all = ids_of(whole);
    for (int page = 0; page < 2; ++page) {
      SearchRequest paged = request;
      paged.offset = random_.below(all.size() + 5);
      paged.limit = 1 + random_.below(std::min<std::size_t>(25, page_));
      const SearchResult part = search(paged);
      std::vector<std::string> want;
      for (std::size_t k = paged.offset; k < all.size() && k < paged.offset + paged.limit; ++k) {
        want.push_back(all[k]);
      }
      check(ids_of(part) == want, paged,
            "page: got " + join(ids_of(part)) + ", expected " + join(want));
      for (std::size_t k = 0; k < part.hits.size(); ++k) {
        check(part.hits[k].rank == paged.offset + k + 1, paged, "rank");
        if (k < want.size()) {
          check(std::abs(part.hits[k].score - whole.hits[paged.offset + k].score) <= 1e-9, paged,
                "page: score of " + part.hits[k].id);
        }
      }
    }
  }
}

FacetRequest random_facet(Random& random) {
  FacetRequest facet;
  const std::size_t which = random.below(6);
  if (which < 4) {
    facet.field = kKeywordFields[which];
    if (random.chance(60)) facet.top = 1 + random.below(which == 2 ? 45 : 15);
    return facet;
  }
  facet.field = kRangeFields[which - 4];
  if (random.chance(25)) {  // the most frequent values
    facet.top = 1 + random.below(12);
    return facet;
  }
  const std::size_t buckets = 1 + random.below(4);
  for (std::size_t i = 0; i < buckets; ++i) {
    Range range = random_range(random, facet.field);
    facet.ranges.push_back({range.from, range.to});
  }
  return facet;
}

void Oracle::check_facet(const Facet& facet, const FacetRequest& request,
                         const std::vector<const Record*>& matches, const SearchRequest& whole) {
  const std::string& field = request.field;
  check(facet.field == field, whole, "facet field " + facet.field);
  std::size_t missing = 0;
  std::vector<std::pair<std::string, std::size_t>> expect;  // value, count
  std::size_t distinct = 0;
  if (field == "price" || field == "date") {
    std::map<double, std::size_t> values;
    for (const Record* r : matches) {
      const std::optional<double> key = sort_key(*r, field);
      if (key) {
        ++values[*key == 0 ? 0.0 : *key];  // -0 is 0
      } else {
        ++missing;
      }
    }
    distinct = values.size();
    if (request.ranges.empty()) {
      for (const auto& [value, count] : values)
        expect.emplace_back(facet_value(field, value), count);
    } else {
      for (const FacetRange& bucket : request.ranges) {
        // The bucket counts what the range filter finds: reuse the filters' reading.
        std::size_t count = 0;
        for (const Record* r : matches) {
          const std::optional<double> key = sort_key(*r, field);
          if (!key) continue;
          bool in = true;
          if (field == "price") {
            if (bucket.from) in = in && *key >= std::strtod(bucket.from->c_str(), nullptr);
            if (bucket.to) in = in && *key <= std::strtod(bucket.to->c_str(), nullptr);
          } else {
            if (bucket.from) in = in && *key >= utc_seconds(*bucket.from);
            if (bucket.to) {
              const double end = utc_seconds(*bucket.to);
              in = in && (bucket.to->size() == 10 ? *key < end + 86400.0 : *key <= end);
            }
          }
          count += in ? 1 : 0;
        }
        expect.emplace_back(std::string(), count);
      }
    }
  } else {
    std::map<std::string, std::size_t> values;
    for (const Record* r : matches) {
      std::vector<std::string> of;
      if (field == "lang") of = {r->lang};
      if (field == "category" && r->category) of = {*r->category};
      if (field == "author" && r->author) of = {*r->author};
      if (field == "tags") of = r->tags;
      if (of.empty()) ++missing;
      for (const std::string& value : of) ++values[value];
    }
    distinct = values.size();
    for (const auto& [value, count] : values) expect.emplace_back(value, count);
  }
  if (request.ranges.empty()) {
    // By count; ties in value order (the maps' order: bytes, or numbers).
    std::stable_sort(expect.begin(), expect.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (expect.size() > request.top) expect.resize(request.top);
  }
  std::vector<std::pair<std::string, std::size_t>> got;
  for (const auto& count : facet.counts) got.emplace_back(count.value, count.count);
  std::string text;
  const auto list = [](const std::vector<std::pair<std::string, std::size_t>>& counts) {
    std::string out;
    for (std::size_t i = 0; i < counts.size() && i < 8; ++i) {
      out += " " + counts[i].first + "=" + std::to_string(counts[i].second);
    }
    return out;
  };
  check(got == expect, whole, "facet " + field + ": got" + list(got) + ", expected" + list(expect));
  check(facet.missing == missing, whole,
        "facet " + field + " missing " + std::to_string(facet.missing) + ", expected " +
            std::to_string(missing));
  check(facet.distinct_values == distinct, whole,
        "facet " + field + " distinct " + std::to_string(facet.distinct_values) + ", expected " +
            std::to_string(distinct));
  for (std::size_t i = 0; i < request.ranges.size() && i < facet.counts.size(); ++i) {
    check(facet.counts[i].from == request.ranges[i].from &&
              facet.counts[i].to == request.ranges[i].to,
          whole, "facet " + field + ": a bucket's ends are not the ones requested");
  }
}

void Oracle::facets(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i, ++cases_) {
    Selection selection = random_selection(random_);
    SearchRequest& request = selection.request;
    request.limit = random_.below(6);
    const std::size_t count = 1 + random_.below(4);
    for (std::size_t k = 0; k < count; ++k) request.facets.push_back(random_facet(random_));
    const std::vector<const Record*> matches = expected(selection);
    const SearchResult result = search(request);
    check(result.estimated_total == matches.size() && result.total_exact, request,
          "estimated_total " + std::to_string(result.estimated_total) + ", expected " +
              std::to_string(matches.size()));
    check(result.facets.size() == request.facets.size(), request, "facet count");
    for (std::size_t k = 0; k < result.facets.size() && k < request.facets.size(); ++k) {
      check_facet(result.facets[k], request.facets[k], matches, request);
    }
  }
}

// A record's collapse key (what its keyword slot holds), empty: none.
std::string collapse_key(const Record& r, const std::string& field) {
  if (field == "author") return r.author.value_or("");
  if (field == "category") return r.category.value_or("");
  std::string key;
  for (const std::string& tag : r.tags) key += (key.empty() ? "" : std::string(1, '\0')) + tag;
  return r.tags.empty() ? std::string() : "[" + key + "]";
}

void Oracle::collapses(std::size_t n) {
  const Collection& c = collection();
  for (std::size_t i = 0; i < n; ++i, ++cases_) {
    Selection selection = random_selection(random_);
    SearchRequest uncollapsed = selection.request;
    if (random_.chance(60)) uncollapsed = random_sort(random_, uncollapsed);
    const std::vector<const Record*> matches = expected(selection);
    const SearchResult whole = this->whole(uncollapsed);
    if (!uncollapsed.sort.field.empty())
      check_order(whole, sorted(matches, uncollapsed), uncollapsed);

    SearchRequest request = uncollapsed;
    request.collapse = random_.chance(70) ? "author" : random_.chance(50) ? "category" : "tags";
    request.collapse_max = 1 + random_.below(random_.chance(70) ? 2 : 4);
    const bool with_facets = random_.chance(25);
    if (with_facets) request.facets.push_back(random_facet(random_));
    // The first collapse_max of each value in the uncollapsed order.
    std::map<std::string, std::size_t> seen;
    std::vector<std::string> kept;
    for (const Hit& hit : whole.hits) {
      const std::string key = collapse_key(*c.by_id.at(hit.id), request.collapse);
      if (key.empty() || ++seen[key] <= request.collapse_max) kept.push_back(hit.id);
    }
    const SearchResult result = this->whole(request);
    check(ids_of(result) == kept, request,
          "collapsed: got " + join(ids_of(result)) + ", expected " + join(kept));
    for (const Hit& hit : result.hits) {
      const std::string key = collapse_key(*c.by_id.at(hit.id), request.collapse);
      const std::size_t others =
          key.empty() ? 0 : seen[key] - std::min(seen[key], request.collapse_max);
      check(hit.collapsed == others, request,
            hit.id + " collapsed " + std::to_string(hit.collapsed) + ", expected " +
                std::to_string(others));
    }
    check(result.estimated_total == kept.size() && result.total_exact, request,
          "estimated_total " + std::to_string(result.estimated_total) + " (exact " +
              std::to_string(result.total_exact) + "), expected " + std::to_string(kept.size()));
    if (with_facets && result.facets.size() == 1) {
      check_facet(result.facets[0], request.facets[0], matches, request);
    }
    // A page of the collapsed list, with its collapsed counts, total and facets.
    SearchRequest paged = request;
    paged.offset = random_.below(kept.size() + 3);
    paged.limit = 1 + random_.below(std::min<std::size_t>(20, page_));
    std::vector<std::string> want;
    for (std::size_t k = paged.offset; k < kept.size() && k < paged.offset + paged.limit; ++k) {
      want.push_back(kept[k]);
    }
    const SearchResult part = search(paged);
    check(ids_of(part) == want, paged,
          "collapsed page: got " + join(ids_of(part)) + ", expected " + join(want));
    for (const Hit& hit : part.hits) {
      const std::string key = collapse_key(*c.by_id.at(hit.id), request.collapse);
      const std::size_t others =
          key.empty() ? 0 : seen[key] - std::min(seen[key], request.collapse_max);
      check(hit.collapsed == others, paged,
            hit.id + " collapsed " + std::to_string(hit.collapsed) + ", expected " +
                std::to_string(others));
    }
    check(part.estimated_total == kept.size() && part.total_exact, paged,
          "estimated_total " + std::to_string(part.estimated_total) + ", expected " +
              std::to_string(kept.size()));
    if (with_facets && part.facets.size() == 1) {
      check_facet(part.facets[0], paged.facets[0], matches, paged);
    }
  }
}

void run_oracle(Searcher& searcher, Searcher* twin, bool docid_is_line, std::size_t page,
                const Cases& cases, const char* kind) {
  const auto start = std::chrono::steady_clock::now();
  Oracle oracle(searcher, twin, docid_is_line, page);
  oracle.filters(cases.filters);
  oracle.sorts(cases.sorts);
  oracle.facets(cases.facets);
  oracle.collapses(cases.collapses);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(std::string(kind) << ": " << oracle.cases() << " cases, " << oracle.failures()
                            << " failures, " << seconds << " s");
  CHECK(oracle.failures() == 0);
}

// Under AddressSanitizer every search is several times slower: a quarter of the cases.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kScale = 4;
#else
constexpr std::size_t kScale = 1;
#endif
constexpr Cases kLocalCases{800 / kScale, 300 / kScale, 400 / kScale, 250 / kScale};
// Each case of a remote searcher fetches at most a page of hits (see Oracle).
constexpr Cases kRemoteCases{400 / kScale, 125 / kScale, 250 / kScale, 125 / kScale};
constexpr std::size_t kRemotePage = 10;

}  // namespace

TEST_CASE("fields oracle: the fixture parses, and its folding is the analyzer's") {
  const Collection& c = collection();
  REQUIRE(c.records.size() == 2000);
  polysearch::Analyzer neutral(polysearch::Language::Neutral);
  for (const std::string& spelling : c.category_spellings) {
    CAPTURE(spelling);
    CHECK(neutral.normalize(spelling) == fold(spelling));
  }
  // Every field is missing from some records and present in most.
  const auto share = [&](const std::function<bool(const Record&)>& has) {
    return static_cast<double>(std::count_if(c.records.begin(), c.records.end(), has)) /
           static_cast<double>(c.records.size());
  };
  for (const double present : {share([](const Record& r) { return r.date.has_value(); }),
                               share([](const Record& r) { return r.category.has_value(); }),
                               share([](const Record& r) { return !r.tags.empty(); }),
                               share([](const Record& r) { return r.price.has_value(); }),
                               share([](const Record& r) { return r.author.has_value(); })}) {
    CHECK(present > 0.7);
    CHECK(present < 0.9);
  }
}

TEST_CASE("fields oracle: filters, sorts, facets and collapse agree with brute force, plain") {
  const auto dir = build_index(0);
  Searcher searcher(dir->path());
  run_oracle(searcher, nullptr, true, 5000, kLocalCases, "plain");
}

TEST_CASE("fields oracle: filters, sorts, facets and collapse agree with brute force, 3 shards") {
  const auto dir = build_index(3);
  Searcher searcher(dir->path());
  run_oracle(searcher, nullptr, false, 5000, kLocalCases, "3 shards");
}

TEST_CASE(
    "fields oracle: filters, sorts, facets and collapse agree with brute force, 3 shards "
    "through xapian-tcpsrv") {
  const std::string program = find_program("xapian-tcpsrv");
  if (program.empty()) {
    MESSAGE("skipped: xapian-tcpsrv absent (tools/install-deps.sh installs xapian-tools)");
    return;
  }
  const auto dir = build_index(3);
  std::vector<std::unique_ptr<TcpServer>> servers;
  std::vector<std::string> locations;
  for (int shard = 1; shard <= 3; ++shard) {
    servers.push_back(
        std::make_unique<TcpServer>(program, dir->path() / ("shard-" + std::to_string(shard))));
    locations.push_back(servers.back()->location());
  }
  {
    Searcher remote(locations);
    Searcher local(dir->path());
    run_oracle(remote, &local, false, kRemotePage, kRemoteCases, "3 shards through xapian-tcpsrv");
  }
  servers.clear();  // the searchers have closed their connections
}
