// Native ingest benchmark: feeds a file in 1 MiB chunks and times reading (feed) apart from the
// analysis (finish); prints the peak resident memory. Usage: retention_bench FILE
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "retention/engine.hpp"

int main(int argc, char** argv) {
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
  retention::Engine engine{retention::Options{}};
  std::vector<char> buffer(1 << 20);
  double feed_seconds = 0;
  size_t bytes = 0;
  for (;;) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
    if (n == 0) break;
    bytes += n;
    auto t = Clock::now();
    if (!engine.feed(buffer.data(), n)) break;
    feed_seconds += std::chrono::duration<double>(Clock::now() - t).count();
  }
  std::fclose(in);
  auto t = Clock::now();
  bool ok = engine.finish();
  double finish_seconds = std::chrono::duration<double>(Clock::now() - t).count();
  if (!ok) {
    std::fprintf(stderr, "%s\n", retention::describe_error(engine.error()).c_str());
    return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto& s = engine.report().summary;
  std::printf("native: %.1f MB, %lld rows, %lld customers: ingest %.3f s (%.1f MB/s), analysis %.3f s, peak RSS %.0f MB\n",
              static_cast<double>(bytes) / 1e6, static_cast<long long>(s.rowsRead), static_cast<long long>(s.customers),
              feed_seconds, static_cast<double>(bytes) / 1e6 / feed_seconds, finish_seconds,
              static_cast<double>(usage.ru_maxrss) / 1024);
  return 0;
}
