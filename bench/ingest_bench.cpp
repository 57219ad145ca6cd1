// Native ingest benchmark: feeds a file in 1 MiB chunks and times reading (feed) apart from the
// analysis (finish), in wall and CPU seconds (CPU is what a shared machine does not inflate);
// prints the peak resident memory. Usage: retention_bench FILE
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "cli/huge_pages.hpp"
#include "retention/engine.hpp"

int main(int argc, char** argv) {
  retention::use_huge_pages(argv);  // measured as the native CLI runs
  if (argc != 2) {
    std::fprintf(stderr, "usage: retention_bench FILE\n");
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  if (!in) {
    std::perror(argv[1]);
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  auto cpu_now = [] {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  };
  double feed_cpu = 0;
  retention::Engine engine{retention::Options{}};
  std::vector<char> buffer(1 << 20);
  double feed_seconds = 0;
  size_t bytes = 0;
  for (;;) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
    if (n == 0) break;
    bytes += n;
    auto t = Clock::now();
    double c = cpu_now();
    if (!engine.feed(buffer.data(), n)) break;
    feed_cpu += cpu_now() - c;
    feed_seconds += std::chrono::duration<double>(Clock::now() - t).count();
  }
  std::fclose(in);
  auto t = Clock::now();
  double c = cpu_now();
  bool ok = engine.finish();
  double finish_cpu = cpu_now() - c;
  double finish_seconds = std::chrono::duration<double>(Clock::now() - t).count();
  if (!ok) {
    std::fprintf(stderr, "%s\n", retention::describe_error(engine.error()).c_str());
    return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto& s = engine.report().summary;
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("native: %.1f MB, %lld rows, %lld customers: ingest %.3f CPU s (%.1f MB per CPU-s; wall %.3f s), "
              "analysis %.3f CPU s (wall %.3f s), peak RSS %.0f MB\n",
              mb, static_cast<long long>(s.rowsRead), static_cast<long long>(s.customers), feed_cpu, mb / feed_cpu,
              feed_seconds, finish_cpu, finish_seconds, static_cast<double>(usage.ru_maxrss) / 1024);
  return 0;
}
