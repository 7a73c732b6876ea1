// Reading query sets (TSV and TREC topic files) and writing TREC run lines.
#include "polysearch/eval/topics.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "polysearch/error.hpp"
#include "support/test_support.hpp"

using polysearch::InputError;
using polysearch::eval::Topic;
using polysearch::eval::TopicField;

namespace {

std::vector<Topic> parse(const std::string& text, TopicField field = TopicField::Title) {
  std::istringstream in(text);
  return polysearch::eval::read_topics(in, "topics.txt", field);
}

// The message of the InputError that reading `text` throws, or "" if it throws none.
std::string error_of(const std::string& text, TopicField field = TopicField::Title) {
  try {
    (void)parse(text, field);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

std::size_t offset_of_error(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const InputError& error) {
    return error.byte_offset();
  }
  return std::string::npos;
}

std::string ids_and_texts(const std::vector<Topic>& topics) {
  std::string out;
  for (const auto& topic : topics) out += topic.id + "=" + topic.text + "|";
  return out;
}

constexpr const char* kTrecTopics = R"(<top>
<num> Number: 301
<title> International Organized Crime

<desc> Description:
Identify organizations that participate in international
criminal activity.

<narr> Narrative:
A relevant document must as a minimum identify the organization.
</top>

<top>

<num> Number: 302 <title> Topic: Poliomyelitis and
Post-Polio
<desc> Description: Is the disease poliomyelitis (polio) under control?
<narr> Narrative: Relevant documents discuss it.
</top>
)";

}  // namespace

TEST_CASE("topics: TSV one topic per line") {
  const auto topics = parse("q1\tfundacion linux\nq2\tGründung der Stiftung\n");
  REQUIRE(topics.size() == 2);
  CHECK(topics[0].id == "q1");
  CHECK(topics[0].text == "fundacion linux");
  CHECK(topics[1].id == "q2");
  CHECK(topics[1].text == "Gründung der Stiftung");
}

TEST_CASE("topics: TSV skips blank lines and keeps query syntax verbatim") {
  const auto topics = parse("\n  \n1\t\"a phrase\" (b OR c)  \n\n2\t毫不犹豫\ttab kept\n");
  CHECK(ids_and_texts(topics) == "1=\"a phrase\" (b OR c)|2=毫不犹豫\ttab kept|");
}

TEST_CASE("topics: TSV has no header line and the last line needs no newline") {
  const auto topics = parse("qid\tquery\n7\tlast");
  CHECK(ids_and_texts(topics) == "qid=query|7=last|");
}

TEST_CASE("topics: CRLF line ends") {
  CHECK(ids_and_texts(parse("a\tone\r\nb\ttwo\r\n")) == "a=one|b=two|");
  const std::string trec = "<top>\r\n<num> Number: 5\r\n<title> Linux\r\nFoundation\r\n</top>\r\n";
  CHECK(ids_and_texts(parse(trec)) == "5=Linux Foundation|");
}

TEST_CASE("topics: a UTF-8 byte order mark is skipped") {
  CHECK(ids_and_texts(parse("\xEF\xBB\xBFq1\tone\n")) == "q1=one|");
  CHECK(ids_and_texts(parse("\xEF\xBB\xBF<top><num>9<title>nine</top>")) == "9=nine|");
  // Offsets in errors still count the mark's three bytes.
  CHECK(offset_of_error("\xEF\xBB\xBF"
                        "q1\tone\nq2 two\n") == 10);
}

TEST_CASE("topics: TREC format with unclosed tags and labels") {
  const auto topics = parse(kTrecTopics);
  REQUIRE(topics.size() == 2);
  CHECK(topics[0].id == "301");
  CHECK(topics[0].text == "International Organized Crime");
  CHECK(topics[1].id == "302");
  CHECK(topics[1].text == "Poliomyelitis and Post-Polio");  // a title over two lines
}

TEST_CASE("topics: TREC description and title plus description") {
  const auto desc = parse(kTrecTopics, TopicField::Description);
  REQUIRE(desc.size() == 2);
  CHECK(desc[0].text ==
        "Identify organizations that participate in international criminal activity.");
  CHECK(desc[1].text == "Is the disease poliomyelitis (polio) under control?");
  const auto both = parse(kTrecTopics, TopicField::TitleDescription);
  REQUIRE(both.size() == 2);
  CHECK(both[0].text ==
        "International Organized Crime Identify organizations that participate in "
        "international criminal activity.");
}

