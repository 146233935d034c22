// Runs SQL text statement by statement and prints results, as the CLI does.
#pragma once

#include <string>

#include "quiver/execution/session_context.h"

namespace quiver::cli {

enum class OutputFormat { kTable, kCsv, kTsv };

struct PrintOptions {
  OutputFormat format = OutputFormat::kTable;
  bool quiet = false;  // no "N rows in set" footer
  /// Runs of each query (statements returning columns; DDL runs once). The
  /// last run's result is printed.
  int repeat = 1;
  /// After each query, print "timing<TAB>ms,ms,..." (one per run, planning +
  /// execution, not printing) to stderr, for benchmark drivers.
  bool timing = false;
};

/// Parses `sql` into statements and runs each in order, printing every
/// result to stdout. Stops at the first error, which is returned (the caller
/// prints it); results printed before it stay printed.
Status RunSql(SessionContext& ctx, const std::string& sql, const PrintOptions& options);

}  // namespace quiver::cli
