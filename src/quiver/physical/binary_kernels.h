// Binary operators the compute layer does not cover: string concatenation
// (||) and the bitwise operators on integers.
#pragma once

#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/operator.h"

namespace quiver {

/// a || b on strings (null if either side is null).
Result<ArrayPtr> ConcatStrings(const compute::Datum& left, const compute::Datum& right,
                               const DataTypePtr& result_type);
/// & | ^ << >> on integers of `result_type` (shifts use the right operand
/// modulo the bit width, as wrapping shifts do).
Result<ArrayPtr> Bitwise(Operator op, const compute::Datum& left, const compute::Datum& right,
                         const DataTypePtr& result_type);

}  // namespace quiver
