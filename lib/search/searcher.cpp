#include "polysearch/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "index/index_settings.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "lang/profile.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "schema/field_values.hpp"
#include "search/feedback.hpp"
#include "search/field_query.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/snippeter.hpp"
#include "search/weighting_scheme.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

// Snippets analyze at most this much of a document's text, so one huge document cannot
// make a search slow; its matches further in are not shown.
constexpr std::size_t kMaxSnippetScanBytes = 1024 * 1024;
constexpr std::size_t kMaxLimit = 100000;

// Matches are counted exactly up to this many (Enquire::get_mset's checkatleast), so the
// total does not depend on the page size ("-k 1" said "about 2" where "-k 10" said 1).
// Beyond it the count is Xapian's estimate.  Measured on stard zh-Hans (58,000 documents,
// 1,235 questions matching 36,000 documents at the median, the worst case): 1,000 costs
// 4% of the search time, 10,000 35%, counting every match 2.2 times the time.
constexpr Xapian::doccount kExactCountUpTo = 1000;

Xapian::doccount exact_count_bound(const SearchRequest& request) {
  const std::size_t most = std::numeric_limits<Xapian::doccount>::max();
  const std::size_t page_end = std::min(request.offset, most) + request.limit;  // no overflow
  return static_cast<Xapian::doccount>(
      std::max<std::size_t>(kExactCountUpTo, std::min(page_end, most)));
}

void validate(const SearchRequest& request) {
  if (!(request.bm25.k1 >= 0.0) || !std::isfinite(request.bm25.k1)) {
    throw InvalidArgument("BM25 k1 must be a finite number >= 0");
  }
  if (!(request.bm25.b >= 0.0 && request.bm25.b <= 1.0)) {
    throw InvalidArgument("BM25 b must be between 0 and 1");
  }
  if (!(request.language_boost >= 0.0) || !std::isfinite(request.language_boost)) {
    throw InvalidArgument("language boost must be a finite number >= 0");
  }
  if (!(request.title_weight >= 0.0) || !std::isfinite(request.title_weight)) {
    throw InvalidArgument("title weight must be a finite number >= 0");
  }
  detail::check_weighting(request.weighting);
  detail::check_feedback(request.feedback);
  if (request.limit > kMaxLimit) {
    throw InvalidArgument("at most " + std::to_string(kMaxLimit) + " hits per request");
  }
  detail::require_valid_utf8(request.query, "query");
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

Language language_from_code(const std::string& code) {
  try {
    return parse_language(code);
  } catch (const InvalidArgument&) {
    return Language::Neutral;  // written by a newer polysearch with more languages
  }
}

// Latin-script queries shorter than this are not trusted to detection.
constexpr std::size_t kMinDetectableWords = 4;

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// A text field's values as one text for a snippet.
std::string joined_values(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : " \u2026 ") + value;
  return text;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Language stored_language(const Xapian::Document& doc) {
  return language_from_code(doc.get_value(detail::kSlotLanguage));
}

// "tcp://HOST:PORT" → {HOST, PORT}; nullopt for a local path.
std::optional<std::pair<std::string, unsigned>> remote_address(const std::string& location) {
  constexpr std::string_view kScheme = "tcp://";
  if (location.compare(0, kScheme.size(), kScheme) != 0) return std::nullopt;
  const std::string address = location.substr(kScheme.size());
  const std::size_t colon = address.rfind(':');
  unsigned port = 0;
  const char* digits = colon == std::string::npos ? nullptr : address.c_str() + colon + 1;
  const char* last = address.c_str() + address.size();
  const bool parsed = digits != nullptr && digits != last && [&] {
    const auto [end, error] = std::from_chars(digits, last, port);
    return error == std::errc() && end == last;
  }();
  if (colon == 0 || !parsed || port == 0 || port > 65535) {
    throw InvalidArgument("'" + location + "' is not a tcp://HOST:PORT address");
  }
  return std::make_pair(address.substr(0, colon), port);
}

// Opens one shard: a local index directory or a remote one.
Xapian::Database open_shard(const std::string& location) {
  constexpr unsigned kRemoteTimeoutMs = 10000;
  if (const auto remote = remote_address(location)) {
    return detail::translating_xapian_errors("open index", location, [&] {
      return Xapian::Remote::open(remote->first, remote->second, kRemoteTimeoutMs,
                                  kRemoteTimeoutMs);
    });
  }
  detail::require_index_directory(location);
  return detail::translating_xapian_errors("open index", location,
                                           [&] { return Xapian::Database(location); });
}

// Reads while a writer commits can fail in two passing ways: the revision being read was
// discarded (DatabaseModifiedError), or, in Xapian 1.4, a block was rewritten under the
// reader, which then looks corrupt ("Expected block 151 to be level 1, not 0", seen with a
// commit every few milliseconds; xapian-check found the index sound).  Either passes on
// the newest revision; damage that is real stays, and the last attempt's error is
// reported.
constexpr int kReadAttempts = 5;

template <typename Read>
auto retrying_reads(Xapian::Database& db, Read&& read) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kReadAttempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == kReadAttempts) throw;
    }
    db.reopen();
  }
}

