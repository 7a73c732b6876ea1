// polysearch search: run a query and print ranked hits with highlighted snippets, or run
// a file of queries and print each one's time and ids (for benchmarks).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/searcher.hpp"
#include "polysearch/text.hpp"
#include "topic_search.hpp"
#include "utf8_text.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kSearchFooter = R"help(Query syntax:
  words             any of them (all of them with --and), ranked by BM25
  "a phrase"        the words in this order
  fund*             words starting with "fund" (not in a phrase; no leading '*')
  +word  -word      required / excluded word
  a AND b, a OR b, a NOT b, ( … )
  NOT a             every document without a (at the start of the query or a group);
                    a (NOT b) is a -b; a OR (NOT b) is a, or anything without b
  title:word  title:"a phrase"  lang:de
A query word starting with '-' must follow '--', e.g. polysearch search --db d -- linux -meta
A query that does not parse is an error with its byte offset (exit 2): e.g. "(a", "*学",
'"fund* a"', "title:" or "lang:" with nothing after it, "a OR NOT b".

Output: a header line with the number of matches (exact up to 1000, else "about"), then
per hit its rank, id, language, score, title and a snippet with the words that matched in
bold (on a terminal, unless NO_COLOR is set) or **marked**: not the stop words dropped
from the query, and a phrase's words only where the phrase occurs; with --fields, the
hit's fields below it, one "name: value, value" line each.
--json prints one object per hit and line: rank, id, score, title, lang, source,
snippet, highlights ([[begin, end], …] in code points of the snippet), total (the number
of matches) and total_exact (true when counted, not estimated), and with --fields a
"fields" object ({"date": ["2024-05-01"], …}); -k 0 --json prints one object with total
and total_exact only.

Fields of an index with a schema (index --schema) are searched as category:sport,
tags:"machine learning", price:10..20, date:2024-01-01..2024-06-30 or date:..2024-06-30
(ends inclusive; a date alone as upper end takes in its day); such filters never change a
score, and a query of filters alone lists every document that passes them.  --filter
EXPR takes the same filters apart from the query (repeatable; all must pass), and
without a QUERY lists every document the filters let through (browsing).
--sort FIELD[:asc|:desc][,relevance] orders hits by a number or date field (documents
without it last, either way), ties by relevance with ",relevance".  --facet FIELD counts
the matches per value of a keyword field (the 10 most frequent; FIELD:N for N), --facet
FIELD:..10,10..20,20.. per range of a number or date field; every match is counted, not
only the page.  --collapse FIELD[:N] keeps the best hit (N hits) per value of a keyword
field and says how many more share it.
Facets print after the hits, one line per field ("category: sport 12, politik 7 (3 more
values; 5 without)"); with --json one object per value and line after the hits,
{"facet": "category", "value": "sport", "count": 12}, buckets with "from"/"to" instead of
"value", so jq 'select(.id)' still selects the hits.

--queries FILE runs every line of FILE ('-': stdin) as a query in one process (empty lines
are skipped but counted) and prints one line per query, tab-separated: its line number,
the time of Searcher::search in microseconds (of both searches for a line searched again
as plain words), the number of matches, and the ids of the hits separated by spaces; for
benchmarks (add --no-snippets to time ids only).  As in 'polysearch run', a line that is
not valid query syntax is searched as plain words (quotes, parentheses, '*', ':' and a
leading + or - removed), with a warning naming the line; a line that has no words even
so is reported as an error and skipped, and the exit status is 3.

Several --db: the shards are searched as one index (statistics combined, so the ranking
is that of a single index); if one cannot be opened, the search fails (exit 3) rather
than return results without it.  See docs/SCALING.md.

Exit status: 0 when hits were printed; 1 when the query matched nothing (or nothing on
the page --offset asks for), as grep does; 2 for usage and query syntax errors; 3 when
the index is missing, locked or damaged, or a --queries line could not be searched.

