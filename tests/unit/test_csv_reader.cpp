#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ingest/csv_reader.hpp"

using retention::CsvReader;
using retention::CsvRecord;

namespace {

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  retention::Error error;
};

// Parses `text` fed in pieces cut at `cuts` (byte offsets, ascending).
Parsed parse(const std::string& text, char delimiter = ',', std::vector<size_t> cuts = {}) {
  Parsed out;
  CsvReader reader(delimiter, [&](const CsvRecord& r) {
    out.rows.emplace_back(r.fields.begin(), r.fields.end());
    out.lines.push_back(r.line);
    return true;
  });
  size_t start = 0;
  cuts.push_back(text.size());
  for (size_t cut : cuts) {
    reader.feed(std::string_view(text).substr(start, cut - start));
    start = cut;
  }
  out.error = reader.finish();
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain fields split on the delimiter, one record per line") {
  auto p = parse("a,b,c\n1,2,3\n");
  CHECK(p.rows == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(p.lines == std::vector<int64_t>{1, 2});
}

TEST_CASE("a quoted field keeps its delimiters") {
  CHECK(parse("x,\"1,000.50\",y\n").rows == Rows{{"x", "1,000.50", "y"}});
}

TEST_CASE("a doubled quote inside quotes is one quote") {
  CHECK(parse("\"say \"\"hi\"\"\",b\n").rows == Rows{{"say \"hi\"", "b"}});
  CHECK(parse("\"\"\"\"\n").rows == Rows{{"\""}});
}

TEST_CASE("a quoted newline stays inside the field and the next record starts on the right line") {
  SUBCASE("LF") {
    auto p = parse("h1,h2\n\"two\nlines\",x\nnext,y\n");
    CHECK(p.rows == Rows{{"h1", "h2"}, {"two\nlines", "x"}, {"next", "y"}});
    CHECK(p.lines == std::vector<int64_t>{1, 2, 4});
  }
  SUBCASE("CRLF is kept as written inside quotes") {
    auto p = parse("\"a\r\nb\",c\r\nd,e\r\n");
    CHECK(p.rows == Rows{{"a\r\nb", "c"}, {"d", "e"}});
    CHECK(p.lines == std::vector<int64_t>{1, 3});
  }
}

TEST_CASE("CRLF, LF and lone CR all end a record") {
  CHECK(parse("a,b\r\n1,2\r\n").rows == Rows{{"a", "b"}, {"1", "2"}});
  auto cr = parse("a,b\r1,2\r");
  CHECK(cr.rows == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(cr.lines == std::vector<int64_t>{1, 2});
}

TEST_CASE("the last record needs no final newline") {
  CHECK(parse("a,b\n1,2").rows == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,\"b\"").rows == Rows{{"a", "b"}});
}

TEST_CASE("empty fields are kept, including a trailing one") {
  CHECK(parse("a,,c,\n").rows == Rows{{"a", "", "c", ""}});
  CHECK(parse(",\n").rows == Rows{{"", ""}});
}

TEST_CASE("blank lines are skipped but still counted") {
  auto p = parse("a\n\n\r\nb\n");
  CHECK(p.rows == Rows{{"a"}, {"b"}});
  CHECK(p.lines == std::vector<int64_t>{1, 4});
  CHECK(parse("\"\"\n").rows == Rows{{""}});  // a quoted empty field is a record, not a blank line
}

TEST_CASE("quotes that do not open a field are kept as written") {
  CHECK(parse("5\" screen,b\n").rows == Rows{{"5\" screen", "b"}});
  CHECK(parse("\"ab\"c,d\n").rows == Rows{{"abc", "d"}});
}

TEST_CASE("other delimiters: semicolon, tab and pipe") {
  CHECK(parse("a;\"b;c\"\n", ';').rows == Rows{{"a", "b;c"}});
  CHECK(parse("a\tb\n", '\t').rows == Rows{{"a", "b"}});
  CHECK(parse("a|b,c\n", '|').rows == Rows{{"a", "b,c"}});
}

TEST_CASE("an unterminated quote is an error naming the line where the quote opened") {
  auto p = parse("a,b\n1,2\n3,\"never closed\n4,5\n");
  CHECK(p.error.code == retention::ErrorCode::unterminated_quote);
  CHECK(p.error.line == 3);
  CHECK(p.error.message == "a quoted field starts here and is never closed");
  CHECK(p.rows == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("a chunk boundary at every byte position gives the same records") {
  const std::string text =
      "id,\"na,me\",note\r\n1,\"a \"\"quoted\"\" word\",\"multi\r\nline\"\r\n2,,x\r3,\"\",\"\"\"\"\n4,last,\"end\"";
  Parsed whole = parse(text);
  REQUIRE(whole.rows.size() == 5);
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    CAPTURE(cut);
    Parsed split = parse(text, ',', {cut});
    CHECK(split.rows == whole.rows);
    CHECK(split.lines == whole.lines);
  }
  SUBCASE("and so does one byte at a time") {
    std::vector<size_t> cuts;
    for (size_t i = 1; i < text.size(); ++i) cuts.push_back(i);
    Parsed bytewise = parse(text, ',', cuts);
    CHECK(bytewise.rows == whole.rows);
    CHECK(bytewise.lines == whole.lines);
  }
}

TEST_CASE("fields read in place and fields copied across chunks agree, whatever the cuts") {
  // Fields that stay views into a chunk next to fields that must be copied: a doubled quote still
  // open at a cut, text after a closing quote, and records longer than a chunk.
  const std::string text = "a,\"x\"\"y\"\"z\",b,\"q\"r,s\n" + std::string(100, 'w') + ",\"" + std::string(40, 'v') +
                           "\"\"\",t\r\nend,\"\",\"open\nquote\"\n";
  Parsed whole = parse(text);
  REQUIRE(whole.rows.size() == 3);
  CHECK(whole.rows[0] == std::vector<std::string>{"a", "x\"y\"z", "b", "qr", "s"});
  CHECK(whole.rows[1] == std::vector<std::string>{std::string(100, 'w'), std::string(40, 'v') + "\"", "t"});
  CHECK(whole.lines == std::vector<int64_t>{1, 2, 3});
  for (size_t first = 1; first < text.size(); first += 3) {
    for (size_t second = first + 1; second < text.size(); second += 7) {
      CAPTURE(first);
      CAPTURE(second);
      Parsed split = parse(text, ',', {first, second});
      CHECK(split.rows == whole.rows);
      CHECK(split.lines == whole.lines);
    }
  }
}

TEST_CASE("a quoted field over many chunks is read whole, with the fields around it") {
  // 200 KB of quoted text with doubled quotes and newlines, fed 1,000 bytes at a time: after the first
  // chunk the open field lives in the reader's buffer and grows there, chunk after chunk. Then fields
  // ended in a chunk before an open copied field (a doubled quote right before the cut).
  std::string inner;
  for (int i = 0; inner.size() < 200000; ++i) inner += i % 7 == 0 ? "\"\"" : i % 11 == 0 ? "\n" : "abc,";
  std::string expected_inner;
  for (size_t i = 0; i < inner.size(); ++i) {
    expected_inner += inner[i];
    if (inner[i] == '"') ++i;  // a doubled quote is one
  }
  const std::string text = "id,note,tail\n1,\"" + inner + "\",t1\n2,x,\"y\"\"z\"\n";
  std::vector<size_t> cuts;
  for (size_t at = 1000; at < text.size(); at += 1000) cuts.push_back(at);
  const size_t before_cut = text.rfind("\"\"z");  // the doubled quote of the last record, cut right after it
  cuts.push_back(before_cut + 2);
  std::sort(cuts.begin(), cuts.end());
  Parsed split = parse(text, ',', cuts);
  REQUIRE(split.rows.size() == 3);
  CHECK(split.rows[1] == std::vector<std::string>{"1", expected_inner, "t1"});
  CHECK(split.rows[2] == std::vector<std::string>{"2", "x", "y\"z"});
  CHECK(split.rows == parse(text).rows);
  CHECK(split.lines == parse(text).lines);
}

TEST_CASE("a whitespace-aligned table splits on runs of spaces and tabs") {
  auto p = parse(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n\t00002\t19970112 5 77.00  \n", ' ');
  CHECK(p.rows == Rows{{"customer_id", "date", "number_of_cds", "dollar_value"},
                       {"00001", "19970101", "1", "11.77"},
                       {"00002", "19970112", "5", "77.00"}});
  CHECK(parse("   \n a \"b c\"  d\n", ' ').rows == Rows{{"a", "b c", "d"}});
}

TEST_CASE("records read whole 64 bytes at a time agree with the byte-by-byte reading, on random text") {
  // Whole chunks take the fast path for unquoted records; one byte at a time never does. Random text
  // mixes both kinds of record, long fields, blank lines and every line end, so the two readings
  // meet at every kind of hand-over.
  std::mt19937 random(11);
  const std::vector<std::string> pieces = {"a", "bc", ",", ",", "\n", "\r\n", "\r", "\"", "\"\"", " ",
                                           std::string(70, 'x'), "1234.56", "2024-01-02", ",,,"};
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 120);
    for (int i = 0; i < length; ++i) {
      size_t k = random() % pieces.size();
      if (round % 3 == 0 && (pieces[k] == "\"" || pieces[k] == "\"\"")) k = 0;  // some texts without quotes
      text += pieces[k];
    }
    CAPTURE(text);
    std::vector<size_t> bytes;
    for (size_t i = 1; i < text.size(); ++i) bytes.push_back(i);
    const Parsed bytewise = parse(text, ',', bytes);
    const Parsed whole = parse(text);
    CHECK(whole.rows == bytewise.rows);
    CHECK(whole.lines == bytewise.lines);
    CHECK(whole.error.code == bytewise.error.code);
    CHECK(whole.error.line == bytewise.error.line);
    if (text.size() > 2) {
      const size_t cut = 1 + random() % (text.size() - 1);
      const Parsed split = parse(text, ',', {cut});
      CHECK(split.rows == bytewise.rows);
      CHECK(split.lines == bytewise.lines);
    }
  }
}

TEST_CASE("a consumer that stops reading stops the fast path too") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "customer" + std::to_string(i) + ",2024-01-01,10.00\n";
  int seen = 0;
  CsvReader reader(',', [&](const CsvRecord&) { return ++seen < 3; });
  CHECK_FALSE(reader.feed(text));
  CHECK(seen == 3);
}

TEST_CASE("records of hundreds of fields are read whole, fields in order, on the fast path and across cuts") {
  // A record's fields keep their room from record to record and grow it as a wider one comes.
  for (size_t width : {15, 16, 17, 255, 600}) {
    CAPTURE(width);
    std::string wide;
    std::vector<std::string> fields;
    for (size_t i = 0; i < width; ++i) {
      wide += (i ? "," : "") + std::to_string(i);
      fields.push_back(std::to_string(i));
    }
    const std::string text = "a,b\n" + wide + "\nc,d\n" + wide + "\n";
    const Rows rows{{"a", "b"}, fields, {"c", "d"}, fields};
    const Parsed whole = parse(text);
    CHECK(whole.rows == rows);
    CHECK(whole.lines == std::vector<int64_t>{1, 2, 3, 4});
    CHECK(parse(text, ',', {text.size() / 3, text.size() / 2}).rows == rows);
  }
}
