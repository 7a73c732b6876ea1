// Bad input through the library: every class of docs/RELIABILITY.md's matrix gives a
// clear exception (or is indexed sensibly), never a crash, a hang or a changed index.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::Document;
using polysearch::IndexWriter;
using polysearch::Language;
using polysearch::Searcher;
using polysearch::SearchRequest;
using polysearch::test::TempDir;

namespace {

Document doc(std::string id, std::string text, Language language = Language::German) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.language = language;
  return d;
}

std::vector<std::string> ids_for(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 100;
  std::vector<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

std::vector<std::string> ids_for(const std::filesystem::path& index, const std::string& query) {
  Searcher searcher(index);
  return ids_for(searcher, query);
}

// Runs `body` in a child process with its output in `log`; returns the child's exit
// status (body's result), or 128 + the signal that ended it.
int run_in_child(const std::function<int()>& body, const std::filesystem::path& log) {
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);  // doctest's own crash report, too
      ::dup2(fd, STDERR_FILENO);
    }
    int status = 125;
    try {
      status = body();
    } catch (...) {
      status = 124;
    }
    std::_Exit(status);  // no destructors or atexit handlers of the parent's state
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The first stack frame of a sanitizer report outside the C/C++ runtime and the
// sanitizer itself ("#3 0x… (/lib/x86_64-linux-gnu/libxapian.so.30+0x11d6e2)"); empty
// when the log holds no stack (a crash without a sanitizer).
std::string first_crash_frame(const std::string& log) {
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t hash = line.find_first_not_of(' ');
    if (hash == std::string::npos || line[hash] != '#' || line.find(" 0x") == std::string::npos) {
      continue;
    }
    bool runtime = false;
    for (const char* skip : {"libasan", "libubsan", "sanitizer_common", "libstdc++", "libc.so",
                             "libc-start", "libgcc", "/usr/include/c++/"}) {
      if (line.find(skip) != std::string::npos) runtime = true;
    }
    if (!runtime) return line.substr(hash);
  }
  return {};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds this thread has used: unlike wall time, not stretched when the machine is
// busy (CI runs two test processes on two cores, and a developer's builds run beside them).
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Every character with the Unicode White_Space property (Unicode 15; ICU 72 agrees).
const std::vector<std::string> kWhiteSpace = {
    "\t",     "\n",     "\v",     "\f",     "\r",     " ",      "\u0085", "\u00A0", "\u1680",
    "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008",
    "\u2009", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000"};

}  // namespace

TEST_CASE("reliability: invalid UTF-8 in any field is an InputError and changes nothing") {
  struct Case {
    const char* what;
    std::string bytes;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"overlong '/'", "\xC0\xAF", "overlong"},
      {"overlong 3-byte NUL", "\xE0\x80\x80", "overlong"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", "overlong"},
      {"lone high surrogate", "\xED\xA0\x80", "surrogate"},
      {"lone low surrogate", "\xED\xBF\xBF", "surrogate"},
      {"surrogate pair encoded as two (CESU-8)", "\xED\xA0\xBD\xED\xB8\x80", "surrogate"},
      {"truncated 2-byte at the end", "\xC3", "truncated"},
      {"truncated 3-byte", "\xE4\xB8", "truncated"},
      {"truncated 4-byte before a space", "\xF0\x9F\x98 x", "truncated"},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", "out-of-range"},
      {"stray continuation byte", "\x80", ""},
      {"0xFF", "\xFF", ""},
  };
  TempDir dir;
  IndexWriter writer(dir.path());
  writer.add(doc("good", "gültiger Text"));
  writer.commit();
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const std::string text = "Text vor dem Fehler " + c.bytes;
    try {
      writer.add(doc("bad", text));
      FAIL("no exception");
    } catch (const polysearch::InputError& error) {
      CHECK(error.byte_offset() == 20);
      const std::string message = error.what();
      CHECK(message.find("document 'bad': text: invalid UTF-8") == 0);
      CHECK(message.find(c.reason) != std::string::npos);
      CHECK(message.find("at byte 20") != std::string::npos);
    }
    Document in_title = doc("bad-title", "ok");
    in_title.title = c.bytes;
    CHECK_THROWS_WITH_AS(writer.add(in_title), doctest::Contains(": title: invalid UTF-8"),
                         polysearch::InputError);
    Document in_source = doc("bad-source", "ok");
    in_source.source = c.bytes;
    CHECK_THROWS_WITH_AS(writer.add(in_source), doctest::Contains(": source: invalid UTF-8"),
                         polysearch::InputError);
    // The id is shown repaired in the message, never as raw invalid bytes.
    try {
      writer.add(doc("id-" + c.bytes, "ok"));
      FAIL("no exception");
    } catch (const polysearch::InputError& error) {
      CHECK_FALSE(polysearch::find_invalid_utf8(error.what()).has_value());
    }
    CHECK_THROWS_AS((void)Analyzer(Language::Chinese).analyze(text), polysearch::InputError);
  }
  CHECK(writer.pending() == 0);
  writer.close();
  CHECK(Searcher(dir.path()).info().documents == 1);
}

