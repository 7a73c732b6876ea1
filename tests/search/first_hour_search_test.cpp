// What a new user searched for in the first hour and did not find (issue 15): words with
// apostrophes, words joined by dots, underscores and @, letters against digits, and one
// Chinese character.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::AnalyzerOptions;
using polysearch::Language;
using Strings = std::vector<std::string>;

namespace {

struct Text {
  const char* id;
  Language language;
  const char* title;
  const char* text;
};

const Text kTexts[] = {
    {"copo", Language::Portuguese, "", "Ele bebeu um copo d’água fria."},
    {"agua", Language::Portuguese, "", "A água do rio estava limpa."},
    {"kuchen", Language::German, "", "Gibt’s heute Kuchen bei O’Reilly?"},
    {"mail", Language::German, "", "Schreib an info@beispiel.de wegen COVID-19."},
    {"french", Language::Neutral, "", "d'Artagnan boit de l'eau; snake_case_name covid19."},
    {"victoria", Language::Spanish, "Victoria_(Australia)", "Un estado del sudeste."},
    {"omega1", Language::Neutral, "", "omega1"},
    {"omega12", Language::Neutral, "", "omega12"},
    {"scattered", Language::Neutral, "", "omega7 and 12 apart"},
    {"beijing", Language::Chinese, "", "他在北京大学学习。"},
    {"wang", Language::Chinese, "", "王先生来了。"},
    {"library", Language::Chinese, "", "學生們在圖書館讀書"},
    {"alone", Language::Chinese, "", "学"},
};

class Index {
 public:
  explicit Index(std::optional<AnalyzerOptions> analysis = std::nullopt) {
    polysearch::IndexOptions options;
    options.analysis = std::move(analysis);
    polysearch::IndexWriter writer(dir_.path(), polysearch::OpenMode::Overwrite, options);
    for (const Text& text : kTexts) {
      polysearch::Document document;
      document.id = text.id;
      document.language = text.language;
      document.title = text.title;
      document.text = text.text;
      writer.add(document);
    }
    writer.close();
  }

  [[nodiscard]] Strings ids(const std::string& query) const {
    polysearch::Searcher searcher(dir_.path());
    polysearch::SearchRequest request;
    request.query = query;
    Strings out;
    for (const auto& hit : searcher.search(request).hits) out.push_back(hit.id);
    return out;
  }

  [[nodiscard]] const std::filesystem::path& path() const { return dir_.path(); }

 private:
  polysearch::test::TempDir dir_;
};

const Index& index() {
  static const Index shared;
  return shared;
}

}  // namespace

TEST_CASE("first hour: a word finds the same word elided or with a clitic") {
  CHECK(index().ids("água") == Strings{"agua", "copo"});  // the word alone ranks first
  CHECK(index().ids("d'água") == Strings{"copo", "agua"});
  CHECK(index().ids("\"copo água\"") == Strings{"copo"});  // the part stands at its word
  CHECK(index().ids("gibt") == Strings{"kuchen"});
  CHECK(index().ids("gibt's") == Strings{"kuchen"});
  CHECK(index().ids("O'Reilly") == Strings{"kuchen"});
  CHECK(index().ids("reilly") == Strings{"kuchen"});
  CHECK(index().ids("Artagnan") == Strings{"french"});
  CHECK(index().ids("eau") == Strings{"french"});
}

TEST_CASE("first hour: the parts of joined words are found, in the title too") {
  CHECK(index().ids("title:victoria") == Strings{"victoria"});
  CHECK(index().ids("beispiel") == Strings{"mail"});
  CHECK(index().ids("snake") == Strings{"french"});
  CHECK(index().ids("snake_case_name") == Strings{"french"});
}

TEST_CASE("first hour: covid19 and COVID-19 find each other, a part alone is not enough") {
  CHECK(index().ids("covid19") == Strings{"french", "mail"});
  CHECK(index().ids("COVID-19") == Strings{"mail", "french"});
  // omega12's parts are omega and 12: omega1 has omega but not 12.
  CHECK(index().ids("omega12") == Strings{"omega12"});
  CHECK(index().ids("omega1") == Strings{"omega1"});
  // The parts must stand side by side: "scattered" has omega and 12, not together.
  CHECK(index().ids("omega12") == Strings{"omega12"});
  CHECK(index().ids("omega7") == Strings{"scattered"});
}

TEST_CASE("first hour: one Chinese character finds the words that contain it, both scripts") {
  // 学 alone as a word ranks first, then the texts where it is inside words.
  const Strings xue = index().ids("学");
  REQUIRE(xue.size() == 3);
  CHECK(xue.front() == "alone");
  CHECK(Strings(xue.begin() + 1, xue.end()) == Strings{"beijing", "library"});
  CHECK(index().ids("學").size() == 3);
  CHECK(index().ids("京") == Strings{"beijing"});
  CHECK(index().ids("王") == Strings{"wang"});
  CHECK(index().ids("書") == Strings{"library"});
  CHECK(index().ids("书") == Strings{"library"});
  // Longer queries keep matching words and bigrams only: 大学生 shares the bigram 大学
  // with one text and 学生 with another, and the character 学 with a third, which it misses.
  CHECK(index().ids("北京") == Strings{"beijing"});
  const Strings students = index().ids("大学生");
  CHECK(std::find(students.begin(), students.end(), "alone") == students.end());
}

TEST_CASE("first hour: an index from before word parts and unigrams keeps its behaviour") {
  AnalyzerOptions before;
  before.word_parts = false;
  before.chinese.unigrams = false;
  before.compounds = false;
  const Index old(before);
  {
    // As written by polysearch before these settings existed: they are missing.
    Xapian::WritableDatabase db(old.path().string());
    db.set_metadata("polysearch.analysis",
                    "stemming=on fold_diacritics=on fold_chinese_script=on "
                    "fold_chinese_variants=on chinese=hybrid");
    db.commit();
  }
  CHECK(polysearch::Searcher(old.path()).info().analysis == before);
  CHECK(old.ids("d’água") == Strings{"copo"});  // the whole word, as it was indexed
  CHECK(old.ids("água") == Strings{"agua"});
  CHECK(old.ids("学") == Strings{"alone"});
}
