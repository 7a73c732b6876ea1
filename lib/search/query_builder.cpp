#include "search/query_builder.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "index/term_prefixes.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/error.hpp"
#include "schema/field_values.hpp"
#include "search/date_range.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

// Wildcards expand to at most this many terms, the most frequent ones.
constexpr Xapian::termcount kMaxWildcardExpansion = 100;

// Words, bigrams and wildcards a query may hold.  Xapian's matcher slows down faster than
// linearly with the number of OR-ed terms (a 64 KiB query of 21,000 words took 26 s), so
// a query is refused beyond this, as Lucene refuses more than 1024 clauses.
constexpr std::size_t kMaxQueryTerms = 1024;

// The prefix of a field's words: S for title:, XT<name>: for a text field of the schema.
std::string field_prefix(const QueryNode& node) {
  switch (node.field) {
    case QueryField::Title: return std::string(kTitlePrefix);
    case QueryField::Named: return text_field_prefix(node.field_name);
    case QueryField::Any: break;
  }
  return std::string();
}

std::string plain_term(const QueryNode& node, const std::string& term) {
  return field_prefix(node) + term;
}

// The term a plain query word matches: its stem term, or for a Chinese word, which has
// none of its own, the word's term (the same postings).
std::string stem_term(const QueryNode& node, const Token& token) {
  if (!has_own_stem_term(token.term, token.stem)) return plain_term(node, token.term);
  return std::string(kStemPrefix) + field_prefix(node) + token.stem;
}

std::string bigram_term(const std::string& bigram) { return std::string(kBigramPrefix) + bigram; }

// The title term a plain query word's token matches, as title:word does: its title stem
// (ZS<stem>), or for a Chinese word the title word itself (S<word>).
std::string title_term(const Token& token) {
  if (!has_own_stem_term(token.term, token.stem)) {
    return std::string(kTitlePrefix) + token.term;
  }
  return std::string(kStemPrefix).append(kTitlePrefix).append(token.stem);
}

// What a query token is to the clustering of build_words().
enum class SpanKind { Word, Part, Subword, Unigram };

// A Han unigram (ChineseOptions::unigrams) is a sub-word of one character.
SpanKind span_kind(std::string_view text, const Token& token) {
  if (token.part) return SpanKind::Part;
  if (!token.subword) return SpanKind::Word;
  std::size_t next = token.begin;
  decode_utf8(text, next);
  return next == token.end ? SpanKind::Unigram : SpanKind::Subword;
}

// Hybrid segmentation's bigrams weigh this much against words in the score.  Measured
// on xquad and cmrc2018 (docs/CHINESE.md): 0.25 to 0.75 all beat words and bigrams alone;
// 0.5 is best on both.
constexpr double kSubwordWeight = 0.5;

// A part-only match (the query's word inside a document's compound, or a query compound's
// modifier and head written apart) weighs this much against the word itself, as hybrid
// Chinese's bigrams do (docs/GERMAN.md measures it).
constexpr double kCompoundPartWeight = 0.5;

// Where the analysis splits compounds (AnalyzerOptions::compounds): each query word also
// matches documents that have it as a compound's part (XC<stem>, as a synonym of the word
// itself, so the word alone outranks the part alone), and a query compound
// also documents with its modifier and immediate head as words of their own, both of
// them ("Krankenversicherungsbeitrag" finds "Beitrag zur Krankenversicherung"; one of them
// alone is no match).
class CompoundMatches {
 public:
  // The word's stem and compound-part terms are one synonym: documents with the word as a
  // part share its statistics (no rarer "part" term to outweigh the word), and a document
  // with the word itself scores both the word's own query and this.
  void add_word(const Token& token, const QueryNode& text) {
    Split& split = splits_[{token.begin, token.end}];
    add_once(split.in_compounds, stem_term(text, token));
    add_once(split.in_compounds, std::string(kCompoundPartPrefix) + token.stem);
  }