TEST_CASE("topics: TREC closed tags, upper case tags and unknown fields") {
  const auto topics = parse(
      "<TOP>\n<NUM>401</NUM>\n<TITLE>foreign minorities, Germany</TITLE>\n"
      "<con> Concept(s): ignored\n<desc>Description: d</desc>\n</TOP>\n"
      "<top><num>402</num><title>a < b</title></top>");
  CHECK(ids_and_texts(topics) == "401=foreign minorities, Germany|402=a < b|");
}

TEST_CASE("topics: TREC errors name the line") {
  CHECK(error_of("<top>\n<num> 1\n<title> x\n") == "topics.txt:1: <top> without </top>");
  CHECK(error_of("<top>\n<title> x\n</top>\n") == "topics.txt:1: topic without <num>");
  CHECK(error_of("<top>\n<num> 1\n<narr> x\n</top>\n") ==
        "topics.txt:1: topic '1' has no text in <title> or <desc>");
  CHECK(error_of("<top>\n<num> 1\n<title>\n<desc>\n</top>\n", TopicField::TitleDescription) ==
        "topics.txt:3: topic '1' has no text in <title> or <desc>");
  CHECK(error_of("<top>\n<num>\n<title> t\n</top>\n") == "topics.txt:2: empty <num>");
  CHECK(error_of("<top>\n<num> Number: 1 2\n<title> t\n</top>\n") ==
        "topics.txt:2: topic id '1 2' holds whitespace");
  CHECK(error_of("<top><num>1<title>t\n<top>") ==
        "topics.txt:2: <top> inside the topic opened on line 1 (missing </top>?)");
  CHECK(error_of("<top><num>1<title>t</top>\nstray text\n") ==
        "topics.txt:2: text outside <top> … </top>: 'stray text'");
  CHECK(error_of("<top><num>1<title>t<title>u</top>") ==
        "topics.txt:1: second <title> in the topic opened on line 1");
  CHECK(error_of("<top><num>1<title>t</desc></top>") ==
        "topics.txt:1: </desc> while <title> is open");
  CHECK(error_of("<top><num>1<title>t</top>\n\n<top><num>1<title>u</top>") ==
        "topics.txt:3: duplicate topic id '1' (first on line 1)");
  CHECK(error_of("</top>") == "topics.txt:1: </top> without <top>");
}

TEST_CASE("topics: a TREC topic without the field asked for uses the one it has") {
  // One topic without <desc> used to fail the whole file ("topic '2' has no <desc>").
  const std::string text =
      "<top>\n<num> 1\n<title> eins\n<desc> erste Beschreibung\n</top>\n"
      "<top>\n<num> 2\n<title> zwei\n</top>\n"
      "<top>\n<num> 3\n<title>\n<desc> dritte Beschreibung\n</top>\n";
  const auto both = parse(text, TopicField::TitleDescription);
  CHECK(ids_and_texts(both) == "1=eins erste Beschreibung|2=zwei|3=dritte Beschreibung|");
  CHECK(both[0].warning.empty());
  CHECK(both[1].warning == "topics.txt:6: topic '2' has no <desc>; using its <title> alone");
  CHECK(both[2].warning == "topics.txt:12: topic '3' has an empty <title>; using its <desc> alone");

  const auto desc = parse(text, TopicField::Description);
  CHECK(ids_and_texts(desc) == "1=erste Beschreibung|2=zwei|3=dritte Beschreibung|");
  CHECK(desc[1].warning == "topics.txt:6: topic '2' has no <desc>; using its <title> instead");
  CHECK(desc[2].warning.empty());

  const auto title = parse(text, TopicField::Title);
  CHECK(ids_and_texts(title) == "1=eins|2=zwei|3=dritte Beschreibung|");
  CHECK(title[2].warning ==
        "topics.txt:12: topic '3' has an empty <title>; using its <desc> instead");
  CHECK(parse("1\tfundacion").front().warning.empty());
}

