// Error values as callers see them.
#include "retention/report.hpp"

namespace retention {

std::string describe_error(const Error& error) {
  return error.line > 0 ? "line " + std::to_string(error.line) + ": " + error.message : error.message;
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_options: return "invalid_options";
    case ErrorCode::empty_input: return "empty_input";
    case ErrorCode::no_data_rows: return "no_data_rows";
    case ErrorCode::missing_column: return "missing_column";
    case ErrorCode::unterminated_quote: return "unterminated_quote";
    case ErrorCode::invalid_json: return "invalid_json";
    case ErrorCode::not_text: return "not_text";
    case ErrorCode::rejected_row: return "rejected_row";
    case ErrorCode::no_orders: return "no_orders";
    case ErrorCode::input_too_large: return "input_too_large";
    case ErrorCode::out_of_memory: return "out_of_memory";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace retention
