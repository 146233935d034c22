// Join ordering by estimated cardinality for chains of comma joins. Input
// sizes come from TableSource::Estimate (table statistics).
#pragma once

#include <optional>
#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// An order of `inputs` (indices) that joins selective inputs early: the
/// linked pair with the smallest estimated result first, then each time the
/// linked input that keeps the estimate smallest. `terms` are the conjuncts
/// of the filter over the joins. nullopt when some input has no estimate or
/// all inputs are small (their FROM-order plans are kept).
std::optional<std::vector<size_t>> CardinalityJoinOrder(const std::vector<LogicalPlanPtr>& inputs,
                                                        const std::vector<ExprPtr>& terms);

}  // namespace quiver
