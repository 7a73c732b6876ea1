#pragma once
// Query syntax → syntax tree.  Only syntax: no analysis, no Xapian.  query_builder.cpp
// turns the tree into a Xapian::Query with the analyzers.
//
// Grammar (operators bind tighter going down; keywords are upper case only):
//   query    := or_expr
//   or_expr  := and_expr ("OR" and_expr)*
//   and_expr := not_expr ("AND" not_expr)*
//   not_expr := ["NOT"] sequence ("NOT" sequence)*   leading NOT: only at the start of
//                                                   the query or of a group
//   sequence := clause+                      implicit operator, Lucene/Xapian style
//   clause   := ["+" | "-"] unit             + required, - excluded
//   unit     := [field ":"] (word | wildcard | phrase | "(" or_expr ")")
//             | "lang:" code
//             | name ":" (value | phrase)      a keyword field of the schema: exact value
//             | name ":" [low] ".." [high]     a number or date field: inclusive range
//             | name ":" value                 a number or date field: that value (a date
//                                              without time: that whole day)
// So `a b OR c d` is (a b) OR (c d), and `a AND b c` is a AND (b c).
//
// A leading NOT means "everything except": `NOT b` is the tree of `-b` alone, (SEQ -b),
// and `NOT b c` excludes the sequence (b c).  A group that is such a negation, `(NOT b)` or
// `(-b)`, is `-b` among the clauses of a sequence: `a (NOT b)` is (SEQ a -b), a and not b;
// elsewhere it stays everything except b, so `a OR (NOT b)` matches documents with a or
// without b, and `a AND (NOT b)` is a NOT b.  `a OR NOT b` is an error that asks for the
// parentheses.
//
// Lexical rules:
// - Any Unicode White_Space (incl. NBSP and U+3000) separates clauses.  A word runs up to
//   whitespace, a parenthesis or an opening quote; anything else ('-', '+', '*', ':',
//   apostrophes, closing quotes) is part of it: "H-1B", "C++", "KI-Infrastruktur".
// - AND, OR, NOT are keywords only in upper case and as a whole token ("and" is a word).
//   After a sign or a field they are words ("+OR", "title:AND").
// - A sign counts at the start of a token (query start, after whitespace, a parenthesis or
//   a closing quote).  A lone sign ("a - b", "a +") is ignored.
// - Phrases: "…", “…”, „…“ (opening " “ „; closing " ” “).  A quote inside a word ends the
//   word.  A phrase with nothing but whitespace inside is ignored.
// - word* is a wildcard with prefix `word`; '*' inside a word is text; a word starting
//   with '*' ("*学") is an error, as is a word starting or ending with '*' inside a phrase
//   ("fund* linux" in quotes): those would silently match nothing.
// - "title:" and "lang:" (names are case-insensitive) are fields wherever they start a
//   unit; with nothing after them (the end, a space or ')') they are errors.  Another
//   [A-Za-z]+ ":" followed at once by a letter, digit, quote, '(' or '*' is an unknown
//   field (an error).  Other colons are text: "12:30", "http://x", "a: b".  "lang:" takes
//   the rest of the word as its code.  title:(…) gives Title to every Text, Phrase and
//   Wildcard inside the group.
// - The fields of the index's schema (polysearch::Schema; names [a-z0-9_]+, matched
//   case-insensitively) are fields too: a text field as title: (Named, without groups), a
//   keyword field takes the rest of the word or a phrase as its value, a number or date
//   field a value or a range of values that parse (parse_number, parse_date); a stored
//   field, a group after a field of the schema, a range on a keyword field, an empty
//   range are errors naming the field.
// - Limits: 64 KiB of query text, 100 levels of parentheses.
//
// Tree shape: a Sequence, And or Or with one plain operand is replaced by that operand, so
// "foo" is a Text node; a Sequence whose only child is +x or -x stays.  And and Or are
// flat (a OR b OR c has three children), and so is NOT: a NOT b NOT c is AndNot(a, b, c),
// "a and not (b or c)".  "a AND NOT b" is read as "a NOT b".  Nested groups are not
// merged: (a OR b) OR c keeps its inner Or.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/schema.hpp"

namespace polysearch::detail {

// Named: a text field of the schema (QueryNode::field_name).
enum class QueryField { Any, Title, Named };

// How a clause of a Sequence takes part: plain, +required, -excluded.
enum class Occur { Should, Must, MustNot };

struct QueryNode {
  enum class Kind {
    Text,      // a run of non-space characters, as typed: "fundacion", "KI-Infrastruktur",
               // "毫不犹豫".  The analyzer may cut it into several words.
    Phrase,    // "quoted words"; text is what is between the quotes
    Wildcard,  // fund* ; text is the prefix without the '*'
    Language,  // lang:de ; text is the code as typed (validated by the builder)
    And,       // every child must match (2+ children)
    Or,        // any child matches (2+ children)
    AndNot,    // children[0] and not any of children[1..] (2+ children)
    Sequence,  // children combined by the default operator, each with its `occur`
    Keyword,   // field_name:value, a keyword field of the schema; text is the value
    Range,     // field_name:text..upper, a number or date field; either end may be empty
               // (open); a single value has text == upper
  };

  Kind kind = Kind::Text;
  QueryField field = QueryField::Any;  // for Text, Phrase, Wildcard
  Occur occur = Occur::Should;         // meaningful for children of a Sequence
  std::string text;                    // for Text, Phrase, Wildcard, Language, Keyword, Range
  std::string field_name;              // for Keyword, Range and Named fields
  std::string upper;                   // for Range: its upper end as typed
  // Byte offset in the query where the node starts: the word, quote or field name, never a
  // +/- sign; a parenthesized composite starts at its '(' (or field name); other
  // composites at their first child.
  std::size_t offset = 0;
  std::vector<std::unique_ptr<QueryNode>> children;
};

using QueryNodePtr = std::unique_ptr<QueryNode>;

// Parses a query.  Throws QuerySyntaxError (message + byte offset) for: an empty query,
// an unterminated phrase, unbalanced parentheses, an operator without an operand on
// either side ("OR a", "a NOT"; a leading NOT has its operand on the right), NOT right
// after OR, '*' without a prefix ("*", "*学") or in a phrase, an unknown field ("foo:bar";
// colons that do not start a field, as in "12:30" or "http://x", are plain text), and
// title: or lang: with nothing after it; also for a query over 64 KiB or parentheses
// nested deeper than 100.  Messages name the offset too: "unbalanced parenthesis at byte
// 7", "'OR' at byte 4 has nothing on its right".  The query must be valid UTF-8 (the caller
// checks); ill-formed bytes are never read past the end, but give unspecified trees.
// `schema` names the fields of the index besides title: and lang:.
QueryNodePtr parse_query(std::string_view query, const Schema& schema = {});

// A compact, stable rendering for tests and --explain output, e.g.
//   (OR (SEQ fundacion +linux -title:"open source") (AND fund* lang:de))
// Leaves print as typed (phrases between ASCII quotes, wildcards with their '*'), with
// "title:" when field is Title; a node whose occur is Must or MustNot gets '+' or '-'.
// Composites print as (SEQ …), (AND …), (OR …), (ANDNOT a b).  Not recursive.  Children
// are never null (parse_query makes none, and QueryBuilder dereferences them too).
std::string describe(const QueryNode& node);

}  // namespace polysearch::detail