TEST_CASE("reliability: NUL bytes are valid UTF-8 to the library and separate words") {
  // The CLI refuses NUL bytes in its input files; the library indexes them as a control
  // character between words (ICU breaks there).
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("nul", std::string("Stiftung\0Gründung", 18)));
    writer.close();
  }
  CHECK(ids_for(dir.path(), "gründung") == std::vector<std::string>{"nul"});
  CHECK(ids_for(dir.path(), "stiftung") == std::vector<std::string>{"nul"});
  const std::string text("a\0b\0\0c", 6);
  for (Language language : polysearch::analyzable_languages()) {
    const auto tokens = Analyzer(language).analyze(text);
    polysearch::test::check_token_invariants(text, tokens);
    CHECK(polysearch::test::terms_of(tokens) == std::vector<std::string>{"a", "b", "c"});
  }
}

TEST_CASE("reliability: empty and punctuation-only documents are indexed without words") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("empty", "", Language::Unknown));
    writer.add(doc("punct", "!!! ... ??? ,,, ;;; --- *** «» „“ 「」。，…", Language::Unknown));
    writer.add(doc("spaces", " \t\n\u3000\u00A0\u2028", Language::Unknown));
    writer.close();
  }
  Searcher searcher(dir.path());
  const auto info = searcher.info();
  CHECK(info.documents == 3);
  CHECK(info.words == 0);
  SearchRequest request;
  request.query = "punct";
  CHECK(searcher.search(request).hits.empty());
  request.query = "\"…\"";  // only punctuation: no words, no hits, no error
  CHECK(searcher.search(request).hits.empty());
}

TEST_CASE("reliability: a document over 64 MiB is refused before any analysis") {
  TempDir dir;
  IndexWriter writer(dir.path());
  const auto start = std::chrono::steady_clock::now();
  Document big = doc("big", std::string(64 * 1024 * 1024 + 1, 'a'));
  CHECK_THROWS_WITH_AS(writer.add(big),
                       "document 'big': 67108865 bytes is larger than the limit of 67108864",
                       polysearch::InputError);
  // Title and text count together.
  big.text.resize(64 * 1024 * 1024 - 2);
  big.title = "abc";
  CHECK_THROWS_AS(writer.add(big), polysearch::InputError);
  MESSAGE("refusing two 64 MiB documents took " << seconds_since(start) << " s");
  CHECK(writer.pending() == 0);
}

