// Guesses the layout of a file from its first line.
#pragma once

#include <string_view>

#include "retention/report.hpp"

namespace retention {

// SPEC 3: the delimiter among , ; tab | that occurs most often (outside quotes) in the header line;
// ' ' (a whitespace-aligned table, like CDNOW's) when there is none but words apart.
char sniff_delimiter(std::string_view first_line);

// JSON when the text starts with `[`, or with `{` not followed by one complete object per line
// (then NDJSON); CSV otherwise. Looks at the first two lines.
InputFormat sniff_format(std::string_view text);

// True while `text` (the start of the file so far) cannot decide sniff_format the way the whole file
// would: it opens with `{` and its first line, or the start of the second, has not arrived.
bool sniff_needs_more(std::string_view text);

// An error for input that is not text: NUL bytes (a binary file) or a UTF-16 byte-order mark.
Error check_text(std::string_view start);

// Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3).
size_t bom_length(std::string_view bytes);

}  // namespace retention