  // A part of a query compound: its modifier begins where the word does, its head ends
  // where the word does; each the longest such part (the constituents below them are
  // finer cuts of the same text).
  void add_part(const Token& part, const QueryNode& text) {
    auto it = splits_.upper_bound({part.begin, SIZE_MAX});
    if (it == splits_.begin()) return;
    --it;
    const auto [begin, end] = it->first;
    if (part.begin < begin || part.end > end) return;
    Split& split = it->second;
    const std::string stem = stem_term(text, part);
    const std::string in_compounds = std::string(kCompoundPartPrefix) + part.stem;
    if (part.begin == begin && part.end - part.begin > split.modifier_length) {
      split.modifier_length = part.end - part.begin;
      split.modifier = {stem, in_compounds};
    }
    if (part.end == end && part.end - part.begin > split.head_length) {
      split.head_length = part.end - part.begin;
      split.head = {stem, in_compounds};
    }
  }

  // What the word at [begin, end) also matches, scaled; empty when compounds are not split.
  [[nodiscard]] Xapian::Query query_of(std::size_t begin, std::size_t end) const {
    const auto it = splits_.find({begin, end});
    if (it == splits_.end()) return Xapian::Query();
    const Split& split = it->second;
    std::vector<Xapian::Query> also{synonyms(split.in_compounds)};
    if (!split.modifier.empty() && !split.head.empty()) {
      also.emplace_back(Xapian::Query::OP_AND, synonyms(split.modifier), synonyms(split.head));
    }
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_OR, also.begin(), also.end()),
                         kCompoundPartWeight);
  }

 private:
  struct Split {
    std::vector<std::string> in_compounds;    // XC<stem> of the word in each query language
    std::vector<std::string> modifier, head;  // stem terms and XC terms
    std::size_t modifier_length = 0, head_length = 0;
  };

  static void add_once(std::vector<std::string>& values, std::string value) {
    if (std::find(values.begin(), values.end(), value) == values.end())
      values.push_back(std::move(value));
  }

  static Xapian::Query synonyms(const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  }

  std::map<std::pair<std::size_t, std::size_t>, Split> splits_;  // by the word's span
};

// Joins non-empty queries with `op`; an empty list gives the empty query.
Xapian::Query join(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
  std::vector<Xapian::Query> present;
  for (const Xapian::Query& q : queries) {
    if (!q.empty()) present.push_back(q);
  }
  if (present.empty()) return Xapian::Query();
  if (present.size() == 1) return present.front();
  return Xapian::Query(op, present.begin(), present.end());
}

Xapian::Query without_weight(const Xapian::Query& filter) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
}

}  // namespace

QueryBuilder::QueryBuilder(std::vector<Analyzer*> analyzers, DefaultOperator default_operator,
                           const Xapian::Database* expand_in, const Schema* schema,
                           Analyzer* keyword_folder)
    : analyzers_(std::move(analyzers)),
      default_operator_(default_operator),
      expand_in_(expand_in),
      schema_(schema),
      keyword_folder_(keyword_folder) {
  if (schema_) slots_ = field_slots(*schema_);
}

Xapian::Query QueryBuilder::build_field_filter(const QueryNode& node) const {
  const FieldSpec* spec = schema_ ? schema_->find(node.field_name) : nullptr;
  if (!spec) {
    throw QuerySyntaxError(
        "unknown field '" + node.field_name + "' at byte " + std::to_string(node.offset),
        node.offset);
  }
  if (node.kind == QueryNode::Kind::Keyword) {
    const std::string value =
        spec->fold && keyword_folder_ ? keyword_folder_->normalize(node.text) : node.text;
    return Xapian::Query(keyword_term(node.field_name, value));
  }
  const auto convert = [&](const std::string& text, bool upper) -> std::optional<double> {
    if (text.empty()) return std::nullopt;
    const std::optional<double> number = field_number(spec->type, text, upper);
    if (!number) {
      throw QuerySyntaxError("field '" + node.field_name + "' at byte " +
                                 std::to_string(node.offset) + ": bad value '" + text + "'",
                             node.offset);
    }
    return number;
  };
  const std::optional<double> from = convert(node.text, false);
  const std::optional<double> to = convert(node.upper, true);
  const Xapian::valueno slot = slots_.at(node.field_name);
  if (spec->type == FieldType::Date && date_terms_in_) {
    return date_range_query(node.field_name, slot, from, to, *date_terms_in_);
  }
  const std::optional<std::string> low =
      from ? std::optional(sortable_number(*from)) : std::nullopt;
  const std::optional<std::string> high = to ? std::optional(sortable_number(*to)) : std::nullopt;
  if (low && high) {
    // Xapian makes a range from high to low the empty query (MatchNothing), which would
    // read as no filter at all: "price:20..10" found every document.
    if (*low > *high) return match_nothing();
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, *low, *high);
  }
  if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, *low);
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, *high);
}

