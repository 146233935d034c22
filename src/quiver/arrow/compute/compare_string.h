// Internal: string array vs scalar string comparison kernel.
#pragma once

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

/// Writes `left op right` bits for every row (nulls handled by the caller's
/// validity) when one side is a Utf8/LargeUtf8/Binary/LargeBinary array and
/// the other a non-null scalar of the same family; false when not handled.
bool CompareStringScalar(CompareOp op, const Datum& left, const Datum& right, uint8_t* out);

}  // namespace quiver::compute::internal
