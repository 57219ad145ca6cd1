// The flags of analyze, sql and rows, read by one table and one set of rules (those of Node's
// util.parseArgs, as web/lib/cli-flags.js uses it), so that both CLIs answer every command alike.
#pragma once

#include <string>
#include <vector>

enum class Command : unsigned { analyze = 1, sql = 2, rows = 4 };

struct CommandArgs {
  std::vector<std::string> positionals;  // the files
  std::string options_json;              // --options with the flags laid over it: flags win (issue 9)
  std::string segments_file, export_name, out_file;
  bool json = false, help = false;
};

// Reads args[first...]. Returns the usage error's message, or "" when the arguments are well formed.
std::string parse_command_args(Command command, const std::vector<std::string>& args, size_t first, CommandArgs& out);