std::string joined(const std::vector<std::string>& locations) {
  std::string text;
  for (const std::string& location : locations) text += (text.empty() ? "" : ", ") + location;
  return text;
}

}  // namespace

struct Searcher::Impl {
  explicit Impl(const std::vector<std::string>& where) : locations(where), path(joined(where)) {
    if (locations.empty()) throw InvalidArgument("no index to search");
    for (const std::string& location : locations) {
      if (remote_address(location)) remote = true;
      Xapian::Database shard = open_shard(location);
      detail::translating_xapian_errors("open index", location, [&] {
        retrying_reads(shard, [&] {
          detail::check_schema(shard, location);
          check_same_analysis(shard, location);
        });
        db.add_database(shard);
      });
    }
    detail::translating_xapian_errors("open index", path,
                                      [&] { retrying_reads(db, [&] { load_analysis(); }); });
  }

  // Runs `read` (retrying_reads); a retry reads the settings of the newer revision it
  // moved to first, and drops what was kept of the older one.
  template <typename Read>
  auto reading(Read&& read) {
    bool first = true;
    return retrying_reads(db, [&] {
      if (!first) load_analysis();
      first = false;
      return read();
    });
  }

  // Shards analyzed differently could not be searched with one query.
  void check_same_analysis(const Xapian::Database& shard, const std::string& location) {
    const AnalyzerOptions stored = detail::read_analysis(shard, location);
    if (db.size() == 0) return;
    // Shards of different schemas could not be filtered as one index either.
    const std::string key(detail::kFieldsKey);
    if (shard.get_metadata(key) != db.get_metadata(key)) {
      throw IndexError("open index '" + location + "': its schema differs from that of '" +
                           locations.front() + "'",
                       location);
    }
    const AnalyzerOptions first = detail::read_analysis(db, locations.front());
    if (stored != first) {
      throw IndexError("open index '" + location + "': analysis settings '" +
                           detail::serialize_analysis(stored) + "' differ from those of '" +
                           locations.front() + "' ('" + detail::serialize_analysis(first) + "')",
                       location);
    }
    // Titles weighed differently would rank one shard's documents by other rules.
    const unsigned shard_title_wdf = detail::read_title_wdf(shard, location);
    const unsigned first_title_wdf = detail::read_title_wdf(db, locations.front());
    if (shard_title_wdf != first_title_wdf) {
      throw IndexError("open index '" + location + "': title wdf " +
                           std::to_string(shard_title_wdf) + " differs from that of '" +
                           locations.front() + "' (" + std::to_string(first_title_wdf) + ")",
                       location);
    }
  }

  // Queries are analyzed as the index's documents were (every shard's are the same); the
  // title wdf is read too, so that a damaged one is reported at once.
  void load_analysis() {
    const AnalyzerOptions stored = detail::read_analysis(db, path);
    if (stored != analysis) analyzers.clear();
    analysis = stored;
    title_wdf = detail::read_title_wdf(db, path);
    detail::StoredSchema stored_schema =
        detail::read_stored_schema(db.get_metadata(std::string(detail::kFieldsKey)), path.string());
    schema = std::move(stored_schema.schema);
    sortable = stored_schema.sortable;
    date_terms = stored_schema.date_terms;
    columns.clear();  // the revision read may be newer
  }

