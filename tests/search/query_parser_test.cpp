// Query syntax → tree.  Most cases compare describe(parse_query(q)); errors check the
// message and the byte offset.

#include "search/query_parser.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/error.hpp"

namespace {

using polysearch::QuerySyntaxError;
using polysearch::detail::describe;
using polysearch::detail::Occur;
using polysearch::detail::parse_query;
using polysearch::detail::QueryField;
using polysearch::detail::QueryNode;
using Kind = polysearch::detail::QueryNode::Kind;

std::string d(std::string_view query) { return describe(*parse_query(query)); }

struct SyntaxErrorInfo {
  bool thrown = false;
  std::string message;
  std::size_t offset = 0;
};

SyntaxErrorInfo syntax_error_of(std::string_view query) {
  SyntaxErrorInfo info;
  try {
    (void)parse_query(query);
  } catch (const QuerySyntaxError& error) {
    info.thrown = true;
    info.message = error.what();
    info.offset = error.byte_offset();
  }
  return info;
}

// The query must fail with a message containing `fragment` and with `offset`, and the
// message must name the offset too (except "empty query").
void check_error(std::string_view query, std::string_view fragment, std::size_t offset) {
  INFO("query: [", std::string(query), "]");
  CHECK_THROWS_AS((void)parse_query(query), QuerySyntaxError);
  const SyntaxErrorInfo info = syntax_error_of(query);
  REQUIRE(info.thrown);
  INFO("message: ", info.message);
  CHECK(info.message.find(fragment) != std::string::npos);
  CHECK(info.offset == offset);
  if (info.message != "empty query") {
    CHECK(info.message.find("at byte " + std::to_string(offset)) != std::string::npos);
  }
  REQUIRE(!info.message.empty());
  CHECK(!(info.message.front() >= 'A' && info.message.front() <= 'Z'));
  CHECK(info.message.back() != '.');
}

bool is_leaf_kind(Kind kind) {
  return kind == Kind::Text || kind == Kind::Phrase || kind == Kind::Wildcard ||
         kind == Kind::Language;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Structural invariants of every tree the parser returns (recursive; used on small trees).
void check_tree(std::string_view query, const QueryNode& node, bool parent_is_sequence) {
  REQUIRE(node.offset < query.size());
  CHECK((static_cast<unsigned char>(query[node.offset]) & 0xC0u) != 0x80u);
  if (!parent_is_sequence) CHECK(node.occur == Occur::Should);
  if (is_leaf_kind(node.kind)) {
    CHECK(node.children.empty());
    CHECK(!node.text.empty());
    std::string_view rest = query.substr(node.offset);
    if (node.kind == Kind::Language) {
      CHECK(node.field == QueryField::Any);
      REQUIRE(starts_with_ignoring_case(rest, "lang:"));
      CHECK(rest.substr(5, node.text.size()) == node.text);
      return;
    }
    // The node starts at its text, or at "title:" when the field was written on it.
    const auto starts_here = [&](std::string_view at) {
      if (node.kind == Kind::Phrase) {
        return at.rfind("\"", 0) == 0 || at.rfind("\u201C", 0) == 0 || at.rfind("\u201E", 0) == 0;
      }
      return at.substr(0, node.text.size()) == node.text;
    };
    bool found = starts_here(rest);
    if (!found && node.field == QueryField::Title && starts_with_ignoring_case(rest, "title:")) {
      found = starts_here(rest.substr(6));
    }
    CHECK(found);
    if (node.kind == Kind::Wildcard) CHECK(node.text.back() != '*');
    return;
  }
  CHECK(node.text.empty());
  switch (node.kind) {
    case Kind::And:
    case Kind::Or:
    case Kind::AndNot:  // a NOT b NOT c is one AndNot(a, b, c)
      CHECK(node.children.size() >= 2);
      break;
    case Kind::Sequence:
      REQUIRE(!node.children.empty());
      if (node.children.size() == 1) CHECK(node.children.front()->occur != Occur::Should);
      break;
    default: break;
  }
  for (const auto& child : node.children) {
    REQUIRE(child);
    check_tree(query, *child, node.kind == Kind::Sequence);
  }
}

// Nodes of `kind` with at least `min_children` children, anywhere in the tree.
std::size_t count_nodes(const QueryNode& node, Kind kind, std::size_t min_children) {
  std::size_t count = node.kind == kind && node.children.size() >= min_children ? 1 : 0;
  for (const auto& child : node.children) count += count_nodes(*child, kind, min_children);
  return count;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("query_parser: single words") {
  CHECK(d("fundacion") == "fundacion");
  CHECK(d("  fundacion \t") == "fundacion");
  CHECK(d("KI-Infrastruktur") == "KI-Infrastruktur");
  CHECK(d("H-1B") == "H-1B");
  CHECK(d("C++") == "C++");
  CHECK(d("C#") == "C#");
  CHECK(d("a-") == "a-");
  CHECK(d("a+b") == "a+b");
  CHECK(d("l'eau") == "l'eau");
  CHECK(d("fundación") == "fundación");
  CHECK(d("毫不犹豫") == "毫不犹豫");
  CHECK(d("e.g.") == "e.g.");
  CHECK(d("”closing-only”") == "”closing-only”");

  const auto node = parse_query("  fundacion");
  CHECK(node->kind == Kind::Text);
  CHECK(node->text == "fundacion");
  CHECK(node->field == QueryField::Any);
  CHECK(node->occur == Occur::Should);
  CHECK(node->offset == 2);
  CHECK(node->children.empty());
}

TEST_CASE("query_parser: several words form a sequence") {
  CHECK(d("a b c") == "(SEQ a b c)");
  CHECK(d("H-1B visa") == "(SEQ H-1B visa)");
  CHECK(d("C++ C#") == "(SEQ C++ C#)");
  CHECK(d("l'eau d'água") == "(SEQ l'eau d'água)");
  CHECK(d("Fundación KI-Infrastruktur Ação") == "(SEQ Fundación KI-Infrastruktur Ação)");

  const auto node = parse_query("a  bc");
  REQUIRE(node->kind == Kind::Sequence);
  REQUIRE(node->children.size() == 2);
  CHECK(node->offset == 0);
  CHECK(node->children[1]->text == "bc");
  CHECK(node->children[1]->offset == 3);
}

TEST_CASE("query_parser: unicode whitespace separates clauses") {
  CHECK(d("a\tb\nc\r\nd") == "(SEQ a b c d)");
  CHECK(d("a\u00A0b") == "(SEQ a b)");           // no-break space
  CHECK(d("a\u3000b") == "(SEQ a b)");           // ideographic space
  CHECK(d("a\u2003b\u202Fc") == "(SEQ a b c)");  // em space, narrow no-break space
  CHECK(d("\u3000a\u3000") == "a");
  CHECK(d("毫不犹豫 告别") == "(SEQ 毫不犹豫 告别)");
  CHECK(d("毫不犹豫\u3000告别") == "(SEQ 毫不犹豫 告别)");

  const auto node = parse_query("毫不\u3000告别");
  REQUIRE(node->kind == Kind::Sequence);
  CHECK(node->children[0]->offset == 0);
  CHECK(node->children[1]->offset == 9);  // 6 bytes of 毫不, 3 of U+3000
  CHECK(node->children[1]->text == "告别");
}

TEST_CASE("query_parser: keywords are upper case and stand alone") {
  CHECK(d("and or not") == "(SEQ and or not)");
  CHECK(d("And Or Not") == "(SEQ And Or Not)");
  CHECK(d("ANDROID ORACLE NOTE") == "(SEQ ANDROID ORACLE NOTE)");
  CHECK(d("AND-OR") == "AND-OR");
  CHECK(d("+AND -OR +NOT") == "(SEQ +AND -OR +NOT)");
  CHECK(d("title:OR") == "title:OR");
  CHECK(d("\"AND\"") == "\"AND\"");
  CHECK(d("AND*") == "AND*");
  // A keyword next to a parenthesis or a phrase still stands alone.
  CHECK(d("a OR(b)") == "(OR a b)");
  CHECK(d("(a)OR(b)") == "(OR a b)");
  CHECK(d("\"x\"OR\"y\"") == "(OR \"x\" \"y\")");
}

TEST_CASE("query_parser: + and - at the start of a clause") {
  CHECK(d("+foo") == "(SEQ +foo)");
  CHECK(d("-foo") == "(SEQ -foo)");
  CHECK(d("a -b +c") == "(SEQ a -b +c)");
  CHECK(d("fundacion +linux -windows") == "(SEQ fundacion +linux -windows)");
  CHECK(d("+\"open source\"") == "(SEQ +\"open source\")");
  CHECK(d("-title:foo") == "(SEQ -title:foo)");
  CHECK(d("+lang:de") == "(SEQ +lang:de)");
  CHECK(d("+fund*") == "(SEQ +fund*)");
  CHECK(d("+(a b)") == "(SEQ +(SEQ a b))");
  CHECK(d("x -(a OR b)") == "(SEQ x -(OR a b))");
  CHECK(d("(-a)") == "(SEQ -a)");
  CHECK(d("(a)-b") == "(SEQ a -b)");
  CHECK(d("\"a\"+b") == "(SEQ \"a\" +b)");
  // Only the first sign is a sign; the rest belongs to the word.
  CHECK(d("--foo") == "(SEQ --foo)");
  CHECK(d("+-foo") == "(SEQ +-foo)");

  const auto node = parse_query("x +foo");
  REQUIRE(node->kind == Kind::Sequence);
  REQUIRE(node->children.size() == 2);
  CHECK(node->children[1]->occur == Occur::Must);
  CHECK(node->children[1]->text == "foo");
  CHECK(node->children[1]->offset == 3);  // the word, not the sign

  const auto single = parse_query("-foo");
  REQUIRE(single->kind == Kind::Sequence);
  REQUIRE(single->children.size() == 1);
  CHECK(single->occur == Occur::Should);
  CHECK(single->children[0]->occur == Occur::MustNot);
  CHECK(single->children[0]->offset == 1);
}

TEST_CASE("query_parser: a lone sign is ignored") {
  CHECK(d("- foo") == "foo");
  CHECK(d("foo -") == "foo");
  CHECK(d("foo + bar") == "(SEQ foo bar)");
  CHECK(d("(a -)") == "a");
  CHECK(d("a - - b") == "(SEQ a b)");
  CHECK(d("a OR + b") == "(OR a b)");
  CHECK(d("+\u3000a") == "a");
}

TEST_CASE("query_parser: phrases with every quote style") {
  CHECK(d("\"open source\"") == "\"open source\"");
  CHECK(d("\u201Copen source\u201D") == "\"open source\"");      // “…”
  CHECK(d("\u201Eoffene Quelle\u201C") == "\"offene Quelle\"");  // „…“
  CHECK(d("\u201Ea b\"") == "\"a b\"");
  CHECK(d("\u201Ca b\u201C") == "\"a b\"");
  CHECK(d("\"a b\u201D") == "\"a b\"");
  CHECK(d("\"毫不犹豫 告别\"") == "\"毫不犹豫 告别\"");
  CHECK(d("\"a*b (c) AND d\"") == "\"a*b (c) AND d\"");
  CHECK(d("\"a\" OR b") == "(OR \"a\" b)");
  CHECK(d("x \"a b\" y") == "(SEQ x \"a b\" y)");

  const auto node = parse_query("x \u201Ea b\u201C");
  REQUIRE(node->kind == Kind::Sequence);
  const QueryNode& phrase = *node->children[1];
  CHECK(phrase.kind == Kind::Phrase);
  CHECK(phrase.text == "a b");
  CHECK(phrase.offset == 2);  // the opening quote
}

TEST_CASE("query_parser: a quote inside a word starts a phrase") {
  CHECK(d("foo\"bar baz\"") == "(SEQ foo \"bar baz\")");
  CHECK(d("foo\u201Cbar\u201D") == "(SEQ foo \"bar\")");
  CHECK(d("\"a b\"c") == "(SEQ \"a b\" c)");
  CHECK(d("\"a\"\"b\"") == "(SEQ \"a\" \"b\")");

  const auto node = parse_query("foo\"bar\"");
  REQUIRE(node->children.size() == 2);
  CHECK(node->children[1]->kind == Kind::Phrase);
  CHECK(node->children[1]->offset == 3);
}

TEST_CASE("query_parser: empty phrases are ignored") {
  CHECK(d("a \"\" b") == "(SEQ a b)");
  CHECK(d("\"   \" a") == "a");
  CHECK(d("a \u201E\u201C") == "a");
  CHECK(d("+\"\" a") == "a");
  CHECK(d("title:\"\" a") == "a");
}

TEST_CASE("query_parser: wildcards") {
  CHECK(d("fund*") == "fund*");
  CHECK(d("fund**") == "fund*");
  CHECK(d("毫不*") == "毫不*");
  CHECK(d("a*b") == "a*b");  // '*' inside a word is text
  CHECK(d("title:fund*") == "title:fund*");
  CHECK(d("a fund* b") == "(SEQ a fund* b)");

  const auto node = parse_query("fund*");
  CHECK(node->kind == Kind::Wildcard);
  CHECK(node->text == "fund");
  CHECK(node->offset == 0);

  const auto text = parse_query("a*b");
  CHECK(text->kind == Kind::Text);
  CHECK(text->text == "a*b");
}

TEST_CASE("query_parser: title field") {
  CHECK(d("title:linux") == "title:linux");
  CHECK(d("TITLE:linux") == "title:linux");
  CHECK(d("Title:\"open source\"") == "title:\"open source\"");
  CHECK(d("title:\u201Eoffene Quelle\u201C") == "title:\"offene Quelle\"");
  CHECK(d("title:über") == "title:über");
  CHECK(d("title:毫不犹豫") == "title:毫不犹豫");
  CHECK(d("title:2024") == "title:2024");
  CHECK(d("title:a b") == "(SEQ title:a b)");
  CHECK(d("title:(a OR b*)") == "(OR title:a title:b*)");
  CHECK(d("title:(a \"b c\" lang:de)") == "(SEQ title:a title:\"b c\" lang:de)");
  CHECK(d("title:(a (b NOT c))") == "(SEQ title:a (ANDNOT title:b title:c))");
  CHECK(d("title:(a) b") == "(SEQ title:a b)");
  CHECK(d("-title:(a b)") == "(SEQ -(SEQ title:a title:b))");

  const auto node = parse_query("x title:linux");
  REQUIRE(node->kind == Kind::Sequence);
  const QueryNode& leaf = *node->children[1];
  CHECK(leaf.kind == Kind::Text);
  CHECK(leaf.field == QueryField::Title);
  CHECK(leaf.text == "linux");
  CHECK(leaf.offset == 2);  // the field name

  // The value after "title:" is one word: a further colon is part of it.
  const auto nested = parse_query("title:lang:de");
  CHECK(nested->kind == Kind::Text);
  CHECK(nested->field == QueryField::Title);
  CHECK(nested->text == "lang:de");

  const auto group = parse_query("x title:(a b)");
  REQUIRE(group->kind == Kind::Sequence);
  CHECK(group->children[1]->kind == Kind::Sequence);
  CHECK(group->children[1]->offset == 2);
}

TEST_CASE("query_parser: colons that do not start a field are text") {
  CHECK(d("12:30") == "12:30");
  CHECK(d("http://x.y") == "http://x.y");
  CHECK(d("a: b") == "(SEQ a: b)");
  CHECK(d(":foo") == ":foo");
  CHECK(d("std::string") == "std::string");
  CHECK(d("a1:b") == "a1:b");
  CHECK(d("C:\\Users") == "C:\\Users");
  CHECK(d("foo: bar") == "(SEQ foo: bar)");
}

TEST_CASE("query_parser: title: takes whatever follows it, and needs something") {
  // "title:" with nothing after it used to be the word "title" (found nothing, exit 1)
  // while "lang:" was an error; both are errors now.
  check_error("title:", "title: at byte 0 needs a word, a phrase or a group", 0);
  check_error("title: foo", "title: at byte 0 needs a word, a phrase or a group", 0);
  check_error("a TITLE:", "title: at byte 2 needs a word", 2);
  check_error("(title:)", "title: at byte 1 needs a word", 1);
  check_error("-title:\u3000a", "title: at byte 1 needs a word", 1);

  // Any other character starts the value, so "title:¿qué" is a title search.
  const auto node = parse_query("title:¿qué");
  CHECK(node->kind == Kind::Text);
  CHECK(node->field == QueryField::Title);
  CHECK(node->text == "¿qué");
  const auto dash = parse_query("title:-x");
  CHECK(dash->field == QueryField::Title);
  CHECK(dash->text == "-x");
}

TEST_CASE("query_parser: lang filter") {
  CHECK(d("lang:de") == "lang:de");
  CHECK(d("LANG:zh-Hant") == "lang:zh-Hant");
  CHECK(d("fundacion lang:es") == "(SEQ fundacion lang:es)");
  CHECK(d("lang:xx") == "lang:xx");  // the builder validates the code
  CHECK(d("(a lang:pt)") == "(SEQ a lang:pt)");
  CHECK(d("-lang:de a") == "(SEQ -lang:de a)");
  CHECK(d("fund* AND lang:de") == "(AND fund* lang:de)");

  const auto node = parse_query("x Lang:de");
  REQUIRE(node->kind == Kind::Sequence);
  const QueryNode& language = *node->children[1];
  CHECK(language.kind == Kind::Language);
  CHECK(language.text == "de");
  CHECK(language.field == QueryField::Any);
  CHECK(language.offset == 2);
}

TEST_CASE("query_parser: parentheses") {
  CHECK(d("(a)") == "a");
  CHECK(d("((a))") == "a");
  CHECK(d("(a b)") == "(SEQ a b)");
  CHECK(d("a (b OR c)") == "(SEQ a (OR b c))");
  CHECK(d("(a OR b) AND c") == "(AND (OR a b) c)");
  CHECK(d("(a OR b) OR c") == "(OR (OR a b) c)");
  CHECK(d("f(x)") == "(SEQ f x)");
  CHECK(d("(a)(b)") == "(SEQ a b)");
  CHECK(d("( a )") == "a");
  CHECK(d("(a (b (c d)))") == "(SEQ a (SEQ b (SEQ c d)))");
  CHECK(d("(\"a b\")") == "\"a b\"");
  CHECK(d("(\u6bdb OR \u544a)") == "(OR \u6bdb \u544a)");

  const auto group = parse_query("x (a b)");
  REQUIRE(group->children.size() == 2);
  CHECK(group->children[1]->kind == Kind::Sequence);
  CHECK(group->children[1]->offset == 2);  // the '('

  const auto leaf = parse_query("(a)");
  CHECK(leaf->kind == Kind::Text);
  CHECK(leaf->offset == 1);  // a collapsed group is its only word
}

TEST_CASE("query_parser: operator precedence") {
  CHECK(d("a b OR c d") == "(OR (SEQ a b) (SEQ c d))");
  CHECK(d("a AND b c") == "(AND a (SEQ b c))");
  CHECK(d("a OR b OR c") == "(OR a b c)");
  CHECK(d("a AND b AND c") == "(AND a b c)");
  CHECK(d("a OR b AND c") == "(OR a (AND b c))");
  CHECK(d("a AND b OR c") == "(OR (AND a b) c)");
  CHECK(d("a NOT b") == "(ANDNOT a b)");
  CHECK(d("a NOT b NOT c") == "(ANDNOT a b c)");
  CHECK(d("a AND NOT b") == "(ANDNOT a b)");
  CHECK(d("a AND b AND NOT c") == "(AND a (ANDNOT b c))");
  CHECK(d("a AND NOT b AND c") == "(AND (ANDNOT a b) c)");
  CHECK(d("a AND b NOT c") == "(AND a (ANDNOT b c))");
  CHECK(d("a b NOT c d") == "(ANDNOT (SEQ a b) (SEQ c d))");
  CHECK(d("a OR b NOT c") == "(OR a (ANDNOT b c))");
  CHECK(d("a NOT (b OR c)") == "(ANDNOT a (OR b c))");
  CHECK(d("-a NOT b") == "(ANDNOT (SEQ -a) b)");
  CHECK(d("fundacion +linux -title:\"open source\" OR fund* AND lang:de") ==
        "(OR (SEQ fundacion +linux -title:\"open source\") (AND fund* lang:de))");
  CHECK(d("毫不犹豫 OR 告别") == "(OR 毫不犹豫 告别)");

  const auto node = parse_query("x a OR b");
  CHECK(node->kind == Kind::Or);
  CHECK(node->offset == 0);
  REQUIRE(node->children.size() == 2);
  CHECK(node->children[1]->offset == 7);

  const auto and_not = parse_query("a NOT b NOT c");
  REQUIRE(and_not->kind == Kind::AndNot);
  REQUIRE(and_not->children.size() == 3);
  CHECK(and_not->children[0]->text == "a");
  CHECK(and_not->children[2]->text == "c");
  CHECK(and_not->children[2]->offset == 12);
}

TEST_CASE("query_parser: a leading NOT means everything except") {
  // Documented in --help and the man page, but used to be "'NOT' at byte 0 has nothing on
  // its left".  It is the tree of "-b" alone.
  CHECK(d("NOT linux") == "(SEQ -linux)");
  CHECK(d("NOT lang:es") == "(SEQ -lang:es)");
  CHECK(d("NOT \"open source\"") == "(SEQ -\"open source\")");
  CHECK(d("NOT a b") == "(SEQ -(SEQ a b))");  // NOT takes a sequence, as on its right
  CHECK(d("NOT (a OR b)") == "(SEQ -(OR a b))");
  CHECK(d("NOT a NOT b") == "(ANDNOT (SEQ -a) b)");
  CHECK(d("NOT a OR b") == "(OR (SEQ -a) b)");
  CHECK(d("NOT a AND b") == "(AND (SEQ -a) b)");
  // In a sequence a negated group excludes: a and not b.
  CHECK(d("pytorch (NOT linux)") == "(SEQ pytorch -linux)");
  CHECK(d("(NOT linux) pytorch") == "(SEQ -linux pytorch)");
  CHECK(d("a (NOT b c)") == "(SEQ a -(SEQ b c))");
  CHECK(d("a (-b)") == "(SEQ a -b)");
  CHECK(d("title:(x NOT y)") == "(ANDNOT title:x title:y)");
  CHECK(d("a title:(NOT b)") == "(SEQ a -title:b)");
  // Alone, or as an operand of AND or OR, it is everything except b.
  CHECK(d("(NOT linux)") == "(SEQ -linux)");
  CHECK(d("((NOT linux))") == "(SEQ -linux)");
  CHECK(d("a OR (NOT b)") == "(OR a (SEQ -b))");
  CHECK(d("a AND (NOT b)") == "(AND a (SEQ -b))");
  CHECK(d("+(NOT b) a") == "(SEQ +(SEQ -b) a)");

  const auto node = parse_query("NOT linux");
  REQUIRE(node->kind == Kind::Sequence);
  REQUIRE(node->children.size() == 1);
  CHECK(node->occur == Occur::Should);
  CHECK(node->children[0]->occur == Occur::MustNot);
  CHECK(node->children[0]->text == "linux");
  CHECK(node->children[0]->offset == 4);
}

TEST_CASE("query_parser: empty queries") {
  check_error("", "empty query", 0);
  check_error("   ", "empty query", 0);
  check_error("\u3000\u00A0\t", "empty query", 0);
  check_error("\"\"", "empty query", 0);
  check_error("+", "empty query", 0);
  check_error("-", "empty query", 0);
  check_error("+ - \"  \"", "empty query", 0);
  check_error("\u201E\u201C", "empty query", 0);
}

TEST_CASE("query_parser: unterminated phrases") {
  check_error("\"abc", "unterminated phrase", 0);
  check_error("a \"b c", "unterminated phrase", 2);
  check_error("\u201Eabc", "unterminated phrase", 0);
  check_error("a \u201Cb", "unterminated phrase", 2);
  check_error("\"a\" \"b", "unterminated phrase", 4);
  check_error("title:\"a", "unterminated phrase", 6);
  check_error("(a \"b)", "unterminated phrase", 3);
  check_error("\"", "unterminated phrase", 0);
  check_error("foo\"", "unterminated phrase", 3);
}

TEST_CASE("query_parser: unbalanced and empty parentheses") {
  check_error("(a", "unbalanced parenthesis", 0);
  check_error("a)", "unbalanced parenthesis", 1);
  check_error("((a)", "unbalanced parenthesis", 0);
  check_error("(a))", "unbalanced parenthesis", 3);
  check_error(")", "unbalanced parenthesis", 0);
  check_error("(", "unbalanced parenthesis", 0);
  check_error("a (b (c)", "unbalanced parenthesis", 2);
  check_error("a ) (b", "unbalanced parenthesis", 2);
  check_error("title:(a", "unbalanced parenthesis", 6);

  check_error("()", "empty parentheses", 0);
  check_error("a ( )", "empty parentheses", 2);
  check_error("(\"\")", "empty parentheses", 0);
  check_error("(+)", "empty parentheses", 0);
  check_error("a (b ())", "empty parentheses", 5);
}

TEST_CASE("query_parser: operators without an operand") {
  check_error("AND foo", "'AND' at byte 0 has nothing on its left", 0);
  check_error("foo OR", "'OR' at byte 4 has nothing on its right", 4);
  check_error("foo AND AND bar", "'AND' at byte 8 has nothing on its left", 8);
  check_error("NOT", "'NOT' at byte 0 has nothing on its right", 0);
  check_error("(NOT)", "'NOT' at byte 1 has nothing on its right", 1);
  check_error("NOT NOT a", "'NOT' at byte 4 has nothing on its left", 4);
  check_error("foo NOT", "'NOT' at byte 4 has nothing on its right", 4);
  check_error("OR", "'OR' at byte 0 has nothing on its left", 0);
  check_error("(OR a)", "'OR' at byte 1 has nothing on its left", 1);
  check_error("(a AND)", "'AND' at byte 3 has nothing on its right", 3);
  check_error("a OR NOT b", "'NOT' at byte 5 cannot follow 'OR' (to mean 'or not', write OR (NOT",
              5);
  check_error("a AND NOT", "'NOT' at byte 6 has nothing on its right", 6);
  check_error("AND NOT b", "'AND' at byte 0 has nothing on its left", 0);
  check_error("a OR \"\"", "'OR' at byte 2 has nothing on its right", 2);
  check_error("a OR -", "'OR' at byte 2 has nothing on its right", 2);
  check_error("a NOT NOT b", "'NOT' at byte 6 has nothing on its left", 6);
  check_error("a NOT b OR", "'OR' at byte 8 has nothing on its right", 8);
  check_error("(a OR) b", "'OR' at byte 3 has nothing on its right", 3);
}

TEST_CASE("query_parser: wildcard without a prefix") {
  check_error("*", "wildcard '*' at byte 0 needs a prefix", 0);
  check_error("title:*", "needs a prefix", 6);
  check_error("+*", "needs a prefix", 1);
  check_error("a **", "needs a prefix", 2);
  check_error("title:(*)", "needs a prefix", 7);
  check_error("\"a\"*", "needs a prefix", 3);
}

TEST_CASE("query_parser: leading wildcards and wildcards in phrases are errors") {
  // Both used to be searched as plain text and silently find nothing.
  check_error("*a", "wildcard '*a' at byte 0 needs a prefix (only word* is supported)", 0);
  check_error("*学", "wildcard '*学' at byte 0 needs a prefix", 0);
  check_error("x -*b*", "wildcard '*b*' at byte 3 needs a prefix", 3);
  check_error("title:*ab", "wildcard '*ab' at byte 6 needs a prefix", 6);
  check_error("\"fund* linux\"", "wildcard 'fund*' at byte 1 in a phrase", 1);
  check_error("x \"a *b\"", "wildcard '*b' at byte 5 in a phrase", 5);
  check_error("\"a * b\"", "wildcard '*' at byte 3 in a phrase", 3);
  check_error("\u201Ea b*\u201C", "wildcard 'b*' at byte 5 in a phrase", 5);
  check_error("title:\"x*\"", "wildcard 'x*' at byte 7 in a phrase", 7);
  // Inside a word '*' is text, in a phrase as outside.
  CHECK(d("\"a*b c\"") == "\"a*b c\"");
}

TEST_CASE("query_parser: unknown fields") {
  check_error("foo:bar", "unknown field 'foo' at byte 0 (known fields: title, lang)", 0);
  check_error("a Foo:\"x\"", "unknown field 'Foo'", 2);
  check_error("x:(a)", "unknown field 'x'", 0);
  check_error("-foo:bar", "unknown field 'foo'", 1);
  check_error("http:x", "unknown field 'http'", 0);
  check_error("author:*", "unknown field 'author'", 0);
  check_error("(a site:毫)", "unknown field 'site'", 3);
}

TEST_CASE("query_parser: lang without a code") {
  check_error("lang:", "lang: at byte 0 needs a language code", 0);
  check_error("lang: de", "needs a language code", 0);
  check_error("a lang:", "needs a language code", 2);
  check_error("lang:(de)", "needs a language code", 0);
  check_error("lang:\"de\"", "needs a language code", 0);
  check_error("(lang:)", "needs a language code", 1);
}

TEST_CASE("query_parser: query length limit") {
  std::string at_limit = repeat("ab ", 64 * 1024 / 3);
  at_limit.resize(64 * 1024, 'x');
  CHECK_NOTHROW((void)parse_query(at_limit));
  check_error(at_limit + "y", "query too long", 64 * 1024);

  // The reported offset stays on a character boundary.
  std::string wide = repeat("告", 64 * 1024 / 3 + 1);  // 65,538 bytes
  const SyntaxErrorInfo info = syntax_error_of(wide);
  REQUIRE(info.thrown);
  CHECK(info.offset <= 64 * 1024);
  CHECK(info.offset % 3 == 0);
}

TEST_CASE("query_parser: nesting limit") {
  const std::string deep100 = repeat("(", 100) + "a" + repeat(")", 100);
  CHECK(d(deep100) == "a");
  const std::string group100 = repeat("(", 100) + "a b" + repeat(")", 100);
  CHECK(d(group100) == "(SEQ a b)");

  check_error(repeat("(", 101) + "a" + repeat(")", 101), "nested deeper than 100", 100);
  check_error(repeat("(", 200) + "a" + repeat(")", 200), "nested deeper than 100", 100);
  // Unbalanced beyond the limit: the depth is reported first, without recursing further.
  check_error(repeat("(", 20000), "nested deeper than 100", 100);
  check_error(repeat(" (x", 300), "nested deeper than 100", 301);
}

TEST_CASE("query_parser: long queries parse in linear time") {
  std::string words;
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) words += ' ';
    words += "w" + std::to_string(i);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto sequence = parse_query(words);
  REQUIRE(sequence->kind == Kind::Sequence);
  CHECK(sequence->children.size() == 10000);
  CHECK(sequence->children[9999]->text == "w9999");
  CHECK(describe(*sequence).size() == words.size() + 6);  // "(SEQ " + ")"

  std::string alternatives = "a";
  for (int i = 1; i < 10000; ++i) alternatives += " OR a";
  const auto either = parse_query(alternatives);
  REQUIRE(either->kind == Kind::Or);
  CHECK(either->children.size() == 10000);

  std::string chinese;
  for (int i = 0; i < 7000; ++i) chinese += "告别\u3000";  // 63,000 bytes
  const auto han = parse_query(chinese);
  REQUIRE(han->kind == Kind::Sequence);
  CHECK(han->children.size() == 7000);

  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5));  // milliseconds in practice, even with sanitizers
}

