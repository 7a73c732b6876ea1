// Our libstemmer wrapper reproduces Snowball's reference vocabularies (voc.txt →
// output.txt, snowballstem/snowball-data) word for word, as Xapian's tests/stemtest.cc
// does for its own stemmers.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lang/snowball_stemmer.hpp"
#include "support/test_support.hpp"

namespace {

using polysearch::detail::SnowballStemmer;

void check_reference_vocabulary(const char* algorithm) {
  const std::filesystem::path dir = polysearch::test::shared_dir() / "data/snowball" / algorithm;
  if (!std::filesystem::exists(dir / "voc.txt") || !std::filesystem::exists(dir / "output.txt")) {
    MESSAGE("skipped: " << dir.string() << " absent");
    return;
  }
  std::ifstream words(dir / "voc.txt");
  std::ifstream stems(dir / "output.txt");
  REQUIRE(words);
  REQUIRE(stems);
  // Through Xapian::Stem, as the analyzer uses it; Xapian takes ownership.
  const Xapian::Stem stemmer(new SnowballStemmer(algorithm));
  std::size_t count = 0;
  std::size_t mismatches = 0;
  std::string word;
  std::string expected;
  while (std::getline(words, word)) {
    REQUIRE_MESSAGE(std::getline(stems, expected), "output.txt is shorter than voc.txt");
    ++count;
    const std::string stem = stemmer(word);
    if (stem != expected) {
      ++mismatches;
      if (mismatches <= 10) {
        CHECK_MESSAGE(stem == expected, "line " << count << ": '" << word << "'");
      }
    }
  }
  CHECK_MESSAGE(!std::getline(stems, expected), "output.txt is longer than voc.txt");
  CHECK(count > 20000);
  CHECK(mismatches == 0);
  MESSAGE(std::string(algorithm) << ": " << count << " words, " << mismatches << " mismatches");
}

}  // namespace

TEST_CASE("lang: Snowball German stemmer reproduces the reference vocabulary") {
  check_reference_vocabulary("german");
}

TEST_CASE("lang: Snowball Spanish stemmer reproduces the reference vocabulary") {
  check_reference_vocabulary("spanish");
}

TEST_CASE("lang: Snowball Portuguese stemmer reproduces the reference vocabulary") {
  check_reference_vocabulary("portuguese");
}

TEST_CASE("lang: Snowball stemmer maps empty input to empty output") {
  for (const char* algorithm : {"german", "spanish", "portuguese"}) {
    CAPTURE(algorithm);
    // Xapian::Stem never passes "" on, so call the implementation itself too.
    SnowballStemmer direct(algorithm);
    CHECK(direct(std::string()).empty());
    const Xapian::Stem stemmer(new SnowballStemmer(algorithm));
    CHECK(stemmer(std::string()).empty());
    // The buffer libstemmer reuses does not leak the previous word into an empty one.
    CHECK_FALSE(direct("entwicklungen").empty());
    CHECK(direct(std::string()).empty());
  }
}
