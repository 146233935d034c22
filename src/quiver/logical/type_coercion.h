// Type coercion rules: which common type two operands meet at, following
// DataFusion's rules so that results and result types match it.
#pragma once

#include <utility>
#include <vector>

#include "quiver/arrow/type.h"
#include "quiver/logical/operator.h"

namespace quiver {

/// Common type for comparing (and for CASE/IN/UNION unification), or null if
/// the two cannot be compared.
DataTypePtr ComparisonCoercion(const DataTypePtr& l, const DataTypePtr& r);
/// Common numeric type for arithmetic on numbers, or null.
DataTypePtr NumericCoercion(const DataTypePtr& l, const DataTypePtr& r);

struct BinaryTypes {
  DataTypePtr left;    // type the left operand is cast to
  DataTypePtr right;   // type the right operand is cast to
  DataTypePtr result;  // type of `left op right`
};
/// Operand and result types of `l op r`, or a Plan error in DataFusion's
/// words ("Cannot coerce arithmetic expression Utf8 + Int64 to valid types").
Result<BinaryTypes> CoerceBinary(const DataTypePtr& l, Operator op, const DataTypePtr& r);

/// Common type of a list of types (CASE branches, IN lists, VALUES columns).
Result<DataTypePtr> CommonType(const std::vector<DataTypePtr>& types, const char* context);

/// The decimal type that holds every value of an integer type.
DataTypePtr DecimalForInteger(const DataType& t);

}  // namespace quiver
