// Internal: shared pieces of the arithmetic kernels.
#pragma once

#include "quiver/arrow/compute/decimal_util.h"
#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

const char* OpSymbol(ArithmeticOp op);

/// Dates, timestamps, durations and intervals (+/- with each other).
Result<ArrayPtr> TemporalArithmetic(ArithmeticOp op, const Datum& left, const Datum& right,
                                    const DataTypePtr& result_type, int64_t length);

}  // namespace quiver::compute::internal