Xapian::Query QueryBuilder::build_filter(const QueryNode& leaf) const {
  return leaf.kind == QueryNode::Kind::Language ? build_language(leaf) : build_field_filter(leaf);
}

BuiltQuery QueryBuilder::build(const QueryNode& root) {
  highlight_ = MatchTerms{};
  term_count_ = 0;
  mass_ = 0.0;
  titles_.clear();
  BuiltQuery built;
  built.query = build_node(root, false);
  if (title_weight_ > 0.0 && !titles_.empty() && !built.query.empty()) {
    built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.query,
                                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                              join(Xapian::Query::OP_OR, titles_), title_weight_));
  }
  titles_.clear();
  built.highlight = std::move(highlight_);
  built.mass = mass_;
  const auto optional_words = [](const QueryNode& node) {
    return node.kind == QueryNode::Kind::Text && node.occur == Occur::Should;
  };
  built.only_optional = default_operator_ == DefaultOperator::Or &&
                        (optional_words(root) ||
                         (root.kind == QueryNode::Kind::Sequence &&
                          std::all_of(root.children.begin(), root.children.end(),
                                      [&](const auto& child) { return optional_words(*child); })));
  return built;
}

void QueryBuilder::count_terms(std::size_t terms, const QueryNode& node) {
  term_count_ += terms;
  if (term_count_ > kMaxQueryTerms) {
    throw QuerySyntaxError("query too long at byte " + std::to_string(node.offset) + " (at most " +
                               std::to_string(kMaxQueryTerms) + " terms)",
                           node.offset);
  }
}

Xapian::Query QueryBuilder::build_node(const QueryNode& node, bool negated) {
  using Kind = QueryNode::Kind;
  switch (node.kind) {
    case Kind::Text: return combine_words(build_words(node, negated));
    case Kind::Phrase: return build_phrase(node, negated);
    case Kind::Wildcard: return build_wildcard(node, negated);
    case Kind::Language: return without_weight(build_language(node));
    case Kind::Keyword:
    case Kind::Range: return without_weight(build_field_filter(node));
    case Kind::Sequence: return build_sequence(node, negated);
    case Kind::And:
    case Kind::Or: {
      std::vector<Xapian::Query> parts;
      for (const auto& child : node.children) parts.push_back(build_node(*child, negated));
      return join(node.kind == Kind::And ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, parts);
    }
    case Kind::AndNot: {
      Xapian::Query left = build_node(*node.children.at(0), negated);
      std::vector<Xapian::Query> excluded;
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        excluded.push_back(build_node(*node.children[i], !negated));
      }
      const Xapian::Query right = join(Xapian::Query::OP_OR, excluded);
      if (left.empty()) left = Xapian::Query::MatchAll;
      if (right.empty()) return left;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, left, right);
    }
  }
  return Xapian::Query();
}

