// What the native commands share: the error line for a file, in the npm CLI's wording, and reads.
#pragma once

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

inline int file_error(const char* what, const std::string& file, int error = errno) {
  std::fprintf(stderr, "retention-kit: cannot %s %s: %s\n", what, file.c_str(), std::strerror(error));
  return 1;
}

// "-" is standard input. A folder is refused with EISDIR, as Node refuses it (fopen opens one on Linux).
inline std::FILE* open_input(const std::string& file, int& error) {
  std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  error = in ? 0 : errno;
  struct stat info;
  if (in && in != stdin && fstat(fileno(in), &info) == 0 && S_ISDIR(info.st_mode)) {
    std::fclose(in);
    in = nullptr;
    error = EISDIR;
  }
  return in;
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