TEST_CASE("reliability: a 1 MB word without spaces is indexed in linear time, the word dropped") {
  TempDir dir;
  const std::string word(1000 * 1000, 'x');
  {
    IndexWriter writer(dir.path());
    const auto start = std::chrono::steady_clock::now();
    writer.add(doc("long", "vorher " + word + " nachher"));
    writer.close();
    MESSAGE("1 MB word: " << seconds_since(start) << " s");
  }
  // Longer than a term may be (245 bytes): dropped, but the words around it stay.
  CHECK(ids_for(dir.path(), "nachher") == std::vector<std::string>{"long"});
  CHECK(ids_for(dir.path(), "\"vorher nachher\"").empty());  // the long word keeps its position
  Searcher searcher(dir.path());
  SearchRequest request;
  request.query = "vorher";
  const auto hits = searcher.search(request).hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippet.size() < 2000);  // the snippet is cut, not the whole megabyte
}

TEST_CASE("reliability: 100,000 Chinese characters without punctuation segment in linear time") {
  // Characters of the seed's vocabulary, in a fixed pseudo-random order: no sentence ends,
  // no spaces, one run of Han for the dictionary segmenter.
  const std::u32string alphabet =
      U"告別安穩高薪毫不猶豫投身創立神秘初公司從昔日申請研究生連收拒信到如今";
  std::mt19937 random(5);
  auto text_of = [&](std::size_t characters) {
    std::u32string text;
    for (std::size_t i = 0; i < characters; ++i) text += alphabet[random() % alphabet.size()];
    std::string utf8;
    for (const char32_t c : text) {
      utf8 += static_cast<char>(0xE0 | (c >> 12));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
    return utf8;
  };
  const std::string small = text_of(10000);
  const std::string large = text_of(100000);
  for (const auto mode :
       {polysearch::ChineseSegmentation::Hybrid, polysearch::ChineseSegmentation::Words,
        polysearch::ChineseSegmentation::Bigrams}) {
    const std::string name = polysearch::to_string(mode);
    CAPTURE(name);
    polysearch::AnalyzerOptions options;
    options.chinese.segmentation = mode;
    Analyzer analyzer(Language::Chinese, options);
    (void)analyzer.analyze(small);  // warm: the folding table is made at the first Han text
    double start = thread_cpu_seconds();
    (void)analyzer.analyze(small);
    const double small_seconds = thread_cpu_seconds() - start;
    start = thread_cpu_seconds();
    const auto tokens = analyzer.analyze(large);
    const double large_seconds = thread_cpu_seconds() - start;
    MESSAGE(name << ": 10k characters " << small_seconds << " CPU s, 100k characters "
                 << large_seconds << " CPU s");
    polysearch::test::check_token_invariants(large, tokens);
    CHECK(tokens.size() > 30000);
    // Ten times the text: about ten times the time; quadratic work would be 100 times.
    CHECK(large_seconds < 40 * small_seconds + 0.5);
  }
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("zh", large, Language::Chinese));
    writer.close();
  }
  CHECK(ids_for(dir.path(), "告别") == std::vector<std::string>{"zh"});
}

TEST_CASE("reliability: a word mixing scripts is indexed, each script's part searchable") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("latin-han", "Linux操作系统", Language::Unknown));
    writer.add(doc("han-latin", "東京Tokyo", Language::Unknown));
    writer.add(doc("latin-cyrillic-greek", "straßeКиевαβγ", Language::Unknown));
    writer.add(doc("fullwidth-han", "ＰｙＴｏｒｃｈ框架", Language::Unknown));
    writer.close();
  }
  CHECK(ids_for(dir.path(), "linux") == std::vector<std::string>{"latin-han"});
  CHECK(ids_for(dir.path(), "操作系统") == std::vector<std::string>{"latin-han"});
  CHECK(ids_for(dir.path(), "东京") == std::vector<std::string>{"han-latin"});
  CHECK(ids_for(dir.path(), "tokyo") == std::vector<std::string>{"han-latin"});
  CHECK(ids_for(dir.path(), "pytorch") == std::vector<std::string>{"fullwidth-han"});
  // ICU keeps letters of different alphabets in one word: found as that word.
  CHECK(ids_for(dir.path(), "STRASSEкиевΑΒΓ") == std::vector<std::string>{"latin-cyrillic-greek"});
  for (const char* text :
       {"Linux操作系统", "straßeКиевαβγ", "a\u0301b\u05D0\u0627\u0E01\U0001F600x"}) {
    for (Language language : polysearch::analyzable_languages()) {
      polysearch::test::check_token_invariants(text, Analyzer(language).analyze(text));
    }
  }
}

