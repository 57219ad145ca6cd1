// Guesses the layout of a file from its first line.
#pragma once

#include <string_view>

namespace retention {

// SPEC 3: the delimiter among , ; tab | that occurs most often (outside quotes) in the header line.
char sniff_delimiter(std::string_view first_line);

// Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3).
size_t bom_length(std::string_view bytes);

}  // namespace retention
