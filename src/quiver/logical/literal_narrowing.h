// Comparing a number with a literal of another numeric type without casting
// every row: when the literal is exactly a value of the number's own type,
// `x op literal` can compare in that type (DataFusion shows such filters as
// `l_quantity < Decimal128(Some(2400),15,2)`).
#pragma once

#include <optional>

#include "quiver/common/scalar_value.h"

namespace quiver {

/// Every value of `from` is exactly one value of `to`, in the same order
/// (integers and Decimal128 only).
bool WidensLosslessly(const DataType& from, const DataType& to);

/// For `x op lit` that coercion would compare at `common`, with x of type
/// `own`: `lit` as an `own` value when x widens losslessly to `common` and
/// the literal converts to `own` exactly (it round-trips to the same `common`
/// value). Null literals and anything else give nullopt.
std::optional<ScalarValue> NarrowComparisonLiteral(const ScalarValue& lit, const DataTypePtr& own,
                                                   const DataTypePtr& common);

}  // namespace quiver