Examples:
  polysearch search --db ./idx fundacion linux
  polysearch search --db ./idx -k 3 --json '"certificado profesional"'
  polysearch search --db ./idx --json -k 5 PyTorch | jq -r .id
  polysearch search --db ./idx --json -k 0 PyTorch | jq .total
  polysearch search --db ./idx 'pytorch (NOT linux)'
  polysearch search --db ./idx --lang de Gründung lang:de
  echo 'PyTorch' | polysearch search --db ./idx -
  polysearch search --db ./idx -k 1 Gruendung >/dev/null && echo found
  polysearch search --db ./news --filter category:sport --sort date:desc --fields date
  polysearch search --db ./news bayern --facet category --facet date:..2023-12-31,2024-01-01..
  polysearch search --db ./news --json bayern --collapse author | jq 'select(.facet)'
  polysearch search --db ./shard-1 --db ./shard-2 fundacion
  printf 'linux\nGründung\n' | polysearch search --db ./idx --queries - --no-snippets)help";

struct SearchCommandOptions {
  std::vector<std::string> db;
  std::string lang = "auto";
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  std::string bm25;
  std::string weight;              // --weight; empty: BM25
  std::string prf;                 // --prf; empty: off
  std::string title_weight = "0";  // --title-weight; 0: off
  bool all_words = false;
  bool no_snippets = false;
  std::string queries;               // a file of queries, one a line
  std::string fields;                // --fields A,B or all
  std::vector<std::string> filters;  // --filter EXPR, each in the query syntax
  std::string sort;                  // --sort FIELD[:asc|:desc][,relevance]
  std::vector<std::string> facets;   // --facet FIELD[:N|:RANGES]
  std::string collapse;              // --collapse FIELD[:N]
  std::string snippets_from;         // --snippets-from FIELD
  std::vector<std::string> query;
};

// Turns the library's InvalidArgument for a malformed option value into a usage error
// naming the option.
template <typename Parse>
auto parse_option(const char* option, Parse&& parse) {
  try {
    return parse();
  } catch (const InvalidArgument& error) {
    throw UsageError(std::string(option) + ": " + error.what());
  }
}

// --collapse FIELD[:N] → the request's collapse field and hits kept per value.
void set_collapse(const std::string& value, SearchRequest& request) {
  const std::size_t colon = value.find(':');
  request.collapse = value.substr(0, colon);
  if (colon == std::string::npos) return;
  const std::string count = value.substr(colon + 1);
  double parsed = 0;
  if (!parse_double(count, parsed) || parsed < 1 ||
      parsed != static_cast<double>(static_cast<std::size_t>(parsed))) {
    throw UsageError("--collapse " + value + ": N must be a whole number >= 1");
  }
  request.collapse_max = static_cast<std::size_t>(parsed);
}

// --fields A,B → {"A", "B"}; "all" → {"*"}.
std::vector<std::string> parse_fields_option(const std::string& value) {
  if (value == "all" || value == "*") return {"*"};
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(',', start), value.size());
    if (comma > start) names.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  if (names.empty()) throw UsageError("--fields: give field names, A,B, or all");
  return names;
}

std::string read_query(const std::vector<std::string>& words) {
  std::string query = text_from_arguments(words);
  while (!query.empty() && (query.back() == '\n' || query.back() == '\r')) query.pop_back();
  if (const auto problem = find_invalid_utf8(query)) {
    throw UsageError(std::string("query is not valid UTF-8 (") + problem->reason + ") at byte " +
                     std::to_string(problem->offset));
  }
  return query;
}

SearchRequest make_request(const SearchCommandOptions& options) {
  SearchRequest request;
  request.language = parse_language_option(options.lang, "--lang");
  if (options.queries.empty() && !options.query.empty()) request.query = read_query(options.query);
  request.filter_queries = options.filters;
  if (request.query.find_first_not_of(" \t\r\n") == std::string::npos && options.queries.empty() &&
      request.filter_queries.empty()) {
    throw UsageError("empty query");
  }
  if (!options.sort.empty()) {
    request.sort = parse_option("--sort", [&] { return parse_sort_order(options.sort); });
  }
  for (const std::string& facet : options.facets) {
    request.facets.push_back(parse_option("--facet", [&] { return parse_facet_request(facet); }));
  }
  if (!options.collapse.empty()) set_collapse(options.collapse, request);
  request.snippet_field = options.snippets_from;
  request.limit = options.limit;
  request.offset = options.offset;
  if (!options.bm25.empty()) request.bm25 = parse_bm25(options.bm25);
  if (!options.weight.empty()) request.weighting = parse_weight(options.weight);
  if (!options.prf.empty()) request.feedback = parse_prf(options.prf);
  request.title_weight = parse_title_weight(options.title_weight);
  request.default_operator = options.all_words ? DefaultOperator::And : DefaultOperator::Or;
  request.snippets = !options.no_snippets;
  if (!options.fields.empty()) request.fields = parse_fields_option(options.fields);
  return request;
}

