// `retention-kit sql` and `retention-kit rows` (issue 14): the warehouse path in the native CLI.
#pragma once

#include <string>
#include <vector>

// args[0] is "sql" or "rows". Returns the exit code (0, 1 error, 2 usage).
int warehouse_command(const std::vector<std::string>& args);