TEST_CASE("reliability: every Unicode White_Space character separates words, as in queries") {
  // ICU's word break rules keep U+202F (narrow no-break space) inside a word; the
  // analyzer splits there too, so documents and queries agree.
  TempDir dir;
  IndexWriter writer(dir.path());
  for (std::size_t i = 0; i < kWhiteSpace.size(); ++i) {
    const std::string& space = kWhiteSpace[i];
    CAPTURE(i);
    for (Language language : polysearch::analyzable_languages()) {
      const std::string text = "vorne" + space + "hinten" + space + space + "告别" + space + "ende";
      const auto tokens = polysearch::test::words_only(Analyzer(language).analyze(text));
      polysearch::test::check_token_invariants(text, tokens);
      CHECK(polysearch::test::terms_of(tokens) ==
            std::vector<std::string>{"vorne", "hinten", "告别", "ende"});
    }
    writer.add(doc("ws" + std::to_string(i), "alpha" + space + "omega" + std::to_string(i)));
  }
  writer.close();
  Searcher searcher(dir.path());
  for (std::size_t i = 0; i < kWhiteSpace.size(); ++i) {
    CAPTURE(i);
    CHECK(ids_for(searcher, "omega" + std::to_string(i)) ==
          std::vector<std::string>{"ws" + std::to_string(i)});
    // The same character in a query separates the same two words.
    CHECK(ids_for(searcher, "+alpha" + kWhiteSpace[i] + "+omega" + std::to_string(i)) ==
          std::vector<std::string>{"ws" + std::to_string(i)});
  }
}

TEST_CASE("reliability: the same id twice in one batch leaves one document, the last") {
  TempDir dir;
  {
    polysearch::IndexOptions options;
    options.batch_size = 1000;
    IndexWriter writer(dir.path(), polysearch::OpenMode::CreateOrOpen, options);
    CHECK_FALSE(writer.add(doc("dup", "erste Fassung")).replaced);
    CHECK(writer.add(doc("dup", "zweite Fassung")).replaced);
    CHECK(writer.add(doc("dup", "dritte Fassung")).replaced);
    CHECK(writer.pending() == 3);
    writer.close();
  }
  Searcher searcher(dir.path());
  CHECK(searcher.info().documents == 1);
  CHECK(ids_for(searcher, "fassung") == std::vector<std::string>{"dup"});
  CHECK(ids_for(searcher, "dritte") == std::vector<std::string>{"dup"});
  CHECK(ids_for(searcher, "erste OR zweite").empty());
}