// What the header says was searched: the query, and the filters.
std::string searched(const SearchRequest& request) {
  std::string what;
  if (request.query.find_first_not_of(" \t\r\n") != std::string::npos) {
    what = "\"" + printable(request.query) + "\"";
  }
  for (const std::string& filter : request.filter_queries) {
    what += (what.empty() ? "" : " ") + std::string("--filter ") + printable(filter);
  }
  return what;
}

std::string header(const SearchRequest& request, const SearchResult& result) {
  const std::string quoted = searched(request);
  // "about 5000" when the total is Xapian's estimate, "5" when it was counted.
  const std::string total =
      (result.total_exact ? "" : "about ") + std::to_string(result.estimated_total);
  if (result.hits.empty()) {
    if (result.estimated_total == 0) return "no results for " + quoted;
    return "no more results for " + quoted + " (" + total + " in all)";
  }
  if (request.offset == 0) {
    const char* noun = result.estimated_total == 1 ? " result for " : " results for ";
    return std::to_string(result.hits.size()) + " of " + total + noun + quoted;
  }
  const std::size_t first = result.hits.front().rank;
  const std::size_t last = result.hits.back().rank;
  const std::string range = first == last
                                ? "result " + std::to_string(first)
                                : "results " + std::to_string(first) + "-" + std::to_string(last);
  return range + " of " + total + " for " + quoted;
}

void print_hit(const Hit& hit, const HighlightStyle& style, bool snippets) {
  std::cout << '\n'
            << hit.rank << ". " << printable(hit.id) << "  [" << language_code(hit.language)
            << "]  score " << fixed(hit.score, 3) << '\n';
  if (!hit.title.empty()) std::cout << "   " << printable(hit.title) << '\n';
  if (snippets && !hit.snippet.empty()) {
    std::cout << "   " << render_highlighted(hit.snippet, hit.highlights, style) << '\n';
  }
  if (hit.collapsed > 0) std::cout << "   (" << hit.collapsed << " more like it collapsed)\n";
  for (const auto& [name, values] : hit.fields) {
    std::cout << "   " << printable(name) << ":";
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::cout << (i == 0 ? " " : ", ") << printable(values[i]);
    }
    std::cout << '\n';
  }
}

// A bucket as requested: "10..20", "..10", "20..".
std::string bucket_name(const FacetCount& count) {
  return count.from.value_or("") + ".." + count.to.value_or("");
}

// "category: sport 12, politik 7 (3 more values; 5 without)".
void print_facet(const Facet& facet) {
  std::cout << printable(facet.field) << ":";
  for (std::size_t i = 0; i < facet.counts.size(); ++i) {
    const FacetCount& count = facet.counts[i];
    const bool bucket = count.from || count.to;
    std::cout << (i == 0 ? " " : ", ")
              << (bucket                ? bucket_name(count)
                  : count.value.empty() ? std::string("\"\"")
                                        : printable(count.value))
              << ' ' << count.count;
  }
  const bool buckets =
      !facet.counts.empty() && (facet.counts.front().from || facet.counts.front().to);
  std::vector<std::string> notes;
  if (!buckets && facet.distinct_values > facet.counts.size()) {
    notes.push_back(std::to_string(facet.distinct_values - facet.counts.size()) + " more values");
  }
  if (facet.missing > 0) notes.push_back(std::to_string(facet.missing) + " without");
  if (facet.counts.empty() && notes.empty()) std::cout << " none";
  for (std::size_t i = 0; i < notes.size(); ++i) std::cout << (i == 0 ? " (" : "; ") << notes[i];
  std::cout << (notes.empty() ? "" : ")") << '\n';
}

