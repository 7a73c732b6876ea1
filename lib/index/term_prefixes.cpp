#include "index/term_prefixes.hpp"

#include "lang/profile.hpp"
#include "util/hash.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {

bool has_own_stem_term(std::string_view term, std::string_view stem) {
  if (term != stem || term.empty()) return true;
  // A word in a script its language owns is analyzed by that language whatever the
  // document's (Han: Chinese, which has no stemmer), and is all in that script, so the
  // first character decides.
  std::size_t i = 0;
  return !is_unstemmed_script_character(static_cast<UChar32>(decode_utf8(term, i)));
}

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (id.size() <= kMaxPlainIdBytes) return term.append(id);
  // The hash of the whole id after a readable prefix; stable across versions.
  const std::uint64_t hash = fnv1a64(id);
  std::size_t keep = kMaxPlainIdBytes;
  while (keep > 0 && (static_cast<unsigned char>(id[keep]) & 0xC0) == 0x80) --keep;
  static const char* const kHex = "0123456789abcdef";
  term.append(id.substr(0, keep)).push_back('#');
  for (int shift = 60; shift >= 0; shift -= 4) term.push_back(kHex[(hash >> shift) & 0xF]);
  return term;
}

}  // namespace polysearch::detail
