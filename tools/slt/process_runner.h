// Runs scripts in forked child processes, a few at a time: a crash or hang in
// one script costs that record only. On a timeout or crash the parent starts a
// fresh child that replays the script's earlier state-changing records
// (unscored) and continues after the bad record.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine.h"
#include "outcome.h"
#include "record.h"

namespace quiver::slt {

struct ScriptJob {
  std::string name;  // display name, e.g. "aggregate.slt" or "tpch/tpch.slt"
  std::string path;
  std::vector<Record> records;
  /// When set, no record runs and every one is counted as skipped for this reason.
  std::string skip_all_reason;
};

struct ScriptResult {
  std::string name;
  std::string path;
  std::vector<RecordOutcome> outcomes;  // index-aligned with the job's records
  int restarts = 0;
  double seconds = 0;
  std::string note;  // setup failures, give-ups
};

struct ProcessOptions {
  int jobs = 2;
  double record_timeout_s = 20;
  /// Fresh children a script may need (after timeouts and crashes) before the
  /// rest of it is given up as failed.
  int max_restarts = 10;
  /// The child's working directory; it also gets test_files/scratch/<stem>/.
  std::string workdir;
  /// Children's stdout goes to /dev/null so the runner's own stdout stays clean.
  bool silence_child_stdout = true;
  /// Address-space limit of each child in MiB (0: none), so a runaway query
  /// fails alone instead of exhausting a shared machine.
  int64_t memory_limit_mb = 0;
  EngineFactory factory;
  /// Called in the parent as each script finishes (progress output).
  std::function<void(const ScriptResult&)> on_script_done;
};

std::vector<ScriptResult> RunScripts(const std::vector<ScriptJob>& jobs,
                                     const ProcessOptions& options);

}  // namespace quiver::slt