  Analyzer& analyzer_for(Language language) {
    auto it = analyzers.find(language);
    if (it == analyzers.end()) {
      it = analyzers.emplace(language, Analyzer(language, analysis)).first;
    }
    return it->second;
  }

  std::vector<Language> indexed_languages() {
    std::vector<Language> present;
    for (Language language : analyzable_languages()) {
      if (db.term_exists(detail::language_term(language_code(language)))) {
        present.push_back(language);
      }
    }
    return present;
  }

  detail::QueryBuilder make_builder(const SearchRequest& request) {
    std::vector<Language> languages;
    if (request.language != Language::Unknown)
      languages.push_back(request.language);
    else
      languages = indexed_languages();
    if (languages.empty()) languages.push_back(Language::Neutral);  // empty index
    std::vector<Analyzer*> query_analyzers;
    for (Language language : languages) query_analyzers.push_back(&analyzer_for(language));
    detail::QueryBuilder builder(std::move(query_analyzers), request.default_operator, &db, &schema,
                                 &analyzer_for(detail::kKeywordFoldLanguage));
    if (date_terms) builder.use_date_terms(db);
    builder.set_title_weight(request.title_weight);
    return builder;
  }

  Hit make_hit(const Xapian::MSetIterator& it, const SearchRequest& request,
               const detail::MatchTerms& highlight) {
    return make_hit(it.get_document(), it.get_rank() + 1, it.get_weight(), request, highlight);
  }

  Hit make_hit(const Xapian::Document& doc, std::size_t rank, double score,
               const SearchRequest& request, const detail::MatchTerms& highlight) {
    Hit hit;
    hit.rank = rank;
    hit.score = score;
    hit.id = doc.get_value(detail::kSlotId);
    hit.title = doc.get_value(detail::kSlotTitle);
    hit.source = doc.get_value(detail::kSlotSource);
    hit.language = stored_language(doc);
    detail::FieldValues stored_fields;
    if (!request.fields.empty() || !request.snippet_field.empty()) {
      stored_fields = detail::parse_fields(doc.get_value(detail::kSlotFields));
    }
    if (!request.fields.empty()) {
      const bool all =
          std::find(request.fields.begin(), request.fields.end(), "*") != request.fields.end();
      for (const auto& [name, values] : stored_fields) {
        if (all ||
            std::find(request.fields.begin(), request.fields.end(), name) != request.fields.end()) {
          hit.fields.emplace(name, values);
        }
      }
    }
    if (request.snippets) {
      const std::string text = request.snippet_field.empty()
                                   ? doc.get_data()
                                   : joined_values(stored_fields[request.snippet_field]);
      const std::string_view scanned(text.data(),
                                     detail::utf8_prefix_length(text, kMaxSnippetScanBytes));
      try {
        analyzer_for(snippet_language(request, hit.language)).analyze(scanned, tokens);
      } catch (const InputError& error) {
        // The writer stores only valid UTF-8: the stored text was damaged since.
        throw IndexError("search index '" + path.string() + "': the stored text of document '" +
                             repair_utf8(hit.id) + "' is damaged (" + error.what() +
                             "); the index is corrupt",
                         path);
      }
      detail::Snippet snippet =
          detail::make_snippet(scanned, tokens, highlight, request.snippet_width);
      if (scanned.size() < text.size() && !ends_with(snippet.text, "\u2026")) {
        snippet.text += "\u2026";  // the text goes on beyond what was scanned
      }
      hit.snippet = std::move(snippet.text);
      hit.highlights = std::move(snippet.highlights);
    }
    return hit;
  }

  // A text field is analyzed in its fixed language, if it has one, else the document's.
  Language snippet_language(const SearchRequest& request, Language document_language) const {
    const FieldSpec* spec = schema.find(request.snippet_field);
    return spec && spec->language ? *spec->language : document_language;
  }

