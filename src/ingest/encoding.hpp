// Text encodings as merchants' files come: UTF-8, or Windows-1252 (Excel's "CSV" on Windows).
#pragma once

#include <string>
#include <string_view>

namespace retention {

// Decides the encoding at the first byte above 0x7F: valid UTF-8 there means UTF-8, anything else
// Windows-1252, whose bytes are then converted to UTF-8. Chunks may split a character anywhere.
class Transcoder {
 public:
  // The chunk as UTF-8; valid until the next call.
  std::string_view feed(std::string_view chunk);
  // Bytes held back at the end (a UTF-8 character cut by the end of the input) as UTF-8.
  std::string_view finish();
  const char* encoding() const;  // "ascii" until a non-ASCII byte, then "utf-8" or "windows-1252"

 private:
  enum class Mode { undecided, utf8, cp1252 };
  std::string_view convert(std::string_view bytes);

  Mode mode_ = Mode::undecided;
  std::string held_;  // the start of a character cut by the chunk's end, while undecided
  std::string out_;
};

}  // namespace retention
