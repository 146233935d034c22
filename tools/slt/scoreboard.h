// Scoring of a run, per script and in total, and its reports: the one-line
// summary, JSON and a Markdown table. Headline "passed" is strict (error
// records must match their pattern); lenient error passes are reported beside it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "process_runner.h"
#include "quiver/arrow/status.h"

namespace quiver::slt {

struct Failure {
  std::string location;  // file:line
  std::string reason;
  std::string sql;
  std::string expected;
  std::string actual;
};

struct ScriptScore {
  std::string name;
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t skipped = 0;
  int64_t explain_total = 0;    // EXPLAIN records: not scored
  int64_t explain_matched = 0;  // ... of which printed the expected plan
  int64_t error_records = 0;    // scored records expecting an error
  int64_t error_strict = 0;     // ... that failed with a matching message
  int64_t error_lenient = 0;    // ... that failed at all
  int64_t types_differ = 0;     // passed, but with other column type letters
  int64_t timeouts = 0;
  int64_t crashes = 0;
  int restarts = 0;
  double seconds = 0;
  std::string note;
  std::optional<Failure> first_failure;

  int64_t scored() const { return passed + failed; }
  /// Passed when any error counts for error records.
  int64_t lenient_passed() const { return passed + error_lenient - error_strict; }
  void Add(const ScriptScore& other);
};

struct Scoreboard {
  std::vector<ScriptScore> scripts;
  ScriptScore total;
};

/// Scores results; `jobs` and `results` are index-aligned.
Scoreboard BuildScoreboard(const std::vector<ScriptJob>& jobs,
                           const std::vector<ScriptResult>& results);

/// Every failing record of one script, for --verbose.
std::vector<Failure> ListFailures(const ScriptJob& job, const ScriptResult& result);

/// "slt: 1234 passed, 567 failed, 89 skipped (scored 1801), pass rate 68.5%"
std::string SummaryLine(const Scoreboard& board);
std::string ToJson(const Scoreboard& board);
std::string ToMarkdown(const Scoreboard& board);

/// The floor file holds one integer: the least total of passed records.
Result<int64_t> ReadFloor(const std::string& path);
/// Writes max(current floor, passed); returns the value written.
Result<int64_t> RatchetFloor(const std::string& path, int64_t passed);

}  // namespace quiver::slt
