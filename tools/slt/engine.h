// The engine seam: the runner drives any SQL engine through this interface,
// so the runner is tested with fakes and the corpus can run on Quiver.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::slt {

/// A query's output, already printed per the corpus rules (normalize.h).
struct SltQueryResult {
  /// One char per column, as in `query <types>`: I R T B D P ?
  std::string types;
  std::vector<std::vector<std::string>> rows;
};

class SltEngine {
 public:
  virtual ~SltEngine() = default;

  /// Called once per script before its first record (fixtures a script
  /// expects the runner to have registered). `script_name` is relative to
  /// test_files/, e.g. "map.slt".
  virtual Status Prepare(const std::string& script_name) { return Status::OK(); }

  /// Runs `sql` to completion, discarding rows. The error's display string is
  /// what `statement error <regex>` is matched against.
  virtual Status Execute(const std::string& sql) = 0;

  /// Runs `sql` and returns its printed output.
  virtual Result<SltQueryResult> Query(const std::string& sql) = 0;

  /// Display of an error, as patterns in the corpus expect to see it.
  virtual std::string ErrorText(const Status& status) const { return status.ToString(); }
};

/// Makes a fresh engine for one script (called in the script's child process).
using EngineFactory = std::function<Result<std::unique_ptr<SltEngine>>()>;

}  // namespace quiver::slt
