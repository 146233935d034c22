// min/max over strings and binaries (Utf8, LargeUtf8, Utf8View and the
// binary counterparts): compares values in place and copies each group's
// winner once per batch.
#pragma once

#include <memory>

#include "quiver/logical/udf.h"

namespace quiver {

/// Group-indexed min (is_max false) or max of `type`, a string or binary type.
std::unique_ptr<GroupsAccumulator> MakeStringMinMaxAccumulator(DataTypePtr type, bool is_max);

}  // namespace quiver