Xapian::Query QueryBuilder::build_sequence(const QueryNode& node, bool negated) {
  std::vector<Word> should;
  std::vector<Xapian::Query> must, must_not, required_filters;
  // Filters without a sign, by field: values of one field OR, fields AND.
  std::map<std::string, std::vector<Xapian::Query>> filters;
  for (const auto& child : node.children) {
    const bool child_negated = negated != (child->occur == Occur::MustNot);
    const bool is_language = child->kind == QueryNode::Kind::Language;
    if (is_language || child->kind == QueryNode::Kind::Keyword ||
        child->kind == QueryNode::Kind::Range) {
      Xapian::Query filter = is_language ? build_language(*child) : build_field_filter(*child);
      if (child->occur == Occur::MustNot) {
        must_not.push_back(std::move(filter));
      } else if (child->occur == Occur::Must) {
        required_filters.push_back(std::move(filter));
      } else {
        filters[is_language ? std::string("lang:") : child->field_name].push_back(
            std::move(filter));
      }
      continue;
    }
    if (child->kind == QueryNode::Kind::Text && child->occur == Occur::Should) {
      for (Word& word : build_words(*child, child_negated)) should.push_back(std::move(word));
      continue;
    }
    Xapian::Query query;
    if (child->kind == QueryNode::Kind::Text) {
      // +word or -word: every piece of it counts, stop word or not.
      std::vector<Xapian::Query> pieces;
      for (Word& word : build_words(*child, child_negated)) {
        keep_highlights(word);
        pieces.push_back(std::move(word.required));
      }
      query = join(Xapian::Query::OP_AND, pieces);
    } else {
      query = build_node(*child, child_negated);
    }
    if (child->occur == Occur::Must)
      must.push_back(std::move(query));
    else if (child->occur == Occur::MustNot)
      must_not.push_back(std::move(query));
    else
      should.push_back(Word{query, {query}, false, {}, 1.0, {}});
  }

  // Stop words go, unless nothing else would be left to search for.
  const bool only_stopwords = must.empty() && std::all_of(should.begin(), should.end(),
                                                          [](const Word& w) { return w.stopword; });
  std::vector<Xapian::Query> optional;
  for (Word& word : should) {
    if (word.stopword && !only_stopwords) continue;
    keep_highlights(word);
    if (default_operator_ == DefaultOperator::And) {
      must.push_back(std::move(word.required));
    } else {
      optional.insert(optional.end(), word.optional.begin(), word.optional.end());
    }
  }

  Xapian::Query query = join(Xapian::Query::OP_AND, must);
  const Xapian::Query maybe = join(Xapian::Query::OP_OR, optional);
  if (query.empty())
    query = maybe;
  else if (!maybe.empty())
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, maybe);

  for (const auto& [field, values] : filters) {
    required_filters.push_back(join(Xapian::Query::OP_OR, values));
  }
  if (!required_filters.empty()) {
    const Xapian::Query filter = join(Xapian::Query::OP_AND, required_filters);
    query = query.empty() ? without_weight(filter)
                          : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  const Xapian::Query excluded = join(Xapian::Query::OP_OR, must_not);
  if (!excluded.empty()) {
    if (query.empty()) query = Xapian::Query::MatchAll;  // "-foo" alone: all but foo
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, excluded);
  }
  return query;
}

