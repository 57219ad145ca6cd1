// Native CLI on Linux with glibc: how the heap gets and keeps its memory (issue 11).
#pragma once

#include <string>
#include <string_view>

namespace retention {

// Where the kernel backs memory with huge pages only on request (THP "madvise", the default of Debian
// and Ubuntu), starts the CLI once more with glibc asked to make that request for its heap
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). The engine reads its columns and tables in random order;
// with 4 KB pages most such reads also miss the TLB and a fresh page costs a fault, which weighs most in
// a virtual machine: on the 10M-row benchmark the native run took 40% less CPU time. glibc reads its
// tunables only as a process starts, hence the exec. Returns, and the CLI goes on as it is, where this
// does not apply or is set already, where RETENTION_KIT_HUGE_PAGES=0, or when the exec fails.
void use_huge_pages(char** argv);

// Keeps freed memory in the heap for the next allocation. By default glibc maps every block above
// 32 MB of its own and unmaps it when freed, and the kernel faults in and clears the pages of each new
// map again: the columns and scratch arrays of one run come and go many times. Measured on the
// 10M-row benchmark (6 alternated runs): 0.5 s less CPU time, 7,000 faults down to 900, same peak RSS.
void keep_freed_memory();

// The GLIBC_TUNABLES value to start again with, "" for none: from the current value (null when unset),
// RETENTION_KIT_HUGE_PAGES (null when unset), glibc's version and the kernel's THP mode line.
std::string huge_page_tunables(const char* tunables, const char* wanted, std::string_view glibc_version,
                               std::string_view thp_mode);

}  // namespace retention
