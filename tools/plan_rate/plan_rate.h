// Planning rate: replays a sqllogictest script in a fresh session and records,
// for every record the script expects to succeed, whether Quiver can turn its
// SQL into a logical plan. Statements (DDL/DML) run, so later queries see the
// tables they create; queries are planned but not executed.
#pragma once

#include <string>
#include <vector>

namespace quiver::plan_rate {

struct PlanOutcome {
  int line = 0;
  bool planned = false;
  std::string error;  // display of the error when !planned
};

/// Prefix of errors that echo an earlier failed CREATE (table not found).
inline constexpr const char* kCascade = "[after a failed CREATE] ";

/// Outcomes of the records of the script at `path` that expect success, in
/// order. Must run with the script's working directory as the cwd.
std::vector<PlanOutcome> PlanScript(const std::string& path);

/// The error's construct: its message with literals, names and numbers
/// masked, cut to a short prefix, so that similar failures group together.
std::string ErrorGroup(const std::string& error);

}  // namespace quiver::plan_rate
