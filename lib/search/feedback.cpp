#include "search/feedback.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <unordered_map>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"

namespace polysearch {
namespace {

// Terms in fewer documents than this say nothing about relevance beyond their document.
constexpr Xapian::doccount kMinTermDocuments = 2;
// Terms in more than this share of the documents are too common to expand with
// (Anserini's RM3 filter: df / N > 0.1).
constexpr double kMaxTermDocumentShare = 0.1;
// Limits of docs and terms, so that one request cannot ask for the whole index.
constexpr std::size_t kMaxFeedbackDocs = 1000;
constexpr std::size_t kMaxFeedbackTerms = 1000;

struct MethodName {
  FeedbackMethod method;
  std::string_view name;
};
constexpr MethodName kMethods[] = {{FeedbackMethod::Rm3, "rm3"}, {FeedbackMethod::Bo1, "bo1"}};

std::string_view method_name(FeedbackMethod method) {
  for (const MethodName& row : kMethods) {
    if (row.method == method) return row.name;
  }
  return "rm3";
}

std::string format_number(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << value;
  return out.str();
}

bool parse_number(std::string_view text, double& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size() &&
         std::isfinite(value);
}

std::size_t parse_count(std::string_view spec, std::string_view key, std::string_view text,
                        std::size_t most) {
  double value = 0.0;
  if (!parse_number(text, value) || value < 1 || value > static_cast<double>(most) ||
      value != std::floor(value)) {
    throw InvalidArgument("feedback '" + std::string(spec) + "': " + std::string(key) + " '" +
                          std::string(text) + "' is not a whole number from 1 to " +
                          std::to_string(most));
  }
  return static_cast<std::size_t>(value);
}

// Which terms may expand a query, for Xapian's ESet (Bo1) and RM3 alike.
class ExpansionDecider : public Xapian::ExpandDecider {
 public:
  ExpansionDecider(const Xapian::Database& db, bool bigrams) : db_(db), bigrams_(bigrams) {}
  bool operator()(const std::string& term) const override {
    if (!detail::is_expansion_term(term, bigrams_)) return false;
    const Xapian::doccount df = db_.get_termfreq(term);
    return df >= kMinTermDocuments &&
           static_cast<double>(df) <= kMaxTermDocumentShare * db_.get_doccount();
  }