std::vector<QueryBuilder::Word> QueryBuilder::build_words(const QueryNode& text, bool negated) {
  struct Alternatives {
    std::vector<std::string> terms;
    std::vector<std::string> stems;  // to highlight, if the span is searched
    std::vector<std::string> plain;  // parts only: unstemmed, with positions, for their phrase
    std::vector<std::string> title;  // words only, with a title weight: their title terms
    bool stopword = false;
  };
  // Appends `value` unless it is there already; whether it did.
  const auto add_once = [](std::vector<std::string>& values, std::string value) {
    if (std::find(values.begin(), values.end(), value) != values.end()) return false;
    values.push_back(std::move(value));
    return true;
  };
  // By span and kind (a bigram may share its span with a two-character word), in text order.
  std::map<std::tuple<std::size_t, std::size_t, SpanKind>, Alternatives> by_span;
  CompoundMatches compounds;
  // Plain words search the title too (set_title_weight); a field's words search only it.
  const bool with_title = title_weight_ > 0.0 && !negated && text.field == QueryField::Any;
  for (Analyzer* analyzer : analyzers_) {
    analyzer->analyze(text.text, tokens_);
    for (const Token& token : tokens_) {
      if (token.subword && text.field != QueryField::Any) continue;  // body only
      if (token.compound) {  // kept apart: a compound's parts are no alternatives of it
        compounds.add_part(token, text);
        continue;
      }
      if (!token.part && !token.subword && text.field == QueryField::Any &&
          analyzer->options().compounds && splits_compounds(analyzer->language())) {
        compounds.add_word(token, text);
      }
      const SpanKind kind = span_kind(text.text, token);
      Alternatives& alternatives = by_span[{token.begin, token.end, kind}];
      const std::string term = token.subword ? bigram_term(token.stem) : stem_term(text, token);
      if (add_once(alternatives.terms, term)) alternatives.stems.push_back(token.stem);
      if (kind == SpanKind::Part) add_once(alternatives.plain, plain_term(text, token.term));
      if (kind == SpanKind::Word && with_title) add_once(alternatives.title, title_term(token));
      // A stop word in any query language is a stop word: such words carry little
      // meaning in the languages that share them and none in the others.
      alternatives.stopword = alternatives.stopword || token.stopword;
    }
  }
  // A word's sub-words (hybrid Chinese bigrams, or the parts of a word such as d'água)
  // overlap it, so a word or a run of Han words and its sub-words form one cluster.  When
  // the cluster is required, either all its words or all its sub-words must match (a
  // document cut differently from the query still counts).  Otherwise, in a run of Han
  // words each word and each bigram adds to the score, the bigrams at a lower weight; a
  // word with parts still needs itself or its parts side by side ("covid19" finds "COVID-19",
  // not a text with "covid" here and "19" there; a single part, stemmed).  Han
  // unigrams are searched only for a run of one character (学), which has no bigram:
  // longer runs match better by their words and bigrams.
  std::vector<Word> words;
  struct Member {
    std::size_t begin, end;
    const Alternatives* alternatives;
  };
  std::vector<Member> mains, subwords, unigrams;
  // A stop or question word inside a run of Han words (什么 in 什么是合同) is left out with
  // the bigrams that overlap it: the rest of the run is the question's topic.  A run of
  // nothing else stays whole, to be kept or dropped as one stop word.
  const auto drop_stopwords_of_run = [](std::vector<Member>& run, std::vector<Member>& subs) {
    const auto stop = [](const Member& m) { return m.alternatives->stopword; };
    std::vector<Member> kept_run, kept_subs;
    std::copy_if(run.begin(), run.end(), std::back_inserter(kept_run),
                 [&](const Member& m) { return !stop(m); });
    const auto overlaps_stop = [&](const Member& sub) {
      return std::any_of(run.begin(), run.end(), [&](const Member& m) {
        return stop(m) && sub.begin < m.end && m.begin < sub.end;
      });
    };
    std::copy_if(subs.begin(), subs.end(), std::back_inserter(kept_subs),
                 [&](const Member& m) { return !stop(m) && !overlaps_stop(m); });
    if (kept_run.empty() && kept_subs.empty()) return;
    run.swap(kept_run);
    subs.swap(kept_subs);
  };
  std::size_t cluster_end = 0;
  bool parts = false;       // the cluster's sub-words are a word's parts
  std::size_t counted = 0;  // words and bigrams searched, for the query's limit
  const auto query_of = [](const Alternatives& alternatives) {
    return alternatives.terms.size() == 1
               ? Xapian::Query(alternatives.terms.front())
               : Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.terms.begin(),
                               alternatives.terms.end());
  };
  const auto plain_query_of = [](const Alternatives& alternatives) {
    return alternatives.plain.size() == 1
               ? Xapian::Query(alternatives.plain.front())
               : Xapian::Query(Xapian::Query::OP_OR, alternatives.plain.begin(),
                               alternatives.plain.end());
  };
  // Side by side: a one-letter part the analyzer left out (vitamin_b_12) is not waited for.
  const auto parts_phrase = [](const std::vector<Xapian::Query>& pieces) {
    return Xapian::Query(Xapian::Query::OP_PHRASE, pieces.begin(), pieces.end(),
                         static_cast<Xapian::termcount>(pieces.size()));
  };
  auto close_cluster = [&] {
    if (subwords.empty()) subwords.swap(unigrams);
    unigrams.clear();
    if (!parts) drop_stopwords_of_run(mains, subwords);
    if (mains.empty() && subwords.empty()) return;
    Word word;
    std::vector<Xapian::Query> main_queries, sub_queries, title_queries;
    for (const Member& main : mains) {
      main_queries.push_back(query_of(*main.alternatives));
      word.stopword = word.stopword || main.alternatives->stopword;
      const std::vector<std::string>& title = main.alternatives->title;
      if (!title.empty()) {
        title_queries.push_back(title.size() == 1 ? Xapian::Query(title.front())
                                                  : Xapian::Query(Xapian::Query::OP_SYNONYM,
                                                                  title.begin(), title.end()));
      }
    }
    for (const Member& sub : subwords) {
      sub_queries.push_back(parts && subwords.size() > 1 ? plain_query_of(*sub.alternatives)
                                                         : query_of(*sub.alternatives));
      word.stopword = word.stopword || sub.alternatives->stopword;
    }
    if (!negated) {  // highlighted if the word is kept (keep_highlights)
      for (const auto* spans : {&mains, &subwords}) {
        for (const Member& span : *spans) {
          const std::vector<std::string>& stems = span.alternatives->stems;
          word.stems.insert(word.stems.end(), stems.begin(), stems.end());
        }
      }
    }
    word.title = join(Xapian::Query::OP_OR, title_queries);
    counted += main_queries.size() + (parts ? 0 : sub_queries.size());
    word.optional = main_queries;
    word.mass = parts ? 1.0
                      : static_cast<double>(main_queries.size()) +
                            kSubwordWeight * static_cast<double>(sub_queries.size());
    if (mains.size() == 1 && subwords.empty()) {
      // A word where compounds are split: also in compounds, and a compound also apart.
      if (Xapian::Query also = compounds.query_of(mains[0].begin, mains[0].end); !also.empty()) {
        word.optional.push_back(also);
        word.required = Xapian::Query(Xapian::Query::OP_OR, main_queries.front(), also);
        words.push_back(std::move(word));
        mains.clear();
        parts = false;
        return;
      }
    }
    if (sub_queries.empty()) {
      word.required = join(Xapian::Query::OP_AND, main_queries);
    } else {
      const Xapian::Query all_subwords =
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        parts && sub_queries.size() > 1 ? parts_phrase(sub_queries)
                                                        : join(Xapian::Query::OP_AND, sub_queries),
                        kSubwordWeight);
      word.required =
          join(Xapian::Query::OP_OR, {join(Xapian::Query::OP_AND, main_queries), all_subwords});
      if (parts) {
        word.optional = {word.required};
      } else {
        for (const Xapian::Query& sub : sub_queries) {
          word.optional.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, sub, kSubwordWeight);
        }
      }
    }
    words.push_back(std::move(word));
    mains.clear();
    subwords.clear();
    parts = false;
  };
  for (const auto& [span, alternatives] : by_span) {
    const auto [begin, end, kind] = span;
    const bool in_cluster = !subwords.empty() || !unigrams.empty() || kind != SpanKind::Word;
    if (!(in_cluster && begin < cluster_end)) close_cluster();
    const bool first = mains.empty() && subwords.empty() && unigrams.empty();
    (kind == SpanKind::Word      ? mains
     : kind == SpanKind::Unigram ? unigrams
                                 : subwords)
        .push_back(Member{begin, end, &alternatives});
    parts = parts || kind == SpanKind::Part;
    cluster_end = first ? end : std::max(cluster_end, end);
  }
  close_cluster();
  count_terms(counted, text);
  return words;
}

