#include "lang/snowball_stemmer.hpp"

#include <libstemmer.h>

#include <new>

#include "polysearch/error.hpp"

namespace polysearch::detail {

SnowballStemmer::SnowballStemmer(const char* algorithm)
    : stemmer_(sb_stemmer_new(algorithm, "UTF_8")), algorithm_(algorithm) {
  if (stemmer_ == nullptr) {
    // sb_stemmer_new returns null for unknown names and for out-of-memory alike.
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
      if (algorithm_ == *name) throw std::bad_alloc();
    }
    throw InvalidArgument("unknown Snowball algorithm '" + algorithm_ + "'");
  }
}

SnowballStemmer::~SnowballStemmer() { sb_stemmer_delete(stemmer_); }

std::string SnowballStemmer::operator()(const std::string& word) {
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) throw std::bad_alloc();
  return std::string(reinterpret_cast<const char*>(stem),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

std::string SnowballStemmer::get_description() const {
  return "polysearch::SnowballStemmer(" + algorithm_ + ")";
}

}  // namespace polysearch::detail
