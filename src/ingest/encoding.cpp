#include "ingest/encoding.hpp"

#include "ingest/csv_scan.hpp"

namespace retention {

namespace {

// Windows-1252's 0x80..0x9F (the rest of 0xA0..0xFF equals Latin-1, i.e. U+00A0..U+00FF).
constexpr char16_t kCp1252High[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                      0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// 1 when the bytes at `p` start a valid UTF-8 character, 0 when they do not, -1 when they are cut short.
int utf8_at(std::string_view s, size_t p) {
  auto c = static_cast<unsigned char>(s[p]);
  size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || (n == 2 && c < 0xC2) || c > 0xF4) return 0;
  for (size_t k = 1; k < n; ++k) {
    if (p + k >= s.size()) return -1;
    if ((static_cast<unsigned char>(s[p + k]) & 0xC0) != 0x80) return 0;
  }
  return 1;
}

}  // namespace

std::string_view Transcoder::convert(std::string_view bytes) {
  out_.clear();
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80) out_ += c;
    else append_utf8(out_, u < 0xA0 ? kCp1252High[u - 0x80] : u);
  }
  return out_;
}

std::string_view Transcoder::feed(std::string_view chunk) {
  if (mode_ == Mode::utf8) return chunk;
  if (mode_ == Mode::cp1252) return convert(chunk);
  if (!held_.empty()) held_.append(chunk);
  std::string_view text = held_.empty() ? chunk : std::string_view(held_);
  size_t cut = text.size();  // a character cut by the chunk's end starts here
  // Only the first non-ASCII byte decides the encoding; the ASCII before it is skipped 16 bytes at a time.
  if (auto i = static_cast<size_t>(find_non_ascii(text.data(), text.data() + text.size()) - text.data());
      i < text.size()) {
    int verdict = utf8_at(text, i);
    if (verdict < 0) cut = i;
    else mode_ = verdict > 0 ? Mode::utf8 : Mode::cp1252;
  }
  if (mode_ == Mode::cp1252) {
    std::string all(text);
    held_.clear();
    return convert(all);
  }
  if (!held_.empty()) {
    out_.assign(held_, 0, cut);
    held_.erase(0, cut);
    return out_;
  }
  held_.assign(text.substr(cut));
  return text.substr(0, cut);
}

std::string_view Transcoder::finish() {
  if (held_.empty()) return {};
  mode_ = Mode::cp1252;  // an incomplete UTF-8 character at the very end was never UTF-8
  std::string rest;
  rest.swap(held_);
  return convert(rest);
}

const char* Transcoder::encoding() const {
  switch (mode_) {
    case Mode::undecided: return "ascii";
    case Mode::utf8: return "utf-8";
    case Mode::cp1252: return "windows-1252";
  }
  return "ascii";
}

}  // namespace retention
