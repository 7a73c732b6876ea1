#pragma once
// A Snowball stemmer from libstemmer as a Xapian::StemImplementation, so that our
// analyzer and any Xapian component (TermGenerator, QueryParser) can share one stemmer.

#include <xapian.h>

#include <string>

struct sb_stemmer;

namespace polysearch::detail {

class SnowballStemmer final : public Xapian::StemImplementation {
 public:
  // `algorithm` is a libstemmer name such as "german".  Throws InvalidArgument if
  // libstemmer does not know it.
  explicit SnowballStemmer(const char* algorithm);
  ~SnowballStemmer() override;
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  // Stems one lower-case UTF-8 word (libstemmer does not case-fold).  Not reentrant:
  // libstemmer reuses one output buffer per stemmer.
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  sb_stemmer* stemmer_;
  std::string algorithm_;
};

}  // namespace polysearch::detail
