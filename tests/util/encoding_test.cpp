// to_utf8: text in the encodings German, Spanish, Portuguese and Chinese files come in.
#include <doctest/doctest.h>

#include <string>

#include "polysearch/error.hpp"
#include "polysearch/text.hpp"

using polysearch::to_utf8;

TEST_CASE("encoding: Latin-1 umlauts and accents become UTF-8") {
  CHECK(to_utf8("Gr\xFCndung", "ISO-8859-1") == "Gründung");
  CHECK(to_utf8("fundaci\xF3n \xE7\xE3o \xDF", "latin1") == "fundación ção ß");
  CHECK(to_utf8("", "latin1").empty());
  // Every byte is a Latin-1 character: nothing to refuse.
  std::string all;
  for (int byte = 1; byte < 256; ++byte) all += static_cast<char>(byte);
  const std::string converted = to_utf8(all, "iso-8859-1");
  CHECK_FALSE(polysearch::find_invalid_utf8(converted));
  CHECK(converted.size() == 127 + 2 * 128);
}

TEST_CASE("encoding: Windows-1252 quotes, dashes and the euro sign") {
  CHECK(to_utf8("\x93"
                "Fundaci\xF3n\x94 \x96 5 \x80",
                "windows-1252") == "“Fundación” – 5 €");
  CHECK(to_utf8("\x84Gr\xFCndung\x93", "cp1252") == "„Gründung“");
}

TEST_CASE("encoding: GB18030 and Big5 round trips of Chinese text") {
  // 清华大学的学生 in GB18030 (its GBK part), and a four-byte GB18030 sequence (U+20000).
  CHECK(to_utf8("\xC7\xE5\xBB\xAA\xB4\xF3\xD1\xA7\xB5\xC4\xD1\xA7\xC9\xFA", "GB18030") ==
        "清华大学的学生");
  CHECK(to_utf8("\x95\x32\x82\x36", "gb18030") == "\xF0\xA0\x80\x80");
  // 清華大學 in Big5.
  CHECK(to_utf8("\xB2\x4D\xB5\xD8\xA4\x6A\xBE\xC7", "Big5") == "清華大學");
  // Longer than one conversion chunk, so chunk boundaries are crossed.
  std::string gb, utf8;
  for (int i = 0; i < 3000; ++i) {
    gb += "\xC7\xE5\xBB\xAA x\x95\x32\x82\x36";
    utf8 += "清华 x\xF0\xA0\x80\x80";
  }
  CHECK(to_utf8(gb, "GB18030") == utf8);
}

TEST_CASE("encoding: bytes an encoding cannot have give InputError at their offset") {
  try {
    (void)to_utf8("gut \x81\x20 und", "GB18030");
    FAIL("no exception");
  } catch (const polysearch::InputError& error) {
    CHECK(error.byte_offset() == 4);
    CHECK(std::string(error.what()).find("invalid GB18030") == 0);
    CHECK(std::string(error.what()).find("at byte 4") != std::string::npos);
  }
  // A sequence cut off at the end.
  CHECK_THROWS_WITH_AS(to_utf8("ab\xB2", "Big5"), doctest::Contains("truncated sequence"),
                       polysearch::InputError);
  // A Big5 lead byte with a byte that cannot follow it.
  try {
    (void)to_utf8("abc\xC8\x7F", "Big5");
    FAIL("no exception");
  } catch (const polysearch::InputError& error) {
    CHECK(error.byte_offset() == 3);
    CHECK(std::string(error.what()) == "invalid Big5 (illegal sequence C8) at byte 3");
  }
  // ICU's windows-1252, as web browsers, maps its five unassigned bytes to C1 controls.
  CHECK(to_utf8("\x81", "windows-1252") == "\xC2\x81");
  // UTF-8 itself is checked as the library checks it.
  CHECK_THROWS_AS(to_utf8("Gr\xFCndung", "UTF-8"), polysearch::InputError);
  CHECK(to_utf8("Gründung", "utf-8") == "Gründung");
}

TEST_CASE("encoding: an unknown or empty encoding name is an InvalidArgument") {
  CHECK_THROWS_WITH_AS(to_utf8("x", "klingon-8"), doctest::Contains("unknown encoding 'klingon-8'"),
                       polysearch::InvalidArgument);
  CHECK_THROWS_AS(to_utf8("x", ""), polysearch::InvalidArgument);
  CHECK_THROWS_AS(to_utf8("", "no-such-encoding"), polysearch::InvalidArgument);
}