  // The language the query is written in, when it can be told: the request's, or a
  // reliable detection among the index's languages.  Only worth knowing when the index
  // mixes languages.
  Language query_language(const SearchRequest& request) {
    const std::vector<Language> present = indexed_languages();
    if (present.size() < 2) return Language::Unknown;
    if (request.language != Language::Unknown) return request.language;
    DetectorOptions options;
    options.fallback = Language::Unknown;
    const LanguageGuess guess = detect_language(request.query, options);
    if (!guess.reliable) return Language::Unknown;
    // CLD2 calls even one- or two-word queries "reliable" and is often wrong on them
    // ("contratacion" → gl → pt); the Han script test for Chinese is sound at any length.
    if (!detail::detected_by_script(guess.language) &&
        word_count(request.query) < kMinDetectableWords) {
      return Language::Unknown;
    }
    const bool indexed = std::find(present.begin(), present.end(), guess.language) != present.end();
    return indexed ? guess.language : Language::Unknown;
  }

  // In an index of several languages, documents in the query's language get a fixed bonus:
  // a German question shares names and numbers with the Spanish translation of its answer,
  // and should still find the German one first.
  Xapian::Query prefer_query_language(Xapian::Query query, const SearchRequest& request) {
    if (!(request.language_boost > 0.0)) return query;
    const Language language = query_language(request);
    if (language == Language::Unknown) return query;
    Xapian::Query bonus(
        Xapian::Query::OP_FILTER,
        Xapian::Query((new Xapian::FixedWeightPostingSource(request.language_boost))->release()),
        Xapian::Query(detail::language_term(language_code(language))));
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, bonus);
  }

  // The query with the request's filters; empty when nothing is searched for (no word
  // survived analysis).  A blank query with filters browses: every document they let
  // through, unscored.
  // `scored` is set to the query before the language bonus and the request's filters,
  // `filter` to those filters (empty: none); feedback expands `scored`.
  detail::BuiltQuery build_query(const SearchRequest& request, const detail::SearchFields& fields,
                                 Xapian::Query& scored, Xapian::Query& filter) {
    detail::QueryBuilder builder = make_builder(request);
    filter = detail::build_request_filter(request, fields, builder);
    detail::BuiltQuery built;
    if (!filter.empty() && is_blank(request.query)) {
      built.query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
      return built;
    }
    built = builder.build(*detail::parse_query(request.query, schema));
    if (built.query.empty()) return built;
    scored = built.query;
    built.query = finish_query(scored, request, filter);
    return built;
  }

  // The query with the language bonus and the request's filters.
  Xapian::Query finish_query(const Xapian::Query& scored, const SearchRequest& request,
                             const Xapian::Query& filter) {
    Xapian::Query query = prefer_query_language(scored, request);
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    return query;
  }

  // Pseudo-relevance feedback: learns expansion terms from the best documents of
  // `built.query` and makes `built.query` the expanded query.  Anserini's RM3 weighs each
  // of the n query terms original_weight / n and the expansion terms (1 - original_weight)
  // in proportion; here the original query keeps its weights (1 per word, so the
  // language bonus keeps its meaning) and the expansion is scaled by n / original_weight,
  // which ranks the same.  Returns the expansion terms.
  std::vector<ExpansionTerm> expand(const SearchRequest& request, detail::BuiltQuery& built,
                                    const Xapian::Query& scored, const Xapian::Query& filter) {
    const Feedback& feedback = request.feedback;
    const double original = feedback.original_weight;
    if (!(original < 1.0)) return {};
    Xapian::Enquire first(db);
    first.set_query(built.query);
    first.set_weighting_scheme(*detail::make_weight(request.weighting, request.bm25));
    const Xapian::MSet best = first.get_mset(0, static_cast<Xapian::doccount>(feedback.docs));
    const std::vector<detail::FeedbackTerm> terms = detail::feedback_terms(db, best, feedback);
    if (terms.empty()) return {};
    const double mass = built.mass > 0.0 ? built.mass : 1.0;
    const double scale = original > 0.0 ? mass * (1.0 - original) / original : mass;
    std::vector<Xapian::Query> added;
    std::vector<ExpansionTerm> expansion;
    for (const detail::FeedbackTerm& term : terms) {
      added.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term.term),
                         scale * term.weight);
      expansion.push_back({detail::expansion_display(term.term), (1.0 - original) * term.weight});
    }
    const Xapian::Query expansion_query(Xapian::Query::OP_OR, added.begin(), added.end());
    // With weight 0 the original query only selects (when it must) and no longer scores.
    const Xapian::Query kept =
        original > 0.0 ? scored : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, scored, 0.0);
    const Xapian::Query expanded =
        built.only_optional
            ? (original > 0.0 ? Xapian::Query(Xapian::Query::OP_OR, scored, expansion_query)
                              : expansion_query)
            : Xapian::Query(Xapian::Query::OP_AND_MAYBE, kept, expansion_query);
    built.query = finish_query(expanded, request, filter);
    return expansion;
  }

  SearchResult run(const SearchRequest& request) {
    const detail::SearchFields fields{&schema, sortable, path.string(), remote};
    detail::FacetCounter facets(request.facets, fields);
    if (!request.snippet_field.empty()) {
      const FieldSpec* spec = schema.find(request.snippet_field);
      if (!spec || spec->type != FieldType::Text) {
        throw InvalidArgument("snippets: '" + request.snippet_field +
                              "' is not a text field of the index");
      }
    }
    Xapian::Query scored, filter;
    detail::BuiltQuery built = build_query(request, fields, scored, filter);
    SearchResult result;
    result.query_description = built.query.get_description();
    if (built.query.empty()) {
      result.facets = facets.results();
      return result;
    }
    if (is_blank(request.query) && !request.sort.field.empty() && request.collapse.empty() &&
        !remote) {
      return browse_sorted(request, built, fields, facets);
    }
    if (request.feedback.enabled && !scored.empty()) {
      result.expansion = expand(request, built, scored, filter);
      result.query_description = built.query.get_description();
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(*detail::make_weight(request.weighting, request.bm25));
    detail::apply_sort(enquire, request.sort, fields);
    detail::Collapser collapser(request, fields);
    collapser.attach(enquire);
    // Facets count every match.  Without collapse (whose counts need every match of the
    // ranked pass) they are counted in a pass of their own over the query without weights,
    // which costs about half what weighting every match in the ranked pass does, and
    // leaves the ranked pass free to stop early (docs/BENCHMARKS.md, "Fields").
    const bool separate_facets = !request.facets.empty() && request.collapse.empty();
    if (!separate_facets) facets.attach(enquire);
    const bool count_all = !request.facets.empty() || !request.collapse.empty();
    const Xapian::doccount all = std::max(db.get_doccount(), exact_count_bound(request));
    const Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(request.offset), static_cast<Xapian::doccount>(request.limit),
        count_all && !separate_facets ? all : exact_count_bound(request));
    result.estimated_total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (separate_facets) {
      Xapian::Enquire counting(db);
      counting.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built.query, 0.0));
      counting.set_weighting_scheme(Xapian::BoolWeight());
      counting.set_docid_order(Xapian::Enquire::DONT_CARE);
      facets.attach(counting);
      const Xapian::MSet counted = counting.get_mset(0, 0, all);
      result.estimated_total = counted.get_matches_estimated();
      result.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    }
    if (!request.collapse.empty()) {
      result.estimated_total = collapser.total();  // Xapian's may be a range (Collapser)
      result.total_exact = true;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      result.hits.push_back(make_hit(it, request, built.highlight));
      result.hits.back().collapsed = collapser.collapsed(it.get_collapse_key());
    }
    result.facets = facets.results();
    return result;
  }

  // A query of filters alone, sorted by a field: its matches (and facets) from one pass
  // without weights, ordered through the sort slot's column (detail::ValueColumn), so no
  // request reads values but its hits'.  Ties by docid, as Xapian's sort by value; every
  // score 0, as when browsing unsorted.  Not on tcp:// shards: they stream no values.
  SearchResult browse_sorted(const SearchRequest& request, const detail::BuiltQuery& built,
                             const detail::SearchFields& fields, detail::FacetCounter& facets) {
    const Xapian::valueno slot = detail::sort_slot(request.sort, fields);
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    facets.attach(enquire);
    // Every match, in no order: docids of the combined database (a match spy would see
    // each shard's own).
    const Xapian::doccount all = std::max(db.get_doccount(), exact_count_bound(request));
    const Xapian::MSet matches = enquire.get_mset(0, all, all);
    std::vector<Xapian::docid> docids;
    docids.reserve(matches.size());
    for (auto it = matches.begin(); it != matches.end(); ++it) docids.push_back(*it);
    auto column = columns.find(slot);
    if (column == columns.end()) {
      column = columns.emplace(slot, detail::read_value_column(db, slot)).first;
    }
    SearchResult result;
    result.query_description = built.query.get_description();
    result.estimated_total = docids.size();
    result.total_exact = true;
    const std::size_t page_end =
        request.offset >= docids.size()
            ? docids.size()
            : request.offset + std::min(request.limit, docids.size() - request.offset);
    docids = detail::first_by_column(std::move(docids), column->second, request.sort.descending,
                                     page_end);
    for (std::size_t k = request.offset; k < docids.size(); ++k) {
      result.hits.push_back(
          make_hit(db.get_document(docids[k]), k + 1, 0.0, request, built.highlight));
    }
    result.facets = facets.results();
    return result;
  }

  std::vector<std::string> locations;
  std::filesystem::path path;  // the locations, for messages
  Xapian::Database db;
  AnalyzerOptions analysis;
  unsigned title_wdf = 0;  // the stored one (IndexOptions::title_wdf), for info()
  Schema schema;           // the stored one (the first shard's); empty without
  bool sortable = true;    // its fields have sort and keyword slots (detail::StoredSchema)
  bool date_terms = true;  // and date terms
  bool remote = false;     // a shard is tcp:// (detail::SearchFields::remote)
  std::map<Language, Analyzer> analyzers;
  std::vector<Token> tokens;  // scratch for snippets
  // Sort slots' values by docid (detail::ValueColumn), read when a browse first sorts by
  // them; cleared whenever the database is reopened (load_analysis).
  std::map<Xapian::valueno, detail::ValueColumn> columns;
};

