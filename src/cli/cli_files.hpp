// What both native commands share: the error line for a file, in the npm CLI's wording, and reads.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

inline int file_error(const char* what, const std::string& file) {
  std::fprintf(stderr, "retention-kit: cannot %s %s: %s\n", what, file.c_str(), std::strerror(errno));
  return 1;
}

inline bool read_stream(std::FILE* in, std::string& out) {
  char buffer[1 << 16];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) out.append(buffer, n);
  return !std::ferror(in);
}

inline bool read_whole_file(const std::string& path, std::string& out) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return false;
  bool ok = read_stream(in, out);
  std::fclose(in);
  return ok;
}
