// The native CLI's choice to start again with glibc's heap in huge pages (cli/huge_pages.hpp).
#include <doctest/doctest.h>

#include "cli/huge_pages.hpp"

using retention::huge_page_tunables;

TEST_CASE("huge pages: asked for where the kernel gives them on request only") {
  const char* madvise = "always [madvise] never";
  CHECK(huge_page_tunables(nullptr, nullptr, "2.36", madvise) == "glibc.malloc.hugetlb=1");
  CHECK(huge_page_tunables("", nullptr, "2.40", madvise) == "glibc.malloc.hugetlb=1");
  CHECK(huge_page_tunables(nullptr, "1", "3.0", madvise) == "glibc.malloc.hugetlb=1");
  // The user's own tunables are kept.
  CHECK(huge_page_tunables("glibc.malloc.arena_max=2", nullptr, "2.36", madvise) ==
        "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST_CASE("huge pages: left alone where they do not apply or are decided already") {
  const char* madvise = "always [madvise] never";
  CHECK(huge_page_tunables(nullptr, nullptr, "2.36", "[always] madvise never") == "");  // the heap has them
  CHECK(huge_page_tunables(nullptr, nullptr, "2.36", "always madvise [never]") == "");
  CHECK(huge_page_tunables(nullptr, nullptr, "2.36", "") == "");  // no THP in this kernel
  CHECK(huge_page_tunables(nullptr, nullptr, "2.34", madvise) == "");  // glibc without the tunable
  CHECK(huge_page_tunables(nullptr, nullptr, "1.99", madvise) == "");
  CHECK(huge_page_tunables(nullptr, nullptr, "unknown", madvise) == "");
  CHECK(huge_page_tunables(nullptr, "0", "2.36", madvise) == "");  // turned off by the user
  // Set already: by the user, or by this CLI before it started again (no second exec).
  CHECK(huge_page_tunables("glibc.malloc.hugetlb=0", nullptr, "2.36", madvise) == "");
  CHECK(huge_page_tunables("glibc.malloc.hugetlb=1", nullptr, "2.36", madvise) == "");
}