TEST_CASE("reliability: bad queries are QuerySyntaxErrors or InvalidArguments, quickly") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("de", "Die Gründung der Stiftung"));
    writer.add(doc("es", "La fundación de la empresa", Language::Spanish));
    writer.close();
  }
  Searcher searcher(dir.path());
  SearchRequest request;
  for (const char* query :
       {"", "   ", "\u3000", "\"", "\"unbalanced", "unbalanced\"", "(a", "a)", "((a)", "*",
        "title:*", "foo:bar", "lang:xx", "lang:", "-lang:klingon a", "a AND", "OR"}) {
    CAPTURE(query);
    request.query = query;
    CHECK_THROWS_AS((void)searcher.search(request), polysearch::QuerySyntaxError);
  }
  // Only stop words: searched as they are, rather than as nothing.
  CHECK(ids_for(searcher, "der die das") == std::vector<std::string>{"de"});
  request.query = "de la";
  CHECK_NOTHROW((void)searcher.search(request));
  // Unknown language codes.
  CHECK_THROWS_AS((void)polysearch::parse_language("xx"), polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)polysearch::parse_language(""), polysearch::InvalidArgument);

  // Many terms: up to 1024 are searched, more are refused at once, not after seconds of
  // matching (21,000 OR-ed words took 26 s before the limit).
  auto words = [](std::size_t count) {
    std::string query;
    for (std::size_t i = 0; i < count; ++i) query += "w" + std::to_string(i) + " ";
    return query;
  };
  request.query = words(1024) + "gründung";
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::QuerySyntaxError);
  request.query = words(1023) + "gründung";
  CHECK(searcher.search(request).hits.size() == 1);
  request.query = words(10000);
  const auto start = std::chrono::steady_clock::now();
  try {
    (void)searcher.search(request);
    FAIL("no exception");
  } catch (const polysearch::QuerySyntaxError& error) {
    CHECK(std::string(error.what()).find("(at most 1024 terms)") != std::string::npos);
    CHECK(error.byte_offset() > 0);
  }
  CHECK(seconds_since(start) < 5.0);
  // Han text counts its words and bigrams; a phrase its words.
  std::string han;
  for (int i = 0; i < 800; ++i) han += "告别";
  request.query = han;
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::QuerySyntaxError);
  request.query = "\"" + words(1100) + "\"";
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::QuerySyntaxError);
}

TEST_CASE("reliability: a missing index, a file, a foreign or newer index: IndexError") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(Searcher(dir.path() / "missing"), doctest::Contains("no such directory"),
                       polysearch::IndexError);
  std::ofstream(dir.path() / "file") << "x";
  CHECK_THROWS_WITH_AS(Searcher(dir.path() / "file"), doctest::Contains("not a directory"),
                       polysearch::IndexError);
  CHECK_THROWS_WITH_AS(IndexWriter(dir.path() / "file"), doctest::Contains("not a directory"),
                       polysearch::IndexError);
  // (Other schema versions and foreign Xapian databases: tests/index/index_writer_test.cpp.)
}

