#pragma once
// Query syntax → syntax tree.  Only syntax: no analysis, no Xapian.  query_builder.cpp
// turns the tree into a Xapian::Query with the analyzers.
//
// Grammar (operators bind tighter going down; keywords are upper case only):
//   query    := or_expr
//   or_expr  := and_expr ("OR" and_expr)*
//   and_expr := not_expr ("AND" not_expr)*
//   not_expr := sequence ("NOT" sequence)*
//   sequence := clause+                      implicit operator, Lucene/Xapian style
//   clause   := ["+" | "-"] unit             + required, - excluded
//   unit     := [field ":"] (word | wildcard | phrase | "(" or_expr ")")
//             | "lang:" code
// So `a b OR c d` is (a b) OR (c d), and `a AND b c` is a AND (b c).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace polysearch::detail {

enum class QueryField { Any, Title };

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
    AndNot,    // children[0] and not children[1]
    Sequence,  // children combined by the default operator, each with its `occur`
  };

  Kind kind = Kind::Text;
  QueryField field = QueryField::Any;  // for Text, Phrase, Wildcard
  Occur occur = Occur::Should;         // meaningful for children of a Sequence
  std::string text;                    // for Text, Phrase, Wildcard, Language
  std::size_t offset = 0;              // byte offset in the query where this node starts
  std::vector<std::unique_ptr<QueryNode>> children;
};

using QueryNodePtr = std::unique_ptr<QueryNode>;

// Parses a query.  Throws QuerySyntaxError (message + byte offset) for: an empty query,
// an unterminated phrase, unbalanced parentheses, an operator without an operand on
// either side, '*' without a prefix, an unknown field ("foo:bar"; colons that do not
// start a field, as in "12:30" or "http://x", are plain text), and lang: without a code.
QueryNodePtr parse_query(std::string_view query);

// A compact, stable rendering for tests and --explain output, e.g.
//   (OR (SEQ fundacion +linux -title:"open source") (AND fund* lang:de))
std::string describe(const QueryNode& node);

}  // namespace polysearch::detail
