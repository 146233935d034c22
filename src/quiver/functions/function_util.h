// Helpers shared by the built-in functions: argument readers that broadcast
// scalars, output writers, validity handling and signature errors. Internal
// to the functions layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/logical/udf.h"

namespace quiver::functions {

using compute::Datum;

/// True when every argument is a scalar (the result is then a scalar too).
bool AllScalar(const std::vector<Datum>& args);
/// Rows to produce: 1 when all arguments are scalars, else num_rows.
int64_t OutputLength(const std::vector<Datum>& args, int64_t num_rows);
/// Wraps a result as a scalar Datum when all arguments were scalars.
Datum Wrap(ArrayPtr out, const std::vector<Datum>& args);

/// "No function matches the given name and argument types 'f(Utf8)'. ..."
Status SignatureError(const std::string& name, const std::vector<DataTypePtr>& args,
                      const std::vector<std::string>& candidates);
/// Plan error for a wrong number of arguments.
Status ArgCountError(const std::string& name, const std::vector<DataTypePtr>& args,
                     const std::string& expected);

/// Validity of all args ANDed over `length` rows (null when all valid).
Result<BufferPtr> CombinedValidity(const std::vector<Datum>& args, int64_t length);

/// Reads strings of any layout (Utf8, LargeUtf8, Utf8View, the binary kinds,
/// dictionaries of those) with scalar broadcasting: row i of a scalar is row 0.
class StringReader {
 public:
  explicit StringReader(const Datum& d);
  bool IsNull(int64_t i) const {
    int64_t r = i * stride_;
    return bitmap_ ? !bit_util::GetBit(bitmap_, offset_ + r) : all_null_;
  }
  std::string_view Get(int64_t i) const {
    int64_t r = i * stride_;
    switch (kind_) {
      case 0: return {data_ + off32_[r], static_cast<size_t>(off32_[r + 1] - off32_[r])};
      case 1: return {data_ + off64_[r], static_cast<size_t>(off64_[r + 1] - off64_[r])};
      default: return static_cast<const BinaryViewArray&>(*array_).GetView(r);
    }
  }
  const ArrayPtr& array() const { return array_; }

 private:
  ArrayPtr array_;
  int kind_ = 0;  // 0: int32 offsets, 1: int64 offsets, 2: views
  const int32_t* off32_ = nullptr;
  const int64_t* off64_ = nullptr;
  const char* data_ = nullptr;
  const uint8_t* bitmap_ = nullptr;
  int64_t offset_ = 0;
  int64_t stride_ = 1;
  bool all_null_ = false;
};

/// Zeroed bytes that stand in for the values of an all-null column.
alignas(64) inline constexpr uint8_t kZeroBytes[64] = {};

/// Reads a fixed-width column of storage type T with scalar broadcasting.
template <typename T>
class NumReader {
 public:
  explicit NumReader(const Datum& d)
      : values_(d.type()->id() == TypeId::kNull ? reinterpret_cast<const T*>(kZeroBytes)
                                                : compute::internal::Values<T>(*d.array)),
        bitmap_(d.array->null_bitmap_data()),
        offset_(d.array->offset()),
        stride_(d.is_scalar || d.type()->id() == TypeId::kNull ? 0 : 1),
        all_null_(d.type()->id() == TypeId::kNull) {}
  bool IsNull(int64_t i) const {
    return bitmap_ ? !bit_util::GetBit(bitmap_, offset_ + i * stride_) : all_null_;
  }
  T Get(int64_t i) const { return values_[i * stride_]; }

 private:
  const T* values_;
  const uint8_t* bitmap_;
  int64_t offset_;
  int64_t stride_;
  bool all_null_;
};

/// Reads booleans with scalar broadcasting.
class BoolReader {
 public:
  explicit BoolReader(const Datum& d);
  bool IsNull(int64_t i) const {
    return bitmap_ ? !bit_util::GetBit(bitmap_, offset_ + i * stride_) : all_null_;
  }
  bool Get(int64_t i) const { return bit_util::GetBit(bits_, offset_ + i * stride_); }

 private:
  const uint8_t* bits_ = nullptr;
  const uint8_t* bitmap_ = nullptr;
  int64_t offset_ = 0;
  int64_t stride_ = 1;
  bool all_null_ = false;
};

/// Builds a Utf8/LargeUtf8/Binary/LargeBinary column: values are appended to
/// one byte string, offsets are recorded, and Finish() wraps the buffers.
class StringWriter {
 public:
  StringWriter(DataTypePtr type, int64_t length);
  void Append(std::string_view v) {
    data_.append(v);
    Commit();
  }
  void AppendNull() {
    null_rows_.push_back(static_cast<int64_t>(offsets_.size()) - 1);
    offsets_.push_back(static_cast<int64_t>(data_.size()));
  }
  /// Bytes of the value being built; call Commit() when done.
  std::string& data() { return data_; }
  void Commit() { offsets_.push_back(static_cast<int64_t>(data_.size())); }
  Result<ArrayPtr> Finish();