 private:
  const Xapian::Database& db_;
  bool bigrams_;
};

}  // namespace

Feedback parse_feedback(std::string_view text) {
  Feedback feedback;
  if (text == "off") return feedback;
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const MethodName* method = nullptr;
  for (const MethodName& row : kMethods) {
    if (row.name == name) method = &row;
  }
  if (method == nullptr) {
    throw InvalidArgument("unknown feedback method '" + std::string(name) +
                          "' (known: rm3, bo1, off)");
  }
  feedback.enabled = true;
  feedback.method = method->method;
  if (colon == std::string_view::npos) return feedback;
  std::string_view rest = text.substr(colon + 1);
  std::map<std::string_view, bool> given;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const std::size_t equals = item.find('=');
    const std::string_view key = item.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    const bool known = key == "docs" || key == "terms" || key == "weight" || key == "bigrams";
    if (!known || equals == std::string_view::npos) {
      throw InvalidArgument("feedback '" + std::string(text) +
                            "': expected PARAM=VALUE with PARAM one of docs, terms, weight, "
                            "bigrams");
    }
    if (given[key]) {
      throw InvalidArgument("feedback '" + std::string(text) + "': " + std::string(key) +
                            " given twice");
    }
    given[key] = true;
    if (key == "docs") {
      feedback.docs = parse_count(text, key, value, kMaxFeedbackDocs);
    } else if (key == "terms") {
      feedback.terms = parse_count(text, key, value, kMaxFeedbackTerms);
    } else if (key == "weight") {
      double weight = 0.0;
      if (!parse_number(value, weight) || weight < 0.0 || weight > 1.0) {
        throw InvalidArgument("feedback '" + std::string(text) + "': weight '" +
                              std::string(value) + "' is not a number from 0 to 1");
      }
      feedback.original_weight = weight;
    } else {
      if (value != "0" && value != "1") {
        throw InvalidArgument("feedback '" + std::string(text) + "': bigrams '" +
                              std::string(value) + "' is not 0 or 1");
      }
      feedback.bigrams = value == "1";
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return feedback;
}

std::string to_string(const Feedback& feedback) {
  if (!feedback.enabled) return "off";
  return std::string(method_name(feedback.method)) + ":docs=" + std::to_string(feedback.docs) +
         ",terms=" + std::to_string(feedback.terms) +
         ",weight=" + format_number(feedback.original_weight) +
         ",bigrams=" + (feedback.bigrams ? "1" : "0");
}

namespace detail {

bool is_expansion_term(std::string_view term, bool bigrams) {
  if (term.empty()) return false;
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (term.compare(0, kBigramPrefix.size(), kBigramPrefix) == 0) {
    return bigrams && term.size() > kBigramPrefix.size() && !upper(term[kBigramPrefix.size()]);
  }
  if (term.compare(0, kStemPrefix.size(), kStemPrefix) == 0) {
    // Z<stem>; ZS<stem> and ZXT<field>:<stem> are a title's and a field's.
    return term.size() > kStemPrefix.size() && !upper(term[kStemPrefix.size()]);
  }
  if (upper(term[0])) return false;  // Q, L, S, XF, XD, XT…: ids, filters, fields
  // An unprefixed word: queries match it only when it has no stem term (Chinese words).
  return !has_own_stem_term(term, term);
}

std::string expansion_display(std::string_view term) {
  if (term.compare(0, kBigramPrefix.size(), kBigramPrefix) == 0) {
    return std::string(term.substr(kBigramPrefix.size()));
  }
  if (term.compare(0, kStemPrefix.size(), kStemPrefix) == 0) {
    return std::string(term.substr(kStemPrefix.size()));
  }
  return std::string(term);
}

void check_feedback(const Feedback& feedback) {
  if (!feedback.enabled) return;
  if (feedback.docs < 1 || feedback.docs > kMaxFeedbackDocs) {
    throw InvalidArgument("feedback docs must be from 1 to " + std::to_string(kMaxFeedbackDocs));
  }
  if (feedback.terms < 1 || feedback.terms > kMaxFeedbackTerms) {
    throw InvalidArgument("feedback terms must be from 1 to " + std::to_string(kMaxFeedbackTerms));
  }
  if (!(feedback.original_weight >= 0.0 && feedback.original_weight <= 1.0)) {
    throw InvalidArgument("feedback original weight must be from 0 to 1");
  }
}

namespace {

// Keeps the `count` heaviest terms (ties by term), normalized to sum 1.
std::vector<FeedbackTerm> best_normalized(std::vector<FeedbackTerm> terms, std::size_t count) {
  std::sort(terms.begin(), terms.end(), [](const FeedbackTerm& a, const FeedbackTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  });
  if (terms.size() > count) terms.resize(count);
  double sum = 0.0;
  for (const FeedbackTerm& t : terms) sum += t.weight;
  if (!(sum > 0.0)) return {};
  for (FeedbackTerm& t : terms) t.weight /= sum;
  return terms;
}

std::vector<FeedbackTerm> relevance_model(const Xapian::Database& db, const Xapian::MSet& first,
                                          const Feedback& feedback) {
  const ExpansionDecider keep(db, feedback.bigrams);
  double score_sum = 0.0;
  for (auto it = first.begin(); it != first.end(); ++it) score_sum += it.get_weight();
  std::unordered_map<std::string, double> weights;
  std::vector<std::pair<std::string, Xapian::termcount>> doc_terms;
  for (auto it = first.begin(); it != first.end(); ++it) {
    // P(query|doc): the first-pass score, normalized over the feedback documents; all
    // equal when every score is 0.
    const double query_likelihood =
        score_sum > 0.0 ? it.get_weight() / score_sum : 1.0 / static_cast<double>(first.size());
    doc_terms.clear();
    double length = 0.0;  // the document's length in the expansion terms
    for (auto term = db.termlist_begin(*it); term != db.termlist_end(*it); ++term) {
      const std::string& t = *term;
      if (!keep(t)) continue;
      doc_terms.emplace_back(t, term.get_wdf());
      length += term.get_wdf();
    }
    if (!(length > 0.0)) continue;
    for (const auto& [t, wdf] : doc_terms) {
      weights[t] += static_cast<double>(wdf) / length * query_likelihood;
    }
  }
  std::vector<FeedbackTerm> terms;
  terms.reserve(weights.size());
  for (auto& [t, w] : weights) terms.push_back({t, w});
  return best_normalized(std::move(terms), feedback.terms);
}

std::vector<FeedbackTerm> eset_terms(const Xapian::Database& db, const Xapian::MSet& first,
                                     const Feedback& feedback) {
  Xapian::Enquire enquire(db);
  enquire.set_expansion_scheme("bo1");
  Xapian::RSet rset;
  for (auto it = first.begin(); it != first.end(); ++it) rset.add_document(*it);
  const ExpansionDecider keep(db, feedback.bigrams);
  // Exact term frequencies: on a sharded index, the whole index's (else estimated).
  const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(feedback.terms), rset,
                                             Xapian::Enquire::USE_EXACT_TERMFREQ, &keep);
  std::vector<FeedbackTerm> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    if (it.get_weight() > 0.0) terms.push_back({*it, it.get_weight()});
  }
  return best_normalized(std::move(terms), feedback.terms);
}

}  // namespace

std::vector<FeedbackTerm> feedback_terms(const Xapian::Database& db, const Xapian::MSet& first,
                                         const Feedback& feedback) {
  if (first.empty()) return {};
  return feedback.method == FeedbackMethod::Rm3 ? relevance_model(db, first, feedback)
                                                : eset_terms(db, first, feedback);
}

}  // namespace detail
}  // namespace polysearch