void print_text(const SearchRequest& request, const SearchResult& result) {
  const HighlightStyle style = highlight_style(use_color_on_stdout());
  std::cout << header(request, result) << '\n';
  for (const Hit& hit : result.hits) print_hit(hit, style, request.snippets);
  if (!result.facets.empty()) std::cout << '\n';
  for (const Facet& facet : result.facets) print_facet(facet);
}

// One object per value or bucket: {"facet": "category", "value": "sport", "count": 12}.
std::vector<Json> facet_json(const Facet& facet) {
  std::vector<Json> lines;
  for (const FacetCount& count : facet.counts) {
    Json object = {{"facet", facet.field}};
    if (count.from || count.to) {
      object["from"] = count.from ? Json(*count.from) : Json(nullptr);
      object["to"] = count.to ? Json(*count.to) : Json(nullptr);
    } else {
      object["value"] = count.value;
    }
    object["count"] = count.count;
    lines.push_back(std::move(object));
  }
  return lines;
}

// The count of matches, in every hit's object and alone for -k 0.
Json total_json(const SearchResult& result) {
  return {{"total", result.estimated_total}, {"total_exact", result.total_exact}};
}

Json hit_json(const Hit& hit, const SearchResult& result,
              const std::vector<std::string>& request_fields) {
  Json object = {{"rank", hit.rank},
                 {"id", hit.id},
                 {"score", hit.score},
                 {"title", hit.title},
                 {"lang", language_code(hit.language)},
                 {"source", hit.source},
                 {"snippet", hit.snippet},
                 {"highlights", code_point_ranges(hit.snippet, hit.highlights)}};
  if (!request_fields.empty()) {
    Json fields = Json::object();
    for (const auto& [name, values] : hit.fields) fields[name] = values;
    object["fields"] = std::move(fields);
  }
  object.update(total_json(result));
  return object;
}

Json hit_json(const Hit& hit, const SearchResult& result, const SearchRequest& request) {
  Json object = hit_json(hit, result, request.fields);
  if (!request.collapse.empty()) object["collapsed"] = hit.collapsed;
  return object;
}

std::string read_queries_file(const std::string& argument) {
  if (argument == "-") return read_stdin();
  std::string error;
  std::optional<std::string> text = read_file(argument, error);
  if (!text) throw Error("--queries: " + error);
  return std::move(*text);
}

// One output line per query line: "N<TAB>µs<TAB>matches<TAB>id id …".  A query that is
// not valid syntax is searched as plain words, with a warning, as `run` does; one that
// cannot be searched even so is reported and skipped, and makes the exit status 3.
int run_query_file(const SearchCommandOptions& options) {
  if (!options.query.empty()) throw UsageError("give either QUERY or --queries, not both");
  const SearchRequest request = make_request(options);
  if (!request.facets.empty() || !request.collapse.empty() || !request.sort.field.empty()) {
    throw UsageError("--queries takes --filter, not --sort, --facet or --collapse");
  }
  Searcher searcher(options.db);
  check_filters(searcher, request);
  std::istringstream lines(read_queries_file(options.queries));
  std::size_t number = 0, found = 0, failed = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (const auto problem = find_invalid_utf8(line)) {
      throw Error("--queries line " + std::to_string(number) + " is not valid UTF-8 (" +
                  problem->reason + ")");
    }
    const std::string name = "--queries line " + std::to_string(number);
    const auto start = std::chrono::steady_clock::now();
    const TopicHits result = search_topic_hits(searcher, request, eval::Topic{name, line, {}});
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    if (result.failed) {
      ++failed;
      print_error(name + ": " + result.message);
      continue;
    }
    if (result.plain_words)
      print_warning(name + ": " + result.message + "; searched as plain words");
    std::cout << number << '\t' << micros.count() << '\t' << result.estimated_total << '\t';
    for (std::size_t i = 0; i < result.hits.size(); ++i) {
      std::cout << (i == 0 ? "" : " ") << printable(result.hits[i].id);
    }
    std::cout << '\n';
    if (!result.hits.empty()) ++found;
  }
  std::cout.flush();
  if (failed > 0) return kExitDataError;
  return found > 0 ? kExitOk : kExitNoResults;
}