Searcher::Searcher(const std::filesystem::path& directory)
    : impl_(std::make_unique<Impl>(std::vector<std::string>{directory.string()})) {}
Searcher::Searcher(const std::vector<std::string>& locations)
    : impl_(std::make_unique<Impl>(locations)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
  validate(request);
  return detail::translating_xapian_errors("search index", impl_->path, [&] {
    return impl_->reading([&] { return impl_->run(request); });
  });
}

IndexInfo Searcher::info() {
  return detail::translating_xapian_errors("read index", impl_->path, [&] {
    return impl_->reading([&] {
      IndexInfo info;
      Xapian::Database& db = impl_->db;
      info.path = impl_->path;
      info.documents = db.get_doccount();
      info.schema_version = detail::stored_schema_version(db);
      info.analysis = impl_->analysis;
      info.title_wdf = impl_->title_wdf;
      info.schema = impl_->schema;
      std::map<std::string, LanguageStats> by_code;
      // Values are stored per slot, in docid order: two streams walked in step.
      auto words = db.valuestream_begin(detail::kSlotWords);
      for (auto lang = db.valuestream_begin(detail::kSlotLanguage);
           lang != db.valuestream_end(detail::kSlotLanguage); ++lang) {
        LanguageStats& stats = by_code[*lang];
        stats.language = language_from_code(*lang);
        ++stats.documents;
        words.skip_to(lang.get_docid());
        if (words != db.valuestream_end(detail::kSlotWords) &&
            words.get_docid() == lang.get_docid()) {
          stats.words += static_cast<std::uint64_t>(Xapian::sortable_unserialise(*words));
        }
      }
      for (Language language : analyzable_languages()) {
        const auto it = by_code.find(std::string(language_code(language)));
        if (it == by_code.end()) continue;
        info.words += it->second.words;
        info.languages.push_back(it->second);
      }
      // Unprefixed terms are the words themselves; prefixed ones start with A-Z.
      for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
        const std::string& t = *term;
        if (!t.empty() && !(t[0] >= 'A' && t[0] <= 'Z')) ++info.distinct_terms;
      }
      return info;
    });
  });
}

void Searcher::reopen() {
  detail::translating_xapian_errors("reopen index", impl_->path, [&] {
    impl_->db.reopen();
    // Reading the settings can be overtaken by commits too (seen under load).
    retrying_reads(impl_->db, [&] { impl_->load_analysis(); });
  });
}

std::vector<Language> Searcher::languages() {
  return detail::translating_xapian_errors("read index", impl_->path, [&] {
    return impl_->reading([&] { return impl_->indexed_languages(); });
  });
}

}  // namespace polysearch