TEST_CASE("topics: TSV errors name the line") {
  CHECK(error_of("q1\tok\nq2 no tab\n") ==
        "topics.txt:2: expected 'topic-id<TAB>query text', found no TAB");
  CHECK(error_of("q1\tone\n\nq1\tagain\n") ==
        "topics.txt:3: duplicate topic id 'q1' (first on line 1)");
  CHECK(error_of("q1\t   \n") == "topics.txt:1: topic 'q1' has an empty query");
  CHECK(error_of("\tquery\n") == "topics.txt:1: empty topic id");
  CHECK(error_of("a b\tquery\n") == "topics.txt:1: topic id 'a b' holds whitespace");
  CHECK(offset_of_error("q1\tok\nq2 no tab\n") == 6);
}

TEST_CASE("topics: invalid UTF-8 and UTF-16 are rejected") {
  CHECK(error_of("q1\tok\nq2\tcaf\xE9\n") ==
        "topics.txt:2: invalid UTF-8 (truncated sequence) at byte 12");
  CHECK(offset_of_error("q1\tok\nq2\tcaf\xE9\n") == 12);
  CHECK(error_of(std::string("\xFF\xFEq\0001\0", 6)) ==
        "topics.txt:1: UTF-16 is not supported, convert to UTF-8");
}

TEST_CASE("topics: empty input gives no topics") {
  CHECK(parse("").empty());
  CHECK(parse("\n\n  \n").empty());
  CHECK(parse("\xEF\xBB\xBF").empty());
}

TEST_CASE("topics: reading a file and a missing file") {
  const polysearch::test::TempDir dir;
  const auto path = dir.path() / "queries.tsv";
  std::ofstream(path, std::ios::binary) << "1\tone\n2\ttwo\n";
  const auto topics = polysearch::eval::read_topics(path);
  CHECK(ids_and_texts(topics) == "1=one|2=two|");

  std::ofstream(path, std::ios::binary) << "1\tone\nbad\n";
  try {
    (void)polysearch::eval::read_topics(path);
    FAIL("no error");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) ==
          path.string() + ":2: expected 'topic-id<TAB>query text', found no TAB");
  }
  const auto missing = dir.path() / "missing.tsv";
  try {
    (void)polysearch::eval::read_topics(missing);
    FAIL("no error");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) ==
          "cannot read '" + missing.string() + "': no such file or directory");
  }
  CHECK_THROWS_AS((void)polysearch::eval::read_topics(dir.path()), InputError);
}

TEST_CASE("topics: run lines") {
  using polysearch::eval::RunLine;
  CHECK(polysearch::eval::format_run_line({"301", "doc-7", 1, 12.3456789, "polysearch"}) ==
        "301 Q0 doc-7 1 12.345679 polysearch");
  CHECK(polysearch::eval::format_run_line({"q", "d", 1000, 0.0, "t"}) == "q Q0 d 1000 0.000000 t");
  CHECK_THROWS_AS((void)polysearch::eval::format_run_line({"q", "my doc", 1, 1.0, "t"}),
                  polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)polysearch::eval::format_run_line({"q", "d", 1, 1.0, ""}),
                  polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)polysearch::eval::format_run_line({"", "d", 1, 1.0, "t"}),
                  polysearch::InvalidArgument);

  std::ostringstream out;
  polysearch::eval::write_run_line(out, {"q", "d", 2, 1.5, "t"});
  CHECK(out.str() == "q Q0 d 2 1.500000 t\n");

  std::vector<polysearch::Hit> hits(2);
  hits[0].id = "a";
  hits[0].score = 2.0;
  hits[0].rank = 11;  // ignored: ranks restart at 1
  hits[1].id = "b";
  hits[1].score = 1.25;
  CHECK(polysearch::eval::format_run_lines("7", hits, "run") ==
        "7 Q0 a 1 2.000000 run\n7 Q0 b 2 1.250000 run\n");
  CHECK(polysearch::eval::format_run_lines("7", {}, "run").empty());
  hits[1].id = "b c";
  CHECK_THROWS_AS((void)polysearch::eval::format_run_lines("7", hits, "run"),
                  polysearch::InvalidArgument);
}