int run_search(const SearchCommandOptions& options) {
  if (!options.queries.empty()) return run_query_file(options);
  const SearchRequest request = make_request(options);
  Searcher searcher(options.db);
  const SearchResult result = searcher.search(request);
  if (options.json) {
    // One object per hit, each with the total, so that hit-per-line consumers (jq -r .id)
    // see nothing else; -k 0 asks for the count only and gets it as one object.
    for (const Hit& hit : result.hits)
      std::cout << json_line(hit_json(hit, result, request)) << '\n';
    if (options.limit == 0) std::cout << json_line(total_json(result)) << '\n';
    for (const Facet& facet : result.facets) {
      for (const Json& line : facet_json(facet)) std::cout << json_line(line) << '\n';
    }
  } else {
    print_text(request, result);
  }
  std::cout.flush();
  // Like grep, 1 when nothing was found; -k 0 asks only for the count of matches.
  const bool found = options.limit == 0 ? result.estimated_total > 0 : !result.hits.empty();
  return found ? kExitOk : kExitNoResults;
}

}  // namespace

void add_search_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SearchCommandOptions>();
  CLI::App* sub = app.add_subcommand("search", "Search an index");
  sub->add_option("--db", options->db,
                  "Index directory, or tcp://HOST:PORT served by xapian-tcpsrv; repeat it to "
                  "search several shards as one index")
      ->required()
      ->allow_extra_args(false)  // one directory per --db: the query follows
      ->type_name(kDirType);
  sub->add_option("--lang", options->lang,
                  std::string("Analyze the query as this language: ") + language_option_codes() +
                      " (auto: every language in the index)")
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("-k,--limit", options->limit, "Number of hits")
      ->check(count_validator())
      ->capture_default_str();
  sub->add_option("--offset", options->offset, "Hits to skip (for paging)")
      ->check(count_validator())
      ->capture_default_str();
  sub->add_flag("--json", options->json, "One JSON object per hit and line");
  sub->add_option("--bm25", options->bm25, "BM25 parameters K1,B (default 2,0.9)")
      ->type_name("K1,B");
  add_weight_option(*sub, options->weight);
  add_prf_option(*sub, options->prf);
  add_title_weight_option(*sub, options->title_weight);
  sub->add_flag("--and", options->all_words, "Require every query word (default: any)");
  sub->add_flag("--no-snippets", options->no_snippets, "Do not compute snippets");
  sub->add_option("--fields", options->fields,
                  "Print these fields of each hit (A,B), or all of them (all)")
      ->type_name("A,B|all");
  add_filter_option(*sub, options->filters);
  sub->add_option("--sort", options->sort,
                  "Order hits by a number or date field (default: relevance), e.g. date:desc")
      ->type_name("FIELD[:asc|:desc][,relevance]");
  sub->add_option("--facet", options->facets,
                  "Count the matches per value of a keyword field (FIELD or FIELD:N for the top "
                  "N), or per range of a number or date field (FIELD:..10,10..20,20..); "
                  "repeatable")
      ->type_name("FIELD[:N|:RANGES]")
      ->allow_extra_args(false);
  sub->add_option("--collapse", options->collapse,
                  "Keep the best hit (N hits) per value of a keyword field")
      ->type_name("FIELD[:N]");
  sub->add_option("--snippets-from", options->snippets_from,
                  "Take snippets from this text field of the schema instead of the text")
      ->type_name("FIELD");
  sub->add_option("--queries", options->queries,
                  "Run each line of FILE as a query; print times and ids (see below)")
      ->type_name(kFileType);
  sub->add_option("QUERY", options->query, "Query words, joined by spaces; - reads stdin");
  sub->footer(kSearchFooter);
  sub->callback([options, &action] {
    if (options->query.empty() && options->queries.empty() && options->filters.empty()) {
      throw CLI::RequiredError("a QUERY, --filter or --queries");
    }
    action = [options] { return run_search(*options); };
  });
}

}  // namespace polysearch::cli
