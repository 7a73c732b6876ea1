#include "polysearch/eval/topics.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <system_error>

#include "polysearch/error.hpp"
#include "polysearch/text.hpp"

namespace polysearch::eval {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Run files are split on ASCII whitespace (trec_eval uses scanf's %s).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool has_space(std::string_view text) { return std::any_of(text.begin(), text.end(), is_space); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Runs of whitespace become one space; none at either end.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (const char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
  }
  return true;
}

// "Number: 301" → "301"; the label is optional.
std::string strip_label(const std::string& text, std::string_view label) {
  std::string_view view = trim(text);
  if (starts_with_nocase(view, label)) view = trim(view.substr(label.size()));
  return std::string(view);
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// The TREC topic tags we know; any other tag opens a field that is ignored.
enum class TagKind { Top, Num, Title, Desc, Narr, Other };

const char* tag_name(TagKind kind) {
  switch (kind) {
    case TagKind::Top: return "top";
    case TagKind::Num: return "num";
    case TagKind::Title: return "title";
    case TagKind::Desc: return "desc";
    case TagKind::Narr: return "narr";
    case TagKind::Other: break;
  }
  return "?";
}

TagKind tag_kind(std::string_view name) {
  std::string lower;
  for (const char c : name) lower += ascii_lower(c);
  if (lower == "top") return TagKind::Top;
  if (lower == "num") return TagKind::Num;
  if (lower == "title") return TagKind::Title;
  if (lower == "desc") return TagKind::Desc;
  if (lower == "narr") return TagKind::Narr;
  return TagKind::Other;
}

// A tag or a stretch of text between tags, in the order of the file.
struct Piece {
  bool is_tag = false;
  bool closing = false;  // </title>
  TagKind kind = TagKind::Other;
  std::string_view text;   // the text, or the tag as written
  std::size_t offset = 0;  // in the file
};

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// The length of the tag starting at data[at] ('<' [/] name [spaces] '>'), or 0 when the
// '<' starts no tag and is plain text ("a < b").
std::size_t tag_length(std::string_view data, std::size_t at) {
  std::size_t i = at + 1;
  if (i < data.size() && data[i] == '/') ++i;
  if (i >= data.size() || !is_name_start(data[i])) return 0;
  while (i < data.size() && is_name_char(data[i])) ++i;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\t')) ++i;
  if (i >= data.size() || data[i] != '>') return 0;
  return i + 1 - at;
}

std::vector<Piece> split_tags(std::string_view data, std::size_t base) {
  std::vector<Piece> pieces;
  std::size_t text_start = 0;
  for (std::size_t at = data.find('<'); at != std::string_view::npos; at = data.find('<', at)) {
    const std::size_t length = tag_length(data, at);
    if (length == 0) {
      ++at;
      continue;
    }
    if (at > text_start) {
      pieces.push_back({false, false, TagKind::Other, data.substr(text_start, at - text_start),
                        base + text_start});
    }
    const std::string_view tag = data.substr(at, length);
    const bool closing = tag[1] == '/';
    std::string_view name = tag.substr(closing ? 2 : 1);
    name = trim(name.substr(0, name.size() - 1));
    pieces.push_back({true, closing, tag_kind(name), tag, base + at});
    at += length;
    text_start = at;
  }
  if (text_start < data.size()) {
    pieces.push_back({false, false, TagKind::Other, data.substr(text_start), base + text_start});
  }
  return pieces;
}

// Reads one topic file held in memory.  Offsets are file offsets (a skipped BOM counts).
class TopicParser {
 public:
  TopicParser(std::string data, std::string_view name, TopicField field)
      : data_(std::move(data)), name_(name), field_(field) {}

  std::vector<Topic> parse();

 private:
  // One <top> … </top> being read.
  struct OpenTopic {
    std::size_t offset = 0;  // of <top>
    std::map<TagKind, std::string> fields;
    std::map<TagKind, std::size_t> field_offsets;
    std::optional<TagKind> current;  // the field the text goes to
  };

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const;
  [[nodiscard]] std::size_t line_of(std::size_t offset) const;
  void index_lines();
  void check_encoding() const;
  [[nodiscard]] bool looks_like_trec() const;
  void parse_tsv();
  void parse_trec();
  void handle_tag(const Piece& piece, std::optional<OpenTopic>& topic);
  void finish_trec_topic(const OpenTopic& topic);
  [[nodiscard]] std::string field_text(const OpenTopic& topic, TagKind kind) const;
  void add(Topic topic, std::size_t offset);

  std::string data_;
  std::string_view name_;
  TopicField field_;
  std::size_t start_ = 0;                 // after a BOM
  std::vector<std::size_t> line_starts_;  // offset of each line's first byte
  std::vector<Topic> topics_;
  std::map<std::string, std::size_t, std::less<>> seen_;  // id → offset of its definition
};

void TopicParser::fail(std::size_t offset, const std::string& message) const {
  throw InputError(std::string(name_) + ":" + std::to_string(line_of(offset)) + ": " + message,
                   offset);
}

std::size_t TopicParser::line_of(std::size_t offset) const {
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(after - line_starts_.begin());
}

void TopicParser::index_lines() {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < data_.size(); ++i) {
    if (data_[i] == '\n' && i + 1 < data_.size()) line_starts_.push_back(i + 1);
  }
}

