// Internal (decorrelation): lifts the predicates of a correlated subquery
// that mention outer columns out of its plan, so they can become join
// conditions between the outer query and the (now uncorrelated) subquery.
#pragma once

#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

struct PulledUpSubquery {
  LogicalPlanPtr plan;          // no outer references left
  std::vector<ExprPtr> preds;   // over plan's output columns and outer references
  bool aggregated = false;      // an Aggregate now groups by the correlated columns
  bool extra_group_by = false;  // ... and also by columns of its own GROUP BY
};

/// Moves outer-reference predicates of Filters (and inner joins) up through
/// projections, aliases and aggregations (equalities only: the aggregate
/// then groups by their inner side). Plan error for a correlated predicate
/// that cannot move; NotImplemented for other correlated shapes.
Result<PulledUpSubquery> PullUpCorrelated(const LogicalPlanPtr& plan);

}  // namespace quiver
