// The engine: feed the bytes of one order file in chunks of any size, then finish.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "retention/report.hpp"

namespace retention {

class Engine {
 public:
  explicit Engine(Options options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Chunks may split the input anywhere. Returns false once a fatal error happened (see error()).
  bool feed(const char* data, size_t size);
  // Ends the input and computes the report. Returns false on a fatal error.
  bool finish();
  // Ends one file and starts the next, with a header and layout of its own; the orders add up, and an
  // order id read in an earlier file is not counted again (dataQuality.duplicateOrders). False on a
  // fatal error in the file that ends.
  bool next_file();

  const Error& error() const;
  const Report& report() const;
  // The per-customer table, in the same order as the analyses saw it (filled by finish()).
  const CustomerResults& customers() const;
  // With options.keepRows, after finish(): the rows as the engine read them, as the CSV table the
  // generated SQL reads (customer, order, date, amount, status); empty otherwise.
  const std::string& rows_csv() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retention