TEST_CASE(
    "reliability: flipped bytes in the index tables: IndexError or results, no crash of ours") {
  // Xapian's glass tables carry no checksums, so a flipped byte in a posting or a stored
  // text may go unnoticed (the results then differ).  Each corrupted copy is read and
  // written in a child process: polysearch must throw nothing but IndexError and must not
  // crash.  Xapian 1.4 itself does not check every offset it reads from a table, and a
  // few copies crash inside libxapian (docs/RELIABILITY.md): those are counted, and under
  // AddressSanitizer the report's first frame must be in libxapian, not in polysearch.
  TempDir dir;
  const auto pristine = dir.path() / "pristine";
  {
    IndexWriter writer(pristine);
    std::mt19937 random(11);
    const std::vector<std::string> words = {"stiftung", "gründung", "forschung",    "berlin",
                                            "linux",    "projekt",  "wissenschaft", "jahr"};
    for (int i = 0; i < 400; ++i) {
      std::string text;
      for (int w = 0; w < 40; ++w) text += words[random() % words.size()] + " ";
      writer.add(doc("d" + std::to_string(i), text + "einzig" + std::to_string(i)));
    }
    writer.close();
  }
  const std::vector<std::string> queries = {"stiftung", "einzig42",      "\"stiftung gründung\"",
                                            "fors*",    "berlin -linux", "title:jahr OR projekt"};
  auto results_of = [&](const std::filesystem::path& path) {
    Searcher searcher(path);
    std::vector<std::vector<std::string>> all;
    for (const std::string& query : queries) all.push_back(ids_for(searcher, query));
    (void)searcher.info();
    return all;
  };
  const auto expected = results_of(pristine);
  enum Outcome { kSame = 0, kIndexError = 1, kOtherException = 2, kDifferent = 3 };
  // Reads, then writes, the copy; the exit status is the Outcome.
  auto check_copy = [&](const std::filesystem::path& copy) {
    int outcome = kSame;
    try {
      if (results_of(copy) != expected) outcome = kDifferent;
      IndexWriter writer(copy);
      writer.add(doc("d1", "ersetzt"));
      writer.add(doc("neu", "neues Dokument"));
      writer.close();
      (void)Searcher(copy).info();
    } catch (const polysearch::IndexError& error) {
      outcome = std::string(error.what()).find(copy.string()) != std::string::npos
                    ? kIndexError
                    : kOtherException;
    } catch (...) {
      outcome = kOtherException;
    }
    return outcome;
  };
  int counts[4] = {0, 0, 0, 0};
  int xapian_crashes = 0, unattributed_crashes = 0;
  std::mt19937 random(20261124);
  constexpr int kRounds = 40;
  for (int round = 0; round < kRounds; ++round) {
    CAPTURE(round);
    const auto copy = dir.path() / ("copy" + std::to_string(round));
    std::filesystem::copy(pristine, copy);
    const char* table = round % 2 == 0   ? "postlist.glass"
                        : round % 4 == 1 ? "termlist.glass"
                                         : "docdata.glass";
    std::fstream file(copy / table, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(file.tellg());
    const int flips = 1 + static_cast<int>(random() % 64);
    for (int f = 0; f < flips; ++f) {
      file.seekp(static_cast<std::streamoff>(random() % size));
      file.put(static_cast<char>(random() % 256));
    }
    file.close();
    const auto log = dir.path() / ("child" + std::to_string(round) + ".log");
    const int status = run_in_child([&] { return check_copy(copy); }, log);
    if (status >= 0 && status <= kDifferent) {
      ++counts[status];
      CHECK(status != kOtherException);
    } else {
      // A crash (or a sanitizer report): whose?
      const std::string where = first_crash_frame(polysearch::test::read_file(log));
      MESSAGE("round " << round << " (" << std::string(table) << "): the child died (status "
                       << status << ") in " << (where.empty() ? "an unknown frame" : where));
      if (where.empty()) {
        ++unattributed_crashes;
      } else {
        CHECK(where.find("libxapian") != std::string::npos);
        ++xapian_crashes;
      }
    }
    std::filesystem::remove_all(copy);
  }
  MESSAGE(kRounds << " corrupted copies: " << counts[kIndexError] << " IndexErrors, "
                  << counts[kSame] << " with the same results, " << counts[kDifferent]
                  << " with other results, " << xapian_crashes << " crashes in libxapian, "
                  << unattributed_crashes << " unattributed crashes");
}

TEST_CASE("reliability: check_index finds a block Xapian 1.4 would search for ever") {
  // A block whose directory end (bytes 9-10 of its header, big-endian; odd when sound)
  // is even: Xapian does not check it on reading, and its binary search in the block
  // never ends, so adding a document spins for ever.  Only its checker sees it; the CLI
  // runs check_index() when a call makes no progress (tools/polysearch/stall_watchdog.hpp).
  TempDir dir;
  const auto write = [](const std::filesystem::path& path, polysearch::IndexOptions options) {
    IndexWriter writer(path, polysearch::OpenMode::CreateOrOpen, options);
    for (int i = 0; i < 8; ++i) writer.add(doc("d" + std::to_string(i), "Die Stiftung"));
    writer.close();
  };
  const auto plain = dir.path() / "plain";
  write(plain, {});
  CHECK(polysearch::check_index(plain).empty());
  const auto break_root = [](const std::filesystem::path& table) {
    REQUIRE(std::filesystem::file_size(table) == 8192);  // one block: the root
    std::fstream file(table, std::ios::in | std::ios::out | std::ios::binary);
    unsigned char end[2] = {0, 0};
    file.seekg(9);
    file.read(reinterpret_cast<char*>(end), 2);
    REQUIRE(end[1] % 2 == 1);
    end[1] = static_cast<unsigned char>(end[1] - 1);
    file.seekp(10);
    file.put(static_cast<char>(end[1]));
  };
  break_root(plain / "docdata.glass");
  CHECK(polysearch::check_index(plain) == "docdata table: Block 0: directory end pointer invalid");

  polysearch::IndexOptions sharded;
  sharded.shards = 2;
  write(dir.path() / "sharded", sharded);
  CHECK(polysearch::check_index(dir.path() / "sharded").empty());
  break_root(dir.path() / "sharded" / "shard-2" / "docdata.glass");
  CHECK(polysearch::check_index(dir.path() / "sharded") ==
        "shard '" + (dir.path() / "sharded" / "shard-2").string() +
            "': docdata table: Block 0: directory end pointer invalid");

  CHECK_THROWS_WITH_AS((void)polysearch::check_index(dir.path() / "missing"),
                       doctest::Contains("no such directory"), polysearch::IndexError);
  std::filesystem::create_directories(dir.path() / "empty");
  CHECK_THROWS_AS((void)polysearch::check_index(dir.path() / "empty"), polysearch::IndexError);
}

TEST_CASE("reliability: an index whose creation was killed is created afresh by the next writer") {
  // What the kill test found: SIGKILL while Xapian creates the index leaves empty tables
  // and a v.tmp but no iamglass; Xapian then refused every later run ("no index there").
  TempDir dir;
  const auto index = dir.path() / "index";
  std::filesystem::create_directories(index);
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass"}) {
    std::ofstream(index / name).flush();
  }
  std::ofstream(index / "v.tmp", std::ios::binary) << "\x0f\x0dXapian Glass\x04";
  CHECK_THROWS_WITH_AS(Searcher{index}, doctest::Contains("no index there"),
                       polysearch::IndexError);
  {
    IndexWriter writer(index);
    writer.add(doc("a", "Stiftung"));
    writer.close();
  }
  CHECK(ids_for(index, "stiftung") == std::vector<std::string>{"a"});

  // A table with data but no version file is damage, not an unfinished creation: left alone.
  const auto damaged = dir.path() / "damaged";
  std::filesystem::create_directories(damaged);
  std::ofstream(damaged / "postlist.glass") << "data";
  CHECK_THROWS_AS(IndexWriter{damaged}, polysearch::IndexError);
  CHECK(std::filesystem::file_size(damaged / "postlist.glass") == 4);
}