void TopicParser::check_encoding() const {
  const std::string_view data(data_);
  if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") {
    fail(0, "UTF-16 is not supported, convert to UTF-8");
  }
  if (const auto problem = find_invalid_utf8(data)) {
    fail(problem->offset, std::string("invalid UTF-8 (") + problem->reason + ") at byte " +
                              std::to_string(problem->offset));
  }
}

bool TopicParser::looks_like_trec() const {
  const std::string_view rest = trim(std::string_view(data_).substr(start_));
  return !rest.empty() && rest.front() == '<';
}

std::vector<Topic> TopicParser::parse() {
  index_lines();
  check_encoding();
  if (std::string_view(data_).substr(0, kUtf8Bom.size()) == kUtf8Bom) start_ = kUtf8Bom.size();
  if (looks_like_trec()) {
    parse_trec();
  } else {
    parse_tsv();
  }
  return std::move(topics_);
}

void TopicParser::add(Topic topic, std::size_t offset) {
  if (topic.id.empty()) fail(offset, "empty topic id");
  if (has_space(topic.id)) fail(offset, "topic id " + in_quotes(topic.id) + " holds whitespace");
  if (topic.text.empty()) fail(offset, "topic " + in_quotes(topic.id) + " has an empty query");
  const auto [it, inserted] = seen_.emplace(topic.id, offset);
  if (!inserted) {
    fail(offset, "duplicate topic id " + in_quotes(topic.id) + " (first on line " +
                     std::to_string(line_of(it->second)) + ")");
  }
  topics_.push_back(std::move(topic));
}

void TopicParser::parse_tsv() {
  const std::string_view data(data_);
  std::size_t begin = start_;
  while (begin < data.size()) {
    std::size_t end = data.find('\n', begin);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty()) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) {
        fail(begin, "expected 'topic-id<TAB>query text', found no TAB");
      }
      add({std::string(trim(line.substr(0, tab))), std::string(trim(line.substr(tab + 1))), {}},
          begin);
    }
    begin = end + 1;
  }
}

void TopicParser::parse_trec() {
  std::optional<OpenTopic> topic;
  for (const Piece& piece : split_tags(std::string_view(data_).substr(start_), start_)) {
    if (piece.is_tag) {
      handle_tag(piece, topic);
      continue;
    }
    if (topic && topic->current) {
      std::string& text = topic->fields[*topic->current];
      text += piece.text;
      continue;
    }
    const std::string_view text = trim(piece.text);
    if (text.empty()) continue;
    const std::size_t at = piece.offset + static_cast<std::size_t>(text.data() - piece.text.data());
    fail(at, topic ? "text outside any field of the topic: " + in_quotes(text.substr(0, 40))
                   : "text outside <top> … </top>: " + in_quotes(text.substr(0, 40)));
  }
  if (topic) fail(topic->offset, "<top> without </top>");
}

void TopicParser::handle_tag(const Piece& piece, std::optional<OpenTopic>& topic) {
  const std::string tag(piece.text);
  if (piece.kind == TagKind::Top) {
    if (!piece.closing) {
      if (topic) {
        fail(piece.offset, "<top> inside the topic opened on line " +
                               std::to_string(line_of(topic->offset)) + " (missing </top>?)");
      }
      topic.emplace();
      topic->offset = piece.offset;
      return;
    }
    if (!topic) fail(piece.offset, "</top> without <top>");
    finish_trec_topic(*topic);
    topic.reset();
    return;
  }
  if (!topic) fail(piece.offset, tag + " outside <top> … </top>");
  if (piece.closing) {
    // </title> and the like end the field they close; stray ones are tolerated when no
    // field is open (an unclosed field was already ended by the next opening tag).
    if (topic->current && *topic->current != piece.kind && piece.kind != TagKind::Other) {
      fail(piece.offset, tag + " while <" + tag_name(*topic->current) + "> is open");
    }
    topic->current.reset();
    return;
  }
  if (piece.kind != TagKind::Other && topic->field_offsets.count(piece.kind) != 0) {
    fail(piece.offset, "second " + tag + " in the topic opened on line " +
                           std::to_string(line_of(topic->offset)));
  }
  topic->current = piece.kind;
  topic->fields[piece.kind];
  topic->field_offsets.emplace(piece.kind, piece.offset);
}

std::string TopicParser::field_text(const OpenTopic& topic, TagKind kind) const {
  const auto it = topic.fields.find(kind);
  return it == topic.fields.end() ? std::string() : collapse_spaces(it->second);
}

