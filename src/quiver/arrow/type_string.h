// Parser for DataFusion's Arrow type strings, as arrow_cast takes them and
// arrow_typeof prints them: `Int64`, `Timestamp(Microsecond, Some("+08:00"))`,
// `Dictionary(Int32, Utf8)`, `List(Int64)`, `FixedSizeList(3, Int64)`,
// `Decimal128(5, 2)`, `Interval(MonthDayNano)`, `Duration(Second)`, ...
#pragma once

#include <string_view>

#include "quiver/arrow/type.h"

namespace quiver {

/// The type a string names, or a Plan error such as
/// "Unsupported type 'x'. Must be a supported arrow type name such as 'Int32'
/// or 'Timestamp(Nanosecond, None)'. Error unrecognized word: x".
Result<DataTypePtr> ParseArrowTypeString(std::string_view text);

}  // namespace quiver
