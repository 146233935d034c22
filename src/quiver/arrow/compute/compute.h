// Vectorized compute kernels over Arrow arrays: the building blocks of
// physical expressions and operators. Every kernel works on whole arrays with
// typed loops (no per-row virtual calls) and reports bad input as a Status.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::compute {

/// An operand: an array, or a scalar held as a length-1 array that is
/// broadcast to the other operand's length.
struct Datum {
  ArrayPtr array;
  bool is_scalar = false;

  static Datum Array(ArrayPtr a) { return {std::move(a), false}; }
  static Datum Scalar(ArrayPtr one) { return {std::move(one), true}; }
  int64_t length() const { return array->length(); }
  const DataTypePtr& type() const { return array->type(); }
};

// ---- Cast ----

struct CastOptions {
  /// false: a value that cannot be converted is an error (CAST);
  /// true: it becomes null (TRY_CAST).
  bool to_null_on_error = false;
};

/// Whether a cast between the two types is supported at all.
bool CanCast(const DataType& from, const DataType& to);
/// Converts values with SQL/DataFusion semantics: numbers <-> numbers
/// (overflow is an error), strings <-> everything (parsing dates, times,
/// timestamps with zones, decimals, booleans, intervals), decimals with
/// rescaling, temporal <-> temporal (units, zones), dictionary decode/encode,
/// lists element-wise, structs field-wise, null -> anything.
Result<ArrayPtr> Cast(const ArrayPtr& array, const DataTypePtr& to,
                      const CastOptions& options = {});

// ---- Arithmetic ----

enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kModulo };

/// left OP right into `result_type`. Operands are already coerced by the
/// planner (same numeric type, or decimal with the result precision/scale
/// given, or temporal +/- interval/duration, timestamp - timestamp).
/// Integer overflow and division by zero are errors
/// ("Arithmetic overflow: ...", "Divide by zero error"); floats follow IEEE.
Result<ArrayPtr> Arithmetic(ArithmeticOp op, const Datum& left, const Datum& right,
                            const DataTypePtr& result_type);
Result<ArrayPtr> Negate(const Datum& value);

// ---- Comparison and logic ----

enum class CompareOp : uint8_t { kEq, kNotEq, kLt, kLtEq, kGt, kGtEq };

/// Element-wise comparison of two operands of the same type (numbers,
/// decimals, strings of any layout, binary, booleans, temporal, nested);
/// null in -> null out. Floats order NaN above everything, equal to itself.
Result<ArrayPtr> Compare(CompareOp op, const Datum& left, const Datum& right);
/// IS [NOT] DISTINCT FROM: nulls compare equal to each other; never null.
Result<ArrayPtr> IsDistinctFrom(const Datum& left, const Datum& right, bool negate);

/// Kleene three-valued AND / OR; NOT.
Result<ArrayPtr> And(const Datum& left, const Datum& right);
Result<ArrayPtr> Or(const Datum& left, const Datum& right);
Result<ArrayPtr> Not(const Datum& value);
/// IS NULL / IS NOT NULL (never null).
Result<ArrayPtr> IsNull(const Datum& value, bool negate);

// ---- Selection ----

/// Rows where `mask` is true (null counts as false).
Result<ArrayPtr> Filter(const ArrayPtr& values, const BooleanArray& mask);
Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch, const BooleanArray& mask);
/// values[indices[i]]; a null index gives a null. Indices are Int32, Int64,
/// UInt32 or UInt64; out of range is an error.
Result<ArrayPtr> Take(const ArrayPtr& values, const Array& indices);
Result<RecordBatchPtr> TakeBatch(const RecordBatchPtr& batch, const Array& indices);
/// One array holding all inputs in order (same type).
Result<ArrayPtr> Concatenate(const std::vector<ArrayPtr>& arrays);
Result<RecordBatchPtr> ConcatenateBatches(const SchemaPtr& schema,
                                          const std::vector<RecordBatchPtr>& batches);

// ---- Sorting ----

struct SortKey {
  ArrayPtr values;
  bool descending = false;
  bool nulls_first = false;
};

/// Stable permutation that sorts rows by the keys (lexicographic), as UInt64
/// indices. `limit` >= 0 keeps only the first `limit` rows (top-k).
Result<ArrayPtr> SortIndices(const std::vector<SortKey>& keys, int64_t limit = -1);

// ---- Hashing ----

/// Combines a hash of every row of each column into `hashes` (length rows),
/// which the caller initialises (e.g. to a seed). Equal values hash equally
/// across layouts of the same logical type (Utf8 vs LargeUtf8 vs view vs
/// dictionary); all nulls hash to one value.
Status HashColumns(const std::vector<ArrayPtr>& columns, uint64_t* hashes);

}  // namespace quiver::compute