TEST_CASE("query_parser: a long NOT chain does not exhaust the stack") {
  // a NOT a NOT … is one flat AndNot with ~10,000 children.
  std::string chain = "a";
  while (chain.size() + 6 <= 64 * 1024) chain += " NOT a";
  const auto node = parse_query(chain);
  CHECK(node->kind == Kind::AndNot);
  const std::string text = describe(*node);
  CHECK(node->children.size() > 10000);
  CHECK(text.rfind("(ANDNOT a a a", 0) == 0);
}

TEST_CASE("query_parser: random input parses or throws QuerySyntaxError") {
  const std::vector<std::string_view> alphabet = {
      "a",    "b",      "(",      ")",      "\"",     "*",      "+",  "-",
      ":",    "AND",    "OR",     "NOT",    " ",      " ",      " ",  "title",
      "lang", "\u544A", "\u3000", "\u201E", "\u201C", "\u201D", "de", "\u00A0"};
  // Pieces run together rarely put spaces around two keywords in a row, so every other
  // query is instead a few short operands joined by spaced operators: NOT chains
  // ("a NOT b NOT c", one AndNot with 3+ children) and "a AND NOT b" come up too.
  const std::vector<std::string_view> joints = {" NOT ", " NOT ",     " AND ",
                                                " OR ",  " AND NOT ", " "};
  std::mt19937 random(20240611);  // mt19937's output is fixed by the standard
  const auto random_pieces = [&](std::size_t max_pieces) {
    std::string text;
    const std::size_t pieces = random() % max_pieces;
    for (std::size_t i = 0; i < pieces; ++i) text += alphabet[random() % alphabet.size()];
    return text;
  };
  std::size_t parsed = 0;
  std::size_t rejected = 0;
  std::size_t not_chains = 0;    // parsed queries with an AndNot of 3+ children
  std::size_t leading_nots = 0;  // parsed queries starting with NOT
  for (int round = 0; round < 20000; ++round) {
    std::string query;
    if (round % 2 == 0) {
      query = random_pieces(16);
    } else {
      const std::size_t operands = 2 + random() % 4;
      for (std::size_t k = 0; k < operands; ++k) {
        if (k > 0) query += joints[random() % joints.size()];
        query += random_pieces(4);
      }
    }
    INFO("query: [", query, "]");
    try {
      const auto node = parse_query(query);
      REQUIRE(node);
      check_tree(query, *node, false);
      CHECK(!describe(*node).empty());
      if (count_nodes(*node, Kind::AndNot, 3) > 0) ++not_chains;
      if (query.find_first_not_of(' ') == query.find("NOT ")) ++leading_nots;
      ++parsed;
    } catch (const QuerySyntaxError& error) {
      CHECK(error.byte_offset() <= query.size());
      const std::string message = error.what();
      REQUIRE(!message.empty());
      CHECK(message.back() != '.');
      if (message != "empty query") {
        CHECK(message.find("at byte " + std::to_string(error.byte_offset())) != std::string::npos);
      }
      ++rejected;
    } catch (const std::exception& error) {
      FAIL("unexpected exception: " << error.what());
    }
  }
  // Both outcomes must be well represented, or the alphabet is not doing its job.
  CHECK(parsed > 2000);
  CHECK(rejected > 2000);
  MESSAGE("parsed ", parsed, ", rejected ", rejected, ", NOT chains ", not_chains,
          ", leading NOTs ", leading_nots);
  CHECK(not_chains > 0);
  CHECK(leading_nots > 0);
}