TEST_CASE("reliability: a full disk refuses the batch with an IndexError, committed ones intact") {
  TempDir dir;
  const std::filesystem::path disk = dir.path() / "disk";
  std::filesystem::create_directories(disk);
  // A small tmpfs needs root with CAP_SYS_ADMIN; tests/reliability/bad_input_test.sh
  // falls back to `ulimit -f` where it cannot mount.
  const std::string mount =
      "mount -t tmpfs -o size=3m polysearch-test '" + disk.string() + "' 2>/dev/null";
  if (std::system(mount.c_str()) != 0) {
    MESSAGE("skipped: cannot mount a tmpfs here");
    return;
  }
  std::string error;
  std::size_t added = 0;
  {
    polysearch::IndexOptions options;
    options.batch_size = 100;
    IndexWriter writer(disk / "idx", polysearch::OpenMode::CreateOrOpen, options);
    try {
      for (; added < 20000; ++added) {
        std::string text = "Stiftung Forschung einzig" + std::to_string(added);
        for (int w = 0; w < 40; ++w) text += " wort" + std::to_string((added * 31 + w) % 997);
        writer.add(doc("f" + std::to_string(added), text));
      }
    } catch (const polysearch::IndexError& e) {
      error = e.what();
      CHECK(e.path() == disk / "idx");
    }
  }  // the destructor must not crash on the discarded batch
  const std::size_t documents = Searcher(disk / "idx").info().documents;
  const std::string unmount = "umount '" + disk.string() + "'";
  CHECK(std::system(unmount.c_str()) == 0);
  CAPTURE(error);
  CAPTURE(documents);
  CHECK(error.find("not enough free space") != std::string::npos);
  CHECK(documents >= 100);
  CHECK(documents % 100 == 0);
  CHECK(documents < added);
}
