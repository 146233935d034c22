// Helpers for the array (list) functions: a reader over List, LargeList and
// FixedSizeList columns with scalar broadcasting, and a writer that gathers
// the elements of its output lists from one source array by index, so every
// function is a pass over offsets plus a single vectorized Take.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/compute/row_compare.h"
#include "quiver/functions/function_util.h"

namespace quiver::functions {

/// Reads a list column (List, LargeList, FixedSizeList, or Null: every row
/// null); row i of a scalar is row 0. Start/End index into values().
class ListReader {
 public:
  explicit ListReader(const Datum& d);
  bool IsNull(int64_t i) const {
    if (kind_ == 3) return true;
    int64_t r = i * stride_;
    return bitmap_ && !bit_util::GetBit(bitmap_, offset_ + r);
  }
  int64_t Start(int64_t i) const {
    int64_t r = i * stride_;
    switch (kind_) {
      case 0: return off32_[r];
      case 1: return off64_[r];
      case 2: return (offset_ + r) * size_;
      default: return 0;
    }
  }
  int64_t End(int64_t i) const {
    int64_t r = i * stride_;
    switch (kind_) {
      case 0: return off32_[r + 1];
      case 1: return off64_[r + 1];
      case 2: return (offset_ + r + 1) * size_;
      default: return 0;
    }
  }
  int64_t Length(int64_t i) const { return End(i) - Start(i); }
  /// Child values (never null; an empty Null array for a Null column).
  const ArrayPtr& values() const { return values_; }

 private:
  ArrayPtr values_;
  int kind_ = 3;  // 0: List, 1: LargeList, 2: FixedSizeList, 3: Null
  const int32_t* off32_ = nullptr;
  const int64_t* off64_ = nullptr;
  int64_t size_ = 0;
  const uint8_t* bitmap_ = nullptr;
  int64_t offset_ = 0;
  int64_t stride_ = 1;
};

/// Builds a List or LargeList column whose elements are rows of one source
/// array (index -1: a null element).
class ListWriter {
 public:
  explicit ListWriter(DataTypePtr type) : type_(std::move(type)) { offsets_.push_back(0); }
  void Push(int64_t source_index) { indices_.push_back(source_index); }
  /// Ends the current list (valid) / appends a null list.
  void Commit() {
    offsets_.push_back(static_cast<int64_t>(indices_.size()));
    valid_.push_back(1);
  }
  void AppendNull() {
    offsets_.push_back(static_cast<int64_t>(indices_.size()));
    valid_.push_back(0);
    has_null_ = true;
  }
  int64_t size() const { return static_cast<int64_t>(indices_.size()); }
  /// Gathers the elements from `source` (cast to the element type if needed).
  Result<ArrayPtr> Finish(const ArrayPtr& source);

 private:
  DataTypePtr type_;
  std::vector<int64_t> indices_;
  std::vector<int64_t> offsets_;
  std::vector<uint8_t> valid_;
  bool has_null_ = false;
};

/// A List/LargeList array from offsets (length + 1), a byte per row validity
/// (empty: all valid) and child values of the element type.
Result<ArrayPtr> MakeListArray(const DataTypePtr& type, const std::vector<int64_t>& offsets,
                               const std::vector<uint8_t>& valid, const ArrayPtr& values);

/// Concatenates arrays (cast to `type` first) into one source for a
/// ListWriter; bases[k] is where array k starts.
Result<ArrayPtr> ConcatSources(const std::vector<ArrayPtr>& arrays, const DataTypePtr& type,
                               std::vector<int64_t>* bases);

/// Equality of elements across two arrays (nulls equal each other).
class ElementEq {
 public:
  static Result<ElementEq> Make(const ArrayPtr& left, const ArrayPtr& right);
  bool Equal(int64_t i, int64_t j) const { return cmp_->Compare(i, j) == 0; }
  int Compare(int64_t i, int64_t j) const { return cmp_->Compare(i, j); }

 private:
  std::shared_ptr<compute::internal::RowComparator> cmp_;
};

// ---- Types ----

bool IsListType(const DataType& t);  // List, LargeList, FixedSizeList
/// Element type of a list type (Null for the Null type).
DataTypePtr ElementType(const DataTypePtr& t);
/// List of `item` shaped like `like`: LargeList stays large, others List.
DataTypePtr ListLike(const DataTypePtr& like, const DataTypePtr& item);
/// Number of list levels of a type (0 for a non-list).
int ListDepth(const DataTypePtr& t);
/// The innermost non-list type.
DataTypePtr BaseElementType(const DataTypePtr& t);
/// `t` with its innermost element type replaced by `base`.
DataTypePtr ReplaceBaseType(const DataTypePtr& t, const DataTypePtr& base);
/// Common type of several types for array functions, or a Plan error.
Result<DataTypePtr> CommonElementType(const std::vector<DataTypePtr>& types, const std::string& fn);

/// Reads an Int64 argument (after coercion) with broadcasting.
using Int64Reader = NumReader<int64_t>;

}  // namespace quiver::functions