void QueryBuilder::keep_highlights(Word& word) {
  mass_ += word.mass;
  if (!word.title.empty()) titles_.push_back(std::move(word.title));
  for (std::string& stem : word.stems) highlight_.stems.insert(std::move(stem));
  word.stems.clear();
}

Xapian::Query QueryBuilder::combine_words(std::vector<Word> words) {
  const bool only_stopwords =
      std::all_of(words.begin(), words.end(), [](const Word& w) { return w.stopword; });
  std::vector<Xapian::Query> kept;
  for (Word& word : words) {
    if (word.stopword && !only_stopwords) continue;
    keep_highlights(word);
    if (default_operator_ == DefaultOperator::And) {
      kept.push_back(std::move(word.required));
    } else {
      kept.insert(kept.end(), word.optional.begin(), word.optional.end());
    }
  }
  return join(
      default_operator_ == DefaultOperator::And ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
      kept);
}

Xapian::Query QueryBuilder::build_phrase(const QueryNode& phrase, bool negated) {
  std::vector<std::vector<std::string>> seen;
  std::vector<Xapian::Query> alternatives;
  for (Analyzer* analyzer : analyzers_) {
    analyzer->analyze(phrase.text, tokens_);
    if (tokens_.empty()) continue;
    std::vector<std::string> terms;
    PhraseTerms highlight;
    for (const Token& token : tokens_) {
      if (token.subword || token.part) continue;  // a phrase matches the words themselves
      terms.push_back(plain_term(phrase, token.term));
      highlight.terms.push_back(token.term);
      highlight.offsets.push_back(token.position - tokens_.front().position);
    }
    if (!negated && std::find(highlight_.phrases.begin(), highlight_.phrases.end(), highlight) ==
                        highlight_.phrases.end()) {
      highlight_.phrases.push_back(std::move(highlight));
    }
    if (seen.empty()) count_terms(terms.size(), phrase);
    if (std::find(seen.begin(), seen.end(), terms) != seen.end()) continue;
    seen.push_back(terms);
    if (terms.size() == 1) {
      alternatives.emplace_back(terms.front());
      continue;
    }
    // The window covers positions of words dropped as too long, so they still count.
    const Xapian::termcount window = tokens_.back().position - tokens_.front().position + 1;
    alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), window);
  }
  return join(Xapian::Query::OP_OR, alternatives);
}

