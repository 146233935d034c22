// DISTINCT for any aggregate: keeps the distinct (group, value) pairs and
// feeds them to the wrapped accumulator only when the result is evaluated.
// Its partial state is one list of distinct values per group.
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/udf.h"

namespace quiver {

std::unique_ptr<GroupsAccumulator> MakeDistinctAccumulator(
    std::unique_ptr<GroupsAccumulator> inner, std::vector<DataTypePtr> input_types);

}  // namespace quiver
