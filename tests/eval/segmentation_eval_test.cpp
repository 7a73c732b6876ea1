// The segmentation scorer on hand-made cases whose figures are worked out in the comments,
// its errors, and the UD GSD sample in fixtures/segmentation/.  F1 is 2PR / (P + R), which
// is also 2 * correct / (gold words + output words).
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "polysearch/error.hpp"
#include "polysearch/eval/segmentation.hpp"
#include "support/test_support.hpp"

namespace eval = polysearch::eval;
using polysearch::InputError;

namespace {

eval::SegmentationScores score(const std::string& gold, const std::string& output,
                               const eval::SegmentationOptions& options = {}) {
  std::istringstream gold_in(gold);
  std::istringstream output_in(output);
  return eval::score_segmentation(gold_in, "gold.txt", output_in, "out.txt", options);
}

// The message of the InputError that `action` throws, or "" if it throws none.
std::string input_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

std::string score_error(const std::string& gold, const std::string& output) {
  return input_error_of([&] { (void)score(gold, output); });
}

eval::WordList words_of(const std::string& text) {
  std::istringstream in(text);
  return eval::read_word_list(in, "words.txt");
}

void check_counts(const eval::SegmentationScores& scores, std::size_t gold, std::size_t output,
                  std::size_t correct) {
  CHECK(scores.gold_words == gold);
  CHECK(scores.output_words == output);
  CHECK(scores.correct_words == correct);
}

// The counts, and the rates worked out by hand.
void check_scores(const eval::SegmentationScores& scores, std::size_t gold, std::size_t output,
                  std::size_t correct, double precision, double recall, double f1) {
  check_counts(scores, gold, output, correct);
  CHECK(scores.precision == doctest::Approx(precision));
  CHECK(scores.recall == doctest::Approx(recall));
  CHECK(scores.f1 == doctest::Approx(f1));
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("segmentation_eval: an identical segmentation scores 1") {
  const auto scores = score("我 爱 北京 天安门 。\n", "我 爱 北京 天安门 。\n");
  CHECK(scores.lines == 1);
  check_scores(scores, 5, 5, 5, 1.0, 1.0, 1.0);
  CHECK_FALSE(scores.has_word_list);
}

TEST_CASE("segmentation_eval: single characters match only the one-character gold words") {
  // 我们喜欢北京。: 4 gold words, 7 output words; only 。 has the same span.
  // P = 1/7, R = 1/4, F1 = 2/(4+7) = 2/11.
  const auto scores = score("我们 喜欢 北京 。", "我 们 喜 欢 北 京 。");
  check_scores(scores, 4, 7, 1, 1.0 / 7.0, 0.25, 2.0 / 11.0);
}

TEST_CASE("segmentation_eval: one word for the whole line scores 0") {
  // No gold word spans the whole line: P = 0/1, R = 0/4, F1 = 0 (P + R = 0).
  const auto scores = score("我们 喜欢 北京 。", "我们喜欢北京。");
  check_scores(scores, 4, 1, 0, 0.0, 0.0, 0.0);
}

TEST_CASE("segmentation_eval: a shifted boundary loses both words on either side") {
  // Gold 研究|生命|的|起源 = [0,2) [2,4) [4,5) [5,7); output 研究生|命|的|起源 = [0,3) [3,4)
  // [4,5) [5,7).  Correct: 的 and 起源.  P = R = F1 = 2/4.
  const auto scores = score("研究 生命 的 起源\n", "研究生 命 的 起源\n");
  check_scores(scores, 4, 4, 2, 0.5, 0.5, 0.5);
}

TEST_CASE("segmentation_eval: equal words at other places do not count") {
  // Gold 不是|不 = [0,2) [2,3), output 不|是不 = [0,1) [1,3): no span in common.  The bakeoff
  // script's diff would pair the two 不 and count 1.
  const auto scores = score("不是 不", "不 是不");
  check_counts(scores, 2, 2, 0);
  CHECK(scores.f1 == 0.0);
}

TEST_CASE("segmentation_eval: lines add up") {
  // Line 1 identical (5/5/5), line 2 shifted (4/4/2), line 3 single characters (4/7/1).
  // Totals: gold 13, output 16, correct 8.  P = 8/16, R = 8/13, F1 = 16/29.
  const std::string gold = "我 爱 北京 天安门 。\n研究 生命 的 起源\n我们 喜欢 北京 。\n";
  const std::string output = "我 爱 北京 天安门 。\n研究生 命 的 起源\n我 们 喜 欢 北 京 。\n";
  eval::SegmentationOptions options;
  options.per_line = true;
  const auto scores = score(gold, output, options);
  CHECK(scores.lines == 3);
  check_scores(scores, 13, 16, 8, 0.5, 8.0 / 13.0, 16.0 / 29.0);
  REQUIRE(scores.per_line.size() == 3);
  CHECK(scores.per_line[1].line == 2);
  CHECK(scores.per_line[1].gold_words == 4);
  CHECK(scores.per_line[1].output_words == 4);
  CHECK(scores.per_line[1].correct_words == 2);
  CHECK(scores.per_line[2].output_words == 7);
  CHECK(scores.per_line[2].correct_words == 1);
  CHECK(score(gold, output).per_line.empty());  // only when asked for
}

TEST_CASE("segmentation_eval: punctuation marks are words") {
  // Gold 你好|，|世界|！ (4), output 你好|，|世界！ (3): 你好 and ， are correct.
  // P = 2/3, R = 2/4, F1 = 4/7.
  const auto scores = score("你好 ， 世界 ！", "你好 ， 世界！");
  check_scores(scores, 4, 3, 2, 2.0 / 3.0, 0.5, 4.0 / 7.0);
}

TEST_CASE("segmentation_eval: tabs, runs of spaces, U+3000 and CRLF all separate words") {
  // The shifted-boundary case again (2 of 4 correct), written with every separator: leading
  // and trailing blanks, a tab run, an ideographic space and CR before LF.
  const auto scores =
      score("研究  生命\t的 起源  \r\n我 爱\r\n",
            "  研究生\xE3\x80\x80命 的\t\t起源\r\n我\xE3\x80\x80\xE3\x80\x80爱 \r\n");
  CHECK(scores.lines == 2);
  check_counts(scores, 6, 6, 4);
  CHECK(scores.f1 == doctest::Approx(4.0 / 6.0));
  // A byte order mark opening either file is dropped; a file need not end with a newline.
  check_counts(score("\xEF\xBB\xBF北京 大学", "北京 大学\n"), 2, 2, 2);
}

TEST_CASE("segmentation_eval: lines empty in both files are skipped") {
  // Lines 2 and 3 hold nothing or only separators in both files: skipped.  Lines 1 and 4:
  // gold 北京|大学 and 上海, output 北京大学 and 上海: gold 3, output 2, correct 1 (上海).
  const auto scores = score("北京 大学\n\n  \t\n上海\n", "北京大学\n \n\n上海\n");
  CHECK(scores.lines == 2);
  CHECK(scores.empty_lines == 2);
  check_counts(scores, 3, 2, 1);
  // Empty files: nothing to score, every figure 0.
  const auto nothing = score("", "");
  CHECK(nothing.lines == 0);
  CHECK(nothing.f1 == 0.0);
}

TEST_CASE("segmentation_eval: an empty output line for a gold line with text is an error") {
  CHECK(score_error("我 爱\n北京\n", "我 爱\n\n") ==
        "out.txt:2: empty line, but gold.txt:2 has text");
  CHECK(score_error("我 爱\n\n", "我 爱\n北京\n") ==
        "out.txt:2: gold.txt:2 is empty, but this line has text");
}

TEST_CASE("segmentation_eval: different characters are an error naming the line and character") {
  // Characters are counted from 1 without separators: 我爱北京 has 北 as character 3.
  CHECK(score_error("你 好\n我 爱 北京\n", "你 好\n我 爱 南京\n") ==
        "out.txt:2: the text differs from gold.txt:2 at character 3: '南' instead of '北'");
  CHECK(score_error("北京 大学", "北京 大") ==
        "out.txt:1: the line ends before character 4, where gold.txt:1 has '学'");
  CHECK(score_error("北京", "北京 大") ==
        "out.txt:1: the line goes on at character 3 with '大', where gold.txt:1 ends");
  // The character counts code points, not bytes: ASCII and Han mixed.
  CHECK(score_error("2004 年 a", "2004 年 b") ==
        "out.txt:1: the text differs from gold.txt:1 at character 6: 'b' instead of 'a'");
}

TEST_CASE("segmentation_eval: different line counts are an error naming both counts") {
  CHECK(score_error("我\n爱\n", "我\n爱\n北京\n") == "out.txt has 3 lines but gold.txt has 2");
  CHECK(score_error("我\n爱\n北京\n", "我\n") == "out.txt has 1 line but gold.txt has 3");
  // A missing final newline does not make a line.
  CHECK(score_error("我\n爱", "我\n爱\n").empty());
}

TEST_CASE("segmentation_eval: invalid UTF-8 is an error naming file and line") {
  CHECK(score_error("我\n爱\n", "我\n\xFF\n") ==
        "out.txt:2: invalid UTF-8 (invalid byte) at byte 0");
  const std::string gold_error = score_error("我\n爱 \xE4\xBD\n", "我\n爱\n");
  CHECK(gold_error.rfind("gold.txt:2: invalid UTF-8 (", 0) == 0);
  CHECK(gold_error.find(") at byte 4") != std::string::npos);
}

TEST_CASE("segmentation_eval: OOV and IV recall with a training word list") {
  // Training words 研究, 生命, 的.  Gold 研究|生命|的|起源, output 研究生|命|的|起源.
  // IV gold words: 研究 (missed), 生命 (missed), 的 (found) -> IV recall 1/3.
  // OOV gold words: 起源 (found) -> OOV rate 1/4, OOV recall 1/1.
  const eval::WordList words = words_of("研究 120\n生命\tn\n\n的\n");
  CHECK(words.size() == 3);
  eval::SegmentationOptions options;
  options.training_words = &words;
  const auto scores = score("研究 生命 的 起源\n", "研究生 命 的 起源\n", options);
  CHECK(scores.has_word_list);
  CHECK(scores.iv_words == 3);
  CHECK(scores.iv_correct == 1);
  CHECK(scores.oov_words == 1);
  CHECK(scores.oov_correct == 1);
  CHECK(scores.oov_rate == 0.25);
  CHECK(scores.oov_recall == 1.0);
  CHECK(scores.iv_recall == doctest::Approx(1.0 / 3.0));

  // Two lines, all words known: no OOV word, OOV recall 0 (the bakeoff script prints --).
  // Gold 研究|的 and 生命, output 研究的 and 生命: IV 3 words, 1 found.
  const auto known = score("研究 的\n生命\n", "研究的\n生命\n", options);
  CHECK(known.oov_words == 0);
  CHECK(known.oov_rate == 0.0);
  CHECK(known.oov_recall == 0.0);
  CHECK(known.iv_words == 3);
  CHECK(known.iv_recall == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("segmentation_eval: word lists are read with file:line errors") {
  CHECK(words_of("\xEF\xBB\xBF北京\r\n  上海  3\n").count("北京") == 1);
  CHECK(words_of("\xEF\xBB\xBF北京\r\n  上海  3\n").count("上海") == 1);
  const auto list_error = [](const std::string& text) {
    return input_error_of([&] { (void)words_of(text); });
  };
  CHECK(list_error("\n \n") == "words.txt: no words");
  CHECK(list_error("北京\n\xC0\xAF\n").rfind("words.txt:2: invalid UTF-8", 0) == 0);
}

TEST_CASE("segmentation_eval: files, and files that cannot be read") {
  const polysearch::test::TempDir dir;
  write_file(dir.path() / "gold.txt", "研究 生命 的 起源\n");
  write_file(dir.path() / "out.txt", "研究生 命 的 起源\n");
  write_file(dir.path() / "words.txt", "起源\n");
  const eval::WordList words = eval::read_word_list(dir.path() / "words.txt");
  eval::SegmentationOptions options;
  options.training_words = &words;
  const auto scores =
      eval::score_segmentation(dir.path() / "gold.txt", dir.path() / "out.txt", options);
  check_counts(scores, 4, 4, 2);
  CHECK(scores.oov_words == 3);
  CHECK(scores.oov_correct == 1);

  const auto missing = dir.path() / "missing.txt";
  const std::string message =
      input_error_of([&] { (void)eval::score_segmentation(dir.path() / "gold.txt", missing); });
  CHECK(message == "cannot read '" + missing.string() + "': no such file or directory");
  CHECK_THROWS_AS((void)eval::read_word_list(dir.path()), InputError);
}

TEST_CASE("segmentation_eval: the UD GSD sample scores 1 against itself, 0 unsegmented") {
  for (const char* script : {"zh-hant", "zh-hans"}) {
    CAPTURE(script);
    const auto sample =
        polysearch::test::fixtures_dir() / "segmentation" / "ud-gsd-sample" / script;
    const auto gold = sample / "test.gold.txt";
    const auto same = eval::score_segmentation(gold, gold);
    CHECK(same.lines == 50);
    CHECK(same.gold_words > 1000);
    CHECK(same.f1 == 1.0);
    // The raw file has the same characters, one word a line.
    const auto raw = eval::score_segmentation(gold, sample / "test.raw.txt");
    CHECK(raw.output_words == 50);
    CHECK(raw.correct_words == 0);
  }
}
