#pragma once
// Stop lists, embedded at build time from lib/lang/stopwords/*.txt (Snowball's lists,
// as shipped by Snowball and PostgreSQL; BSD licence, see stopwords/README.md).

#include <string>
#include <string_view>
#include <vector>

namespace polysearch::detail {

// The text of lib/lang/stopwords/<name>.txt; empty for an empty name.  Throws
// InvalidArgument for a name with no such file.
std::string_view stopword_file(std::string_view name);

// Words of a Snowball stop file: one or more per line, "|" starts a comment.
std::vector<std::string> parse_stopword_file(std::string_view text);

}  // namespace polysearch::detail
