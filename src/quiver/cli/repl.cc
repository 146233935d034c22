#include "quiver/cli/repl.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <readline/history.h>
#include <readline/readline.h>

namespace quiver::cli {

namespace {

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home ? std::string(home) + "/.quiver_history" : ".quiver_history";
}

bool EndsStatement(const std::string& text) {
  size_t end = text.find_last_not_of(" \t\r\n");
  return end != std::string::npos && text[end] == ';';
}

void PrintHelp() {
  std::printf(
      "Enter SQL statements ending with ';'.\n"
      "  \\q, quit, exit    leave\n"
      "  \\d                list tables\n"
      "  \\d NAME           describe a table\n"
      "  \\?                this help\n");
}

}  // namespace

int RunRepl(SessionContext& ctx, const PrintOptions& options) {
  std::string history = HistoryPath();
  read_history(history.c_str());
  std::printf("Quiver CLI. Type \\? for help, \\q to quit.\n");
  std::string buffer;
  for (;;) {
    char* raw = readline(buffer.empty() ? "quiver> " : "     -> ");
    if (raw == nullptr) break;  // EOF (Ctrl-D)
    std::string line(raw);
    std::free(raw);
    if (buffer.empty()) {
      std::string cmd = line.substr(0, line.find_last_not_of(" \t;") + 1);
      if (cmd == "\\q" || cmd == "quit" || cmd == "exit") break;
      if (cmd == "\\?") {
        PrintHelp();
        continue;
      }
      if (cmd == "\\d") line = "SHOW TABLES;";
      else if (cmd.rfind("\\d ", 0) == 0) line = "DESCRIBE " + cmd.substr(3) + ";";
      if (cmd.empty()) continue;
    }
    buffer += (buffer.empty() ? "" : "\n") + line;
    if (!EndsStatement(buffer)) continue;
    add_history(buffer.c_str());
    Status st = RunSql(ctx, buffer, options);
    if (!st.ok()) std::fprintf(stderr, "Error: %s\n\n", st.ToString().c_str());
    buffer.clear();
  }
  write_history(history.c_str());
  return 0;
}

}  // namespace quiver::cli
