#include "search/query_parser.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "polysearch/error.hpp"
#include "schema/field_values.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

constexpr std::size_t kMaxQueryBytes = 64 * 1024;
constexpr int kMaxParenDepth = 100;

// ---------------------------------------------------------------------------------------
// Characters

struct CodePoint {
  char32_t value;
  std::size_t length;  // bytes, at least 1
};

// The code point starting at text[i] (i < text.size()) and its length.  The query
// should be valid UTF-8, but a scan must stay inside it and move forward even if the
// caller's check was skipped: an ill-formed byte counts as one character U+FFFD.
CodePoint code_point_at(std::string_view text, std::size_t i) noexcept {
  std::size_t next = i;
  const char32_t value = decode_utf8_or_replacement(text, next);
  return {value, next - i};
}

// Unicode White_Space: ASCII blanks, NBSP, U+3000 ideographic space, U+2000..U+200A, …
bool is_space(char32_t c) noexcept {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

// A letter (any script) or a decimal digit.
bool is_alnum(char32_t c) noexcept {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A character of a field name as typed: a schema's [a-z0-9_], in either case.
bool is_name_char(char c) noexcept {
  return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '_';
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// "title, lang" and the schema's searchable fields, for the unknown-field message.
std::string known_fields(const Schema& schema) {
  std::string names = "title, lang";
  for (const auto& [name, spec] : schema.fields) {
    if (spec.type != FieldType::Stored) names += ", " + name;
  }
  return names;
}

// " “ „ open a phrase; " ” “ close it (so "…", “…” and German „…“ all work).
bool is_opening_quote(char32_t c) noexcept { return c == '"' || c == 0x201C || c == 0x201E; }
bool is_closing_quote(char32_t c) noexcept { return c == '"' || c == 0x201D || c == 0x201C; }

// Characters that end a word: whitespace, parentheses and opening quotes.
bool ends_word(char32_t c) noexcept {
  return is_space(c) || c == '(' || c == ')' || is_opening_quote(c);
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string at_byte(std::size_t offset) { return " at byte " + std::to_string(offset); }

[[noreturn]] void fail(const std::string& message, std::size_t offset) {
  throw QuerySyntaxError(message, offset);
}

QueryNodePtr make_node(QueryNode::Kind kind, std::size_t offset, std::string text = {}) {
  auto node = std::make_unique<QueryNode>();
  node->kind = kind;
  node->offset = offset;
  node->text = std::move(text);
  return node;
}

// ---------------------------------------------------------------------------------------
// Lexer: turns the query into clause-level tokens.  Signs, fields, phrases and wildcards
// are resolved here, so the parser only sees leaves, parentheses and operators.

enum class TokenType { Leaf, Open, Close, And, Or, Not, End };

struct Token {
  TokenType type = TokenType::End;
  std::size_t offset = 0;              // first character, after any sign; the field name if any
  std::size_t paren_offset = 0;        // Open: the '(' itself
  Occur occur = Occur::Should;         // Leaf, Open
  QueryField field = QueryField::Any;  // Open: field given to the whole group
  QueryNodePtr leaf;                   // Leaf
};

const char* operator_name(TokenType type) noexcept {
  switch (type) {
    case TokenType::And: return "AND";
    case TokenType::Or: return "OR";
    case TokenType::Not: return "NOT";
    default: return "?";
  }
}

class Lexer {
 public:
  Lexer(std::string_view query, const Schema& schema) : query_(query), schema_(schema) {}

  Token next() {
    for (;;) {
      skip_spaces();
      Token token;
      if (pos_ >= query_.size()) {
        token.offset = query_.size();
        return token;
      }
      const std::size_t start = pos_;
      const char c = query_[pos_];
      if (c == '(' || c == ')') {
        ++pos_;
        token.type = c == '(' ? TokenType::Open : TokenType::Close;
        token.offset = start;
        token.paren_offset = start;
        return token;
      }
      Occur occur = Occur::Should;
      if (c == '+' || c == '-') {
        ++pos_;
        // A sign with nothing after it ("a - b", "a +", "(a -)") is ignored.
        if (pos_ >= query_.size() || query_[pos_] == ')' ||
            is_space(code_point_at(query_, pos_).value)) {
          continue;
        }
        occur = c == '+' ? Occur::Must : Occur::MustNot;
      }
      if (auto unit_token = unit(occur)) return std::move(*unit_token);
      // The unit was ignorable (an empty phrase); look further.
    }
  }

 private:
  void skip_spaces() noexcept {
    while (pos_ < query_.size()) {
      const CodePoint cp = code_point_at(query_, pos_);
      if (!is_space(cp.value)) break;
      pos_ += cp.length;
    }
  }

  // End of the word starting at `from`: the first whitespace, parenthesis or opening quote.
  [[nodiscard]] std::size_t word_end(std::size_t from) const noexcept {
    std::size_t i = from;
    while (i < query_.size()) {
      const CodePoint cp = code_point_at(query_, i);
      if (ends_word(cp.value)) break;
      i += cp.length;
    }
    return i;
  }

  // Whether the character after "name:" makes it a field: a letter, a digit, a quote, '('
  // or '*' (so that "title:*" reports the missing prefix rather than being a plain word).
  [[nodiscard]] bool starts_field_value(std::size_t i) const noexcept {
    if (i >= query_.size()) return false;
    const char32_t c = code_point_at(query_, i).value;
    return is_alnum(c) || is_opening_quote(c) || c == '(' || c == '*';
  }

  // One unit at pos_ (after any sign): [field ":"] (word | wildcard | phrase | "(") or
  // "lang:" code, or a keyword when there is neither sign nor field.  nullopt when the unit
  // is to be ignored (an empty phrase).
  std::optional<Token> unit(Occur occur) {
    const std::size_t start = pos_;
    QueryField field = QueryField::Any;
    std::string field_name;

    std::size_t name_end = pos_;
    while (name_end < query_.size() && is_name_char(query_[name_end])) ++name_end;
    if (name_end > pos_ && name_end < query_.size() && query_[name_end] == ':') {
      const std::string_view name = query_.substr(pos_, name_end - pos_);
      const std::size_t value = name_end + 1;
      const bool letters_only =
          std::all_of(name.begin(), name.end(), [](char c) { return is_ascii_letter(c); });
      if (equals_ignoring_ascii_case(name, "lang")) {
        const std::size_t code_end = word_end(value);
        if (code_end == value) fail("lang:" + at_byte(start) + " needs a language code", start);
        pos_ = code_end;
        Token token = leaf(QueryNode::Kind::Language, start, occur,
                           std::string(query_.substr(value, code_end - value)));
        return token;
      }
      if (equals_ignoring_ascii_case(name, "title")) {
        // As lang: needs its code, title: needs its value: "title:" alone or before a space
        // is an error, not the word "title".
        if (value >= query_.size() || query_[value] == ')' ||
            is_space(code_point_at(query_, value).value)) {
          fail("title:" + at_byte(start) + " needs a word, a phrase or a group", start);
        }
        field = QueryField::Title;
        pos_ = value;
      } else if (const FieldSpec* spec = schema_.find(ascii_lower(name))) {
        if (spec->type != FieldType::Text) {
          return schema_field(start, occur, ascii_lower(name), *spec, value);
        }
        require_value(name, start, value);
        if (query_[value] == '(') {
          fail("field '" + std::string(name) + "'" + at_byte(start) +
                   " takes a word or a phrase, not a group",
               start);
        }
        field = QueryField::Named;
        field_name = ascii_lower(name);
        pos_ = value;
      } else if (letters_only && starts_field_value(value)) {
        fail("unknown field '" + std::string(name) + "'" + at_byte(start) +
                 " (known fields: " + known_fields(schema_) + ")",
             start);
      }
    }

    if (pos_ < query_.size()) {
      const CodePoint cp = code_point_at(query_, pos_);
      if (cp.value == '(') {
        Token token;
        token.type = TokenType::Open;
        token.offset = start;
        token.paren_offset = pos_;
        token.occur = occur;
        token.field = field;
        ++pos_;
        return token;
      }
      if (is_opening_quote(cp.value)) {
        std::optional<Token> token = phrase(start, cp.length, occur, field);
        if (token) token->leaf->field_name = field_name;
        return token;
      }
    }

    const std::size_t end = word_end(pos_);
    const std::string_view word = query_.substr(pos_, end - pos_);
    const std::size_t word_start = pos_;
    pos_ = end;
    if (occur == Occur::Should && field == QueryField::Any) {
      TokenType keyword = TokenType::End;
      if (word == "AND") keyword = TokenType::And;
      if (word == "OR") keyword = TokenType::Or;
      if (word == "NOT") keyword = TokenType::Not;
      if (keyword != TokenType::End) {
        Token token;
        token.type = keyword;
        token.offset = start;
        return token;
      }
    }
    if (!word.empty() && word.front() == '*') {
      if (word.find_first_not_of('*') == std::string_view::npos) {
        fail("wildcard '*'" + at_byte(word_start) + " needs a prefix", word_start);
      }
      // Only prefixes are expanded: "*学" would silently search 学, or nothing.
      fail("wildcard '" + std::string(word) + "'" + at_byte(word_start) +
               " needs a prefix (only word* is supported)",
           word_start);
    }
    if (!word.empty() && word.back() == '*') {
      std::size_t prefix_length = word.size();
      while (prefix_length > 0 && word[prefix_length - 1] == '*') --prefix_length;
      Token token =
          leaf(QueryNode::Kind::Wildcard, start, occur, std::string(word.substr(0, prefix_length)));
      token.leaf->field = field;
      token.leaf->field_name = field_name;
      return token;
    }
    Token token = leaf(QueryNode::Kind::Text, start, occur, std::string(word));
    token.leaf->field = field;
    token.leaf->field_name = field_name;
    return token;
  }

  // A field of the schema needs a value right after its colon.
  void require_value(std::string_view name, std::size_t start, std::size_t value) const {
    if (value >= query_.size() || query_[value] == ')' ||
        is_space(code_point_at(query_, value).value)) {
      fail("field '" + std::string(name) + "'" + at_byte(start) + " needs a value", start);
    }
  }

  // A keyword, number, date or stored field of the schema, its colon at `value` - 1.
  std::optional<Token> schema_field(std::size_t start, Occur occur, const std::string& name,
                                    const FieldSpec& spec, std::size_t value) {
    const std::string field = "field '" + name + "'" + at_byte(start);
    if (spec.type == FieldType::Stored) {
      fail(field + " is stored, not searchable (declare it keyword, number, date or text)", start);
    }
    require_value(name, start, value);
    const CodePoint cp = code_point_at(query_, value);
    if (cp.value == '(') fail(field + " takes a value, not a group", start);
    if (spec.type == FieldType::Keyword) {
      std::string text;
      if (is_opening_quote(cp.value)) {
        pos_ = value;
        std::optional<Token> quoted = phrase(start, cp.length, occur, QueryField::Any);
        if (!quoted) fail(field + " needs a value", start);
        text = std::move(quoted->leaf->text);
      } else {
        const std::size_t end = word_end(value);
        text = std::string(query_.substr(value, end - value));
        pos_ = end;
        if (text.find("..") != std::string::npos) {
          fail(field +
                   " is a keyword field: ranges (..) are for number and date fields "
                   "(quote a value that holds \"..\")",
               start);
        }
      }
      Token token = leaf(QueryNode::Kind::Keyword, start, occur, std::move(text));
      token.leaf->field_name = name;
      return token;
    }
    if (is_opening_quote(cp.value)) fail(field + " takes a value or a range, not a phrase", start);
    const std::size_t end = word_end(value);
    const std::string_view word = query_.substr(value, end - value);
    pos_ = end;
    const std::size_t dots = word.find("..");
    const std::string_view low = dots == std::string_view::npos ? word : word.substr(0, dots);
    const std::string_view high = dots == std::string_view::npos ? word : word.substr(dots + 2);
    if (low.empty() && high.empty()) fail(field + ": a range needs at least one end", start);
    const bool is_date = spec.type == FieldType::Date;
    for (const std::string_view end_value : {low, high}) {
      if (end_value.empty()) continue;
      if (is_date ? !parse_date(end_value) : !parse_number(end_value)) {
        fail(field + ": '" + std::string(end_value) + "' is not " +
                 (is_date ? "a date (2024-05-01 or 2024-05-01T10:00:00+02:00)" : "a number"),
             start);
      }
    }
    Token token = leaf(QueryNode::Kind::Range, start, occur, std::string(low));
    token.leaf->upper = std::string(high);
    token.leaf->field_name = name;
    return token;
  }

  // A phrase whose opening quote (quote_length bytes) is at pos_.  A phrase with nothing but
  // whitespace inside is ignored.
  std::optional<Token> phrase(std::size_t start, std::size_t quote_length, Occur occur,
                              QueryField field) {
    const std::size_t quote = pos_;
    const std::size_t text_begin = quote + quote_length;
    std::size_t i = text_begin;
    std::size_t word_start = text_begin;  // of the word i is in
    bool blank = true;
    while (i < query_.size()) {
      const CodePoint cp = code_point_at(query_, i);
      if (cp.value == '*') check_not_wildcard_in_phrase(word_start, i);
      if (is_space(cp.value)) word_start = i + cp.length;
      if (is_closing_quote(cp.value)) {
        pos_ = i + cp.length;
        if (blank) return std::nullopt;
        Token token = leaf(QueryNode::Kind::Phrase, start, occur,
                           std::string(query_.substr(text_begin, i - text_begin)));
        token.leaf->field = field;
        return token;
      }
      if (!is_space(cp.value)) blank = false;
      i += cp.length;
    }
    fail("unterminated phrase" + at_byte(quote), quote);
  }

  // A '*' at `star` inside a phrase, in the word starting at `word_start`: at the start or
  // end of that word it would be a wildcard outside a phrase, which a phrase cannot hold
  // (it matches whole words), so it is an error rather than a phrase that finds nothing.
  // Inside a word ("a*b") it is text, as outside phrases.
  void check_not_wildcard_in_phrase(std::size_t word_start, std::size_t star) const {
    const std::size_t after = star + 1;
    const bool ends_word = after >= query_.size() || is_space(code_point_at(query_, after).value) ||
                           is_closing_quote(code_point_at(query_, after).value);
    if (star != word_start && !ends_word) return;
    std::size_t word_end = after;
    while (word_end < query_.size()) {
      const char32_t c = code_point_at(query_, word_end).value;
      if (is_space(c) || is_closing_quote(c)) break;
      word_end += code_point_at(query_, word_end).length;
    }
    fail("wildcard '" + std::string(query_.substr(word_start, word_end - word_start)) + "'" +
             at_byte(word_start) + " in a phrase (a phrase matches whole words)",
         word_start);
  }

  static Token leaf(QueryNode::Kind kind, std::size_t offset, Occur occur, std::string text) {
    Token token;
    token.type = TokenType::Leaf;
    token.offset = offset;
    token.occur = occur;
    token.leaf = make_node(kind, offset, std::move(text));
    token.leaf->occur = occur;
    return token;
  }

  std::string_view query_;
  const Schema& schema_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------
// Parser: recursive descent over the tokens, one function per grammar rule.  Recursion
// depth is bounded by kMaxParenDepth; operator chains are built in loops.

struct PendingOperator {
  TokenType type;
  std::size_t offset;
};

bool is_operator(TokenType type) noexcept {
  return type == TokenType::And || type == TokenType::Or || type == TokenType::Not;
}

[[noreturn]] void fail_nothing_on_left(TokenType type, std::size_t offset) {
  fail(std::string("'") + operator_name(type) + "'" + at_byte(offset) + " has nothing on its left",
       offset);
}

[[noreturn]] void fail_nothing_on_right(const PendingOperator& op) {
  fail(std::string("'") + operator_name(op.type) + "'" + at_byte(op.offset) +
           " has nothing on its right",
       op.offset);
}

bool is_leaf(const QueryNode& node) noexcept {
  switch (node.kind) {
    case QueryNode::Kind::Text:
    case QueryNode::Kind::Phrase:
    case QueryNode::Kind::Wildcard:
    case QueryNode::Kind::Language:
    case QueryNode::Kind::Keyword:
    case QueryNode::Kind::Range: return true;
    default: return false;
  }
}

// "NOT b" or "-b" alone: (SEQ -b), everything except b.
bool is_negation(const QueryNode& node) noexcept {
  return node.kind == QueryNode::Kind::Sequence && node.children.size() == 1 &&
         node.children.front()->occur == Occur::MustNot;
}

QueryNodePtr make_composite(QueryNode::Kind kind, std::vector<QueryNodePtr> children) {
  auto node = make_node(kind, children.front()->offset);
  node->children = std::move(children);
  return node;
}

class Parser {
 public:
  Parser(std::string_view query, const Schema& schema) : lexer_(query, schema) { advance(); }

  QueryNodePtr parse() {
    QueryNodePtr root = parse_or(0, QueryField::Any, nullptr);
    if (current_.type == TokenType::Close) {
      fail("unbalanced parenthesis" + at_byte(current_.offset), current_.offset);
    }
    if (!root) fail("empty query", 0);
    return root;
  }

 private:
  void advance() { current_ = lexer_.next(); }

  // Each parse_* returns nullptr when there is no operand at all (the next token is ')' or
  // the end).  `pending` is the operator whose right operand is being parsed, if any.

  // or_expr := and_expr ("OR" and_expr)*
  QueryNodePtr parse_or(int depth, QueryField field, const PendingOperator* pending) {
    QueryNodePtr first = parse_and(depth, field, pending);
    if (!first || current_.type != TokenType::Or) return first;
    std::vector<QueryNodePtr> operands;
    operands.push_back(std::move(first));
    while (current_.type == TokenType::Or) {
      const PendingOperator op{current_.type, current_.offset};
      advance();
      operands.push_back(parse_and(depth, field, &op));
    }
    return make_composite(QueryNode::Kind::Or, std::move(operands));
  }

  // and_expr := not_expr ("AND" not_expr)*
  QueryNodePtr parse_and(int depth, QueryField field, const PendingOperator* pending) {
    QueryNodePtr first = parse_not(depth, field, pending);
    if (!first || current_.type != TokenType::And) return first;
    std::vector<QueryNodePtr> operands;
    operands.push_back(std::move(first));
    while (current_.type == TokenType::And) {
      const PendingOperator op{current_.type, current_.offset};
      advance();
      if (current_.type == TokenType::Not) {
        // "a AND NOT b" means "a NOT b", as in Xapian's query parser.
        QueryNodePtr left = std::move(operands.back());
        operands.pop_back();
        operands.push_back(continue_not(std::move(left), depth, field));
        continue;
      }
      operands.push_back(parse_not(depth, field, &op));
    }
    if (operands.size() == 1) return std::move(operands.front());
    return make_composite(QueryNode::Kind::And, std::move(operands));
  }

  // not_expr := ["NOT"] sequence ("NOT" sequence)*, flat: a NOT b NOT c = AndNot(a, b, c),
  // which is a and not (b or c) -- the same as left-associative, without a deep tree.  A
  // leading NOT (no pending operator: the start of the query or of a group) means
  // "everything except".
  QueryNodePtr parse_not(int depth, QueryField field, const PendingOperator* pending) {
    QueryNodePtr left = current_.type == TokenType::Not && pending == nullptr
                            ? parse_leading_not(depth, field)
                            : parse_operand(depth, field, pending);
    if (!left) return nullptr;
    return continue_not(std::move(left), depth, field);
  }

  // "NOT b": everything except b, the tree of "-b" alone: (SEQ -b).
  QueryNodePtr parse_leading_not(int depth, QueryField field) {
    const PendingOperator op{current_.type, current_.offset};
    advance();
    QueryNodePtr excluded = parse_operand(depth, field, &op);
    excluded->occur = Occur::MustNot;  // a sequence operand has no sign of its own
    std::vector<QueryNodePtr> clauses;
    clauses.push_back(std::move(excluded));
    return make_composite(QueryNode::Kind::Sequence, std::move(clauses));
  }

  // The NOT operands that follow `left`, if any.
  QueryNodePtr continue_not(QueryNodePtr left, int depth, QueryField field) {
    if (current_.type != TokenType::Not) return left;
    std::vector<QueryNodePtr> operands;
    operands.push_back(std::move(left));
    while (current_.type == TokenType::Not) {
      const PendingOperator op{current_.type, current_.offset};
      advance();
      operands.push_back(parse_operand(depth, field, &op));
    }
    return make_composite(QueryNode::Kind::AndNot, std::move(operands));
  }

  // A sequence that is an operand.  An operator where the operand should start has
  // nothing on its left ("AND a", "a OR NOT b"); otherwise a missing right operand is the
  // pending operator's fault ("a OR", "(a AND)").  Returns nullptr only when there is no
  // pending operator and the group or query simply ends.
  QueryNodePtr parse_operand(int depth, QueryField field, const PendingOperator* pending) {
    QueryNodePtr operand = parse_sequence(depth, field);
    if (operand) return operand;
    if (current_.type == TokenType::Not && pending && pending->type == TokenType::Or) {
      // "a OR NOT b" would match nearly everything; the parentheses make that explicit.
      fail(std::string("'NOT'") + at_byte(current_.offset) +
               " cannot follow 'OR' (to mean 'or not', write OR (NOT …))",
           current_.offset);
    }
    if (is_operator(current_.type)) fail_nothing_on_left(current_.type, current_.offset);
    if (pending) fail_nothing_on_right(*pending);
    return nullptr;
  }

  // sequence := clause+
  QueryNodePtr parse_sequence(int depth, QueryField field) {
    std::vector<QueryNodePtr> clauses;
    for (;;) {
      if (current_.type == TokenType::Leaf) {
        QueryNodePtr node = std::move(current_.leaf);
        if (field == QueryField::Title && node->field == QueryField::Any &&
            (node->kind == QueryNode::Kind::Text || node->kind == QueryNode::Kind::Phrase ||
             node->kind == QueryNode::Kind::Wildcard)) {
          node->field = QueryField::Title;
        }
        advance();
        clauses.push_back(std::move(node));
      } else if (current_.type == TokenType::Open) {
        clauses.push_back(parse_group(depth, field));
      } else {
        break;
      }
    }
    if (clauses.empty()) return nullptr;
    if (clauses.size() == 1 && clauses.front()->occur == Occur::Should) {
      return std::move(clauses.front());
    }
    return make_composite(QueryNode::Kind::Sequence, std::move(clauses));
  }

  // "(" or_expr ")", with the sign and field that preceded it.
  QueryNodePtr parse_group(int depth, QueryField field) {
    const std::size_t offset = current_.offset;
    const std::size_t paren = current_.paren_offset;
    const Occur occur = current_.occur;
    if (current_.field == QueryField::Title) field = QueryField::Title;
    if (depth >= kMaxParenDepth) {
      fail("parentheses nested deeper than " + std::to_string(kMaxParenDepth) + at_byte(paren),
           paren);
    }
    advance();
    QueryNodePtr inner = parse_or(depth + 1, field, nullptr);
    if (current_.type != TokenType::Close) fail("unbalanced parenthesis" + at_byte(paren), paren);
    if (!inner) fail("empty parentheses" + at_byte(paren), paren);
    advance();
    if (occur == Occur::Should && is_negation(*inner)) {
      // "(NOT b)" or "(-b)" among other clauses excludes b, as "-b" does: "a (NOT b)" is a
      // and not b.  Alone, the caller makes it (SEQ -b) again: everything except b.
      return std::move(inner->children.front());
    }
    if (!is_leaf(*inner)) inner->offset = offset;
    inner->occur = occur;
    return inner;
  }

  Lexer lexer_;
  Token current_;
};

// ---------------------------------------------------------------------------------------
// describe

void append_field(const QueryNode& node, std::string& out) {
  if (node.field == QueryField::Title) out += "title:";
  if (node.field == QueryField::Named) out += node.field_name + ":";
}

}  // namespace

QueryNodePtr parse_query(std::string_view query, const Schema& schema) {
  if (query.size() > kMaxQueryBytes) {
    std::size_t offset = kMaxQueryBytes;
    while (offset > 0 && (static_cast<unsigned char>(query[offset]) & 0xC0u) == 0x80u) --offset;
    fail("query too long" + at_byte(offset) + " (at most " + std::to_string(kMaxQueryBytes) +
             " bytes)",
         offset);
  }
  return Parser(query, schema).parse();
}

// Iterative, so that long NOT chains (a left-deep AndNot tree) cannot exhaust the stack.
std::string describe(const QueryNode& root) {
  std::string out;
  std::vector<std::pair<const QueryNode*, std::size_t>> open;  // composite, next child
  const auto begin_node = [&](const QueryNode& node) {
    if (node.occur == Occur::Must) out += '+';
    if (node.occur == Occur::MustNot) out += '-';
    const char* name = "(?";
    switch (node.kind) {
      case QueryNode::Kind::Text:
        append_field(node, out);
        out += node.text;
        return;
      case QueryNode::Kind::Phrase:
        append_field(node, out);
        out += '"';
        out += node.text;
        out += '"';
        return;
      case QueryNode::Kind::Wildcard:
        append_field(node, out);
        out += node.text;
        out += '*';
        return;
      case QueryNode::Kind::Language:
        out += "lang:";
        out += node.text;
        return;
      case QueryNode::Kind::Keyword: out += node.field_name + ":\"" + node.text + "\""; return;
      case QueryNode::Kind::Range:
        out += node.field_name + ":";
        out += node.text == node.upper ? node.text : node.text + ".." + node.upper;
        return;
      case QueryNode::Kind::And: name = "(AND"; break;
      case QueryNode::Kind::Or: name = "(OR"; break;
      case QueryNode::Kind::AndNot: name = "(ANDNOT"; break;
      case QueryNode::Kind::Sequence: name = "(SEQ"; break;
    }
    out += name;
    open.emplace_back(&node, 0);
  };

  begin_node(root);
  while (!open.empty()) {
    const QueryNode* node = open.back().first;
    const std::size_t index = open.back().second;
    if (index == node->children.size()) {
      out += ')';
      open.pop_back();
      continue;
    }
    ++open.back().second;
    out += ' ';
    begin_node(*node->children[index]);
  }
  return out;
}

}  // namespace polysearch::detail
