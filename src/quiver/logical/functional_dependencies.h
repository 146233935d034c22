// Functional dependencies of a plan's output: which columns determine which
// others (a PRIMARY KEY determines its table's row, GROUP BY keys determine
// an aggregate's row). GROUP BY uses them so that the SELECT list may name
// columns a grouped key determines.
#pragma once

#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// Rows agreeing on the `source` columns agree on the `target` columns
/// (indices into the plan's output schema). `key` also says no two rows share
/// a source value, so the dependency extends to columns computed per row.
struct FunctionalDependence {
  std::vector<int> source;
  std::vector<int> target;
  bool key = false;
};

/// The dependencies known for `plan`'s output (derived from table primary
/// keys, aggregates and ROW_NUMBER() over one partition); possibly none.
std::vector<FunctionalDependence> FunctionalDependencies(const LogicalPlan& plan);

/// Every output column that the columns `given` determine, `given` included.
std::vector<bool> DeterminedColumns(const LogicalPlan& plan, const std::vector<int>& given);
/// Whether at most one row of `plan` has any one combination of values of
/// the columns `given` (they determine a key).
bool IsUniqueOn(const LogicalPlan& plan, const std::vector<int>& given);

}  // namespace quiver