Xapian::Query QueryBuilder::build_wildcard(const QueryNode& wildcard, bool negated) {
  std::vector<std::string> prefixes;
  for (Analyzer* analyzer : analyzers_) {
    const std::string prefix = analyzer->normalize(wildcard.text);
    if (!prefix.empty() && std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) {
      prefixes.push_back(prefix);
    }
  }
  if (prefixes.empty()) {
    throw QuerySyntaxError("wildcard '" + wildcard.text + "*' at byte " +
                               std::to_string(wildcard.offset) + " has no letters or digits",
                           wildcard.offset);
  }
  count_terms(1, wildcard);
  std::vector<Xapian::Query> expansions;
  for (const std::string& prefix : prefixes) {
    if (!negated) highlight_.prefixes.push_back(prefix);
    expansions.push_back(expand_wildcard(plain_term(wildcard, prefix)));
  }
  return join(Xapian::Query::OP_SYNONYM, expansions);
}

Xapian::Query QueryBuilder::expand_wildcard(const std::string& prefix) const {
  if (expand_in_ == nullptr) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, kMaxWildcardExpansion,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM);
  }
  // The most frequent terms over every shard together (the iterator sums their
  // frequencies), ties in term order.
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto term = expand_in_->allterms_begin(prefix); term != expand_in_->allterms_end(prefix);
       ++term) {
    found.emplace_back(term.get_termfreq(), *term);
  }
  const auto more_frequent = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  const std::size_t keep = std::min<std::size_t>(found.size(), kMaxWildcardExpansion);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    more_frequent);
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < keep; ++i) terms.push_back(std::move(found[i].second));
  std::sort(terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Xapian::Query QueryBuilder::build_language(const QueryNode& language) const {
  Language parsed = Language::Unknown;
  try {
    parsed = parse_language(language.text);
  } catch (const InvalidArgument&) {
    // Reported below, with the position in the query.
  }
  if (parsed == Language::Unknown) {
    throw QuerySyntaxError("unknown language '" + language.text + "' in lang: at byte " +
                               std::to_string(language.offset) + " (use " +
                               list_language_codes(analyzable_languages()) + ")",
                           language.offset);
  }
  return Xapian::Query(language_term(language_code(parsed)));
}

}  // namespace polysearch::detail