void TopicParser::finish_trec_topic(const OpenTopic& topic) {
  if (topic.field_offsets.count(TagKind::Num) == 0) fail(topic.offset, "topic without <num>");
  const std::size_t num_offset = topic.field_offsets.at(TagKind::Num);
  Topic result;
  result.id = strip_label(field_text(topic, TagKind::Num), "Number:");
  if (result.id.empty()) fail(num_offset, "empty <num>");
  if (has_space(result.id))
    fail(num_offset, "topic id " + in_quotes(result.id) + " holds whitespace");

  // A topic that lacks a field asked for is searched with the text it has, with a
  // warning, rather than failing the whole file: <title> alone for title+desc, the other
  // field for title or desc.  Only a topic with no text in either is an error.
  struct Part {
    TagKind kind;
    std::string text;
    std::string problem;     // why `text` is empty: "has no <desc>"
    std::size_t offset = 0;  // of the field, or of <top> when it is absent
  };
  const auto part = [&](TagKind kind, std::string_view label) {
    Part found{kind, {}, {}, topic.offset};
    const auto at = topic.field_offsets.find(kind);
    if (at == topic.field_offsets.end()) {
      found.problem = std::string("has no <") + tag_name(kind) + ">";
      return found;
    }
    found.offset = at->second;
    found.text = strip_label(field_text(topic, kind), label);
    if (found.text.empty()) found.problem = std::string("has an empty <") + tag_name(kind) + ">";
    return found;
  };
  const Part title = part(TagKind::Title, "Topic:");
  const Part desc = part(TagKind::Desc, "Description:");
  std::vector<const Part*> wanted;
  if (field_ != TopicField::Description) wanted.push_back(&title);
  if (field_ != TopicField::Title) wanted.push_back(&desc);
  const Part* missing = nullptr;
  for (const Part* wanted_part : wanted) {
    if (wanted_part->text.empty()) {
      if (missing == nullptr) missing = wanted_part;
      continue;
    }
    result.text += (result.text.empty() ? "" : " ") + wanted_part->text;
  }
  if (missing != nullptr) {
    const Part& other = missing == &title ? desc : title;
    const std::string topic_name = "topic " + in_quotes(result.id) + " ";
    if (other.text.empty()) {
      fail(missing->offset, topic_name + "has no text in <title> or <desc>");
    }
    std::string use = "; using its <" + std::string(tag_name(other.kind)) + ">";
    if (result.text.empty()) {
      result.text = other.text;
      use += " instead";
    } else {
      use += " alone";
    }
    result.warning = std::string(name_) + ":" + std::to_string(line_of(missing->offset)) + ": " +
                     topic_name + missing->problem + use;
  }
  add(std::move(result), num_offset);
}

std::string lower_first(std::string text) {
  if (!text.empty()) text[0] = ascii_lower(text[0]);
  return text;
}

std::string format_score(double score) {
  char buffer[400];  // a double in fixed notation has at most 309 integer digits
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, score, std::chars_format::fixed, 6);
  if (error != std::errc()) return "0.000000";  // unreachable with this buffer
  return std::string(buffer, end);
}

void require_column(std::string_view value, const char* what) {
  if (value.empty()) throw InvalidArgument(std::string("run line: empty ") + what);
  if (has_space(value)) {
    throw InvalidArgument(std::string("run line: ") + what + " " + in_quotes(value) +
                          " holds whitespace");
  }
}

}  // namespace

std::vector<Topic> read_topics(std::istream& in, std::string_view source_name, TopicField field) {
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw InputError("cannot read " + in_quotes(source_name) + ": read error", data.size());
  }
  return TopicParser(std::move(data), source_name, field).parse();
}

std::vector<Topic> read_topics(const std::filesystem::path& path, TopicField field) {
  const std::string name = path.string();
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    throw InputError("cannot read " + in_quotes(name) + ": is a directory", 0);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::error_code error(errno, std::generic_category());
    throw InputError("cannot read " + in_quotes(name) + ": " + lower_first(error.message()), 0);
  }
  return read_topics(in, name, field);
}

std::string format_run_line(const RunLine& line) {
  require_column(line.topic_id, "topic id");
  require_column(line.document_id, "document id");
  require_column(line.tag, "tag");
  std::string out;
  out.reserve(line.topic_id.size() + line.document_id.size() + line.tag.size() + 32);
  out.append(line.topic_id).append(" Q0 ").append(line.document_id).append(" ");
  out.append(std::to_string(line.rank)).append(" ").append(format_score(line.score));
  out.append(" ").append(line.tag);
  return out;
}

void write_run_line(std::ostream& out, const RunLine& line) {
  out << format_run_line(line) << '\n';
}

std::string format_run_lines(std::string_view topic_id, const std::vector<Hit>& hits,
                             std::string_view tag) {
  std::string out;
  std::size_t rank = 0;
  for (const Hit& hit : hits) {
    out += format_run_line({topic_id, hit.id, ++rank, hit.score, tag});
    out += '\n';
  }
  return out;
}

}  // namespace polysearch::eval