 private:
  DataTypePtr type_;
  std::string data_;
  std::vector<int64_t> offsets_;
  std::vector<int64_t> null_rows_;
};

/// Builds a fixed-width column of T plus validity.
template <typename T>
class NumWriter {
 public:
  NumWriter(DataTypePtr type, int64_t length) : type_(std::move(type)), values_(length) {}
  T* values() { return values_.data(); }
  void SetNull(int64_t i) {
    if (validity_.empty()) validity_.assign(values_.size(), 1);
    validity_[i] = 0;
  }
  /// Rows whose bit is clear in `bitmap` (may be null: all valid) are null,
  /// in addition to those passed to SetNull().
  void SetValidity(BufferPtr bitmap) { base_validity_ = std::move(bitmap); }
  Result<ArrayPtr> Finish();

 private:
  DataTypePtr type_;
  std::vector<T> values_;
  std::vector<uint8_t> validity_;
  BufferPtr base_validity_;
};

/// Boolean output.
class BoolWriter {
 public:
  explicit BoolWriter(int64_t length) : values_(length, 0) {}
  void Set(int64_t i, bool v) { values_[i] = v; }
  void SetNull(int64_t i) {
    if (validity_.empty()) validity_.assign(values_.size(), 1);
    validity_[i] = 0;
  }
  Result<ArrayPtr> Finish();

 private:
  std::vector<uint8_t> values_;
  std::vector<uint8_t> validity_;
};

/// Packs a byte-per-row validity vector into a bitmap (null if empty),
/// ANDed with `base` when given.
Result<BufferPtr> PackValidity(const std::vector<uint8_t>& validity,
                               const BufferPtr& base = nullptr);

/// A length-1 array holding `s` (Utf8).
Result<ArrayPtr> Utf8Scalar(std::string_view s);

/// Helpers for signatures.
bool IsStringLike(const DataType& t);  // strings and Null
/// Utf8 unless the type is LargeUtf8 (string function results).
DataTypePtr StringResultType(const DataTypePtr& t);
/// Scalar string argument value, or an error if it is not a constant.
Result<std::string> ScalarString(const Datum& d, const std::string& fn, const char* what);

/// Lower-cased copy (ASCII).
std::string AsciiLower(std::string_view s);

}  // namespace quiver::functions

namespace quiver::functions {

/// Row i of the result is row i of args[which[i]] (row 0 of a scalar), or
/// null when which[i] < 0. Every argument must have the same type.
Result<ArrayPtr> Choose(const std::vector<Datum>& args, const std::vector<int32_t>& which);

}  // namespace quiver::functions

#include <functional>

namespace quiver::functions {

/// A scalar function assembled from callables (one call per batch, never
/// per row), for the many small built-ins that need no state of their own.
struct FunctionSpec {
  std::string name;
  std::vector<std::string> aliases;
  std::function<Result<std::vector<DataTypePtr>>(const std::vector<DataTypePtr>&)> coerce;
  std::function<Result<DataTypePtr>(const std::vector<DataTypePtr>&)> return_type;
  std::function<Result<Datum>(const std::vector<Datum>&, int64_t)> invoke;
  Volatility volatility = Volatility::kImmutable;
};

class SpecFunction : public ScalarUDF {
 public:
  explicit SpecFunction(FunctionSpec spec) : spec_(std::move(spec)) {}
  std::string name() const override { return spec_.name; }
  std::vector<std::string> aliases() const override { return spec_.aliases; }
  Volatility volatility() const override { return spec_.volatility; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return spec_.coerce(a);
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override {
    return spec_.return_type(a);
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    return spec_.invoke(args, num_rows);
  }

 private:
  FunctionSpec spec_;
};

/// Checks arguments against a pattern, one letter per argument: 'S' string
/// (Null -> Utf8, dictionaries -> their value type), 'I' integer (-> Int64),
/// 'A' anything (unchanged). Arguments after `min_args` are optional; a
/// trailing '*' repeats the last letter.
Result<std::vector<DataTypePtr>> CoerceByPattern(const std::string& name,
                                                 const std::vector<DataTypePtr>& args,
                                                 const std::string& pattern, size_t min_args);

}  // namespace quiver::functions
