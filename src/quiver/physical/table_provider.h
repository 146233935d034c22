// TableProvider: a table the engine can scan. Memory tables, file listings
// and user tables all implement it; the physical planner asks it for a scan
// plan with the projection, filters and limit the optimizer pushed down.
//
// It lives in the physical layer (not datasource/) because the physical
// planner needs the interface while datasource/ implements it.
#pragma once

#include <optional>
#include <vector>

#include "quiver/common/config.h"
#include "quiver/logical/expr.h"
#include "quiver/logical/table_source.h"
#include "quiver/physical/execution_plan.h"

namespace quiver {

struct ScanArgs {
  std::optional<std::vector<int>> projection;  // indices into schema()
  std::vector<ExprPtr> filters;                // the provider may use them to skip data
  std::optional<int64_t> limit;                // rows needed (only when no filter remains above)
  const ConfigOptions* config = nullptr;
};

class TableProvider : public TableSource {
 public:
  virtual Result<ExecutionPlanPtr> Scan(const ScanArgs& args) = 0;
  /// What is known of the whole table without reading it; nullopt: nothing.
  virtual std::optional<Statistics> statistics() const { return std::nullopt; }
  /// The row count and per-column distinct values of statistics() (distinct
  /// counts, or integer / date min-max ranges); nullopt for an unknown row
  /// count (table_estimate.cc).
  std::optional<TableEstimate> Estimate() const override;
  /// Appends rows (INSERT INTO). Default: not supported.
  virtual Status Insert(const std::vector<RecordBatchPtr>& batches, bool overwrite) {
    return Status::NotImplemented("Insert into this table is not supported");
  }
};

using TableProviderPtr = std::shared_ptr<TableProvider>;

}  // namespace quiver
