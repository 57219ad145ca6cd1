#include "cli/huge_pages.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <malloc.h>
#include <unistd.h>
#endif

namespace retention {

std::string huge_page_tunables(const char* tunables, const char* wanted, std::string_view glibc_version,
                               std::string_view thp_mode) {
  constexpr const char* kTunable = "glibc.malloc.hugetlb";
  if ((wanted && std::strcmp(wanted, "0") == 0) || (tunables && std::strstr(tunables, kTunable))) return "";
  // The tunable exists from glibc 2.35 on.
  int major = 0, minor = 0;
  if (std::sscanf(std::string(glibc_version).c_str(), "%d.%d", &major, &minor) != 2 || major * 1000 + minor < 2035)
    return "";
  // "always [madvise] never": huge pages on request only. Under "always" the heap has them already.
  if (thp_mode.find("[madvise]") == std::string_view::npos) return "";
  return (tunables && *tunables ? std::string(tunables) + ":" : std::string()) + kTunable + "=1";
}

void use_huge_pages(char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
  std::ifstream mode_file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  std::getline(mode_file, mode);
  const std::string tunables = huge_page_tunables(std::getenv("GLIBC_TUNABLES"), std::getenv("RETENTION_KIT_HUGE_PAGES"),
                                                  gnu_get_libc_version(), mode);
  if (tunables.empty() || setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);  // returns only on failure: then the CLI runs as it is
#else
  (void)argv;
#endif
}

void keep_freed_memory() {
#if defined(__linux__) && defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);                   // every block from the heap, none mapped on its own
  mallopt(M_TRIM_THRESHOLD, 1 << 30);       // and the heap's top given back only past 1 GB free
#endif
}

}  // namespace retention
