// Internal: shared pieces of the arithmetic kernels.
#pragma once

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

const char* OpSymbol(ArithmeticOp op);
Int128 Pow10(int n);

/// Dates, timestamps, durations and intervals (+/- with each other).
Result<ArrayPtr> TemporalArithmetic(ArithmeticOp op, const Datum& left, const Datum& right,
                                    const DataTypePtr& result_type, int64_t length);

}  // namespace quiver::compute::internal
