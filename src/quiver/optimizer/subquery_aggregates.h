// Internal functions the subquery decorrelation builds into plans (the
// optimizer has no function registry): row counts and the value of a scalar
// subquery, which must come from at most one row.
#pragma once

#include "quiver/logical/udf.h"

namespace quiver {

/// count(x): rows where x is not null (count(Int64(1)) counts every row).
AggregateUDFPtr SubqueryCountUdf();
/// The only value of its group (NULL for no rows); more than one row is an
/// execution error ("Scalar subquery returned more than one row").
AggregateUDFPtr ScalarSubqueryValueUdf();
/// row_number() as a window function (per-outer-row LIMIT of a subquery).
WindowUDFPtr SubqueryRowNumberUdf();

}  // namespace quiver