TEST_CASE("query_parser: ill-formed UTF-8 never reads past the end") {
  // The caller validates UTF-8, but the scanner must stay inside the buffer regardless.
  // Each query is copied into a buffer of exactly its size so that ASan sees overreads.
  const std::vector<std::string> queries = {
      "a \xE5\x91", "\xE5",       "\xF0\x9F", "\"\xE2\x80", "title:\xE4",    "\xE3\x80",
      "+\xC2",      "\xFF\xFE a", "a\x80 b",  "lang:\xF4",  "(\xE2\x80\x9C", "\xE2\x80\x9E\xE2"};
  for (const std::string& query : queries) {
    const std::vector<char> buffer(query.begin(), query.end());
    const std::string_view view(buffer.data(), buffer.size());
    try {
      const auto node = parse_query(view);
      CHECK(!describe(*node).empty());
    } catch (const QuerySyntaxError& error) {
      CHECK(error.byte_offset() <= view.size());
    }
  }
}

TEST_CASE("query_parser: describe renders hand-built trees") {
  auto root = std::make_unique<QueryNode>();
  root->kind = Kind::Sequence;
  auto add = [&](Kind kind, std::string text, Occur occur, QueryField field) {
    auto child = std::make_unique<QueryNode>();
    child->kind = kind;
    child->text = std::move(text);
    child->occur = occur;
    child->field = field;
    root->children.push_back(std::move(child));
  };
  add(Kind::Text, "fundacion", Occur::Should, QueryField::Any);
  add(Kind::Text, "linux", Occur::Must, QueryField::Any);
  add(Kind::Phrase, "open source", Occur::MustNot, QueryField::Title);
  add(Kind::Wildcard, "fund", Occur::Should, QueryField::Title);
  add(Kind::Language, "de", Occur::Should, QueryField::Any);
  CHECK(describe(*root) == "(SEQ fundacion +linux -title:\"open source\" title:fund* lang:de)");

  QueryNode empty_and;
  empty_and.kind = Kind::And;
  CHECK(describe(empty_and) == "(AND)");
}
