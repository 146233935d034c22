// ArrayData: the Arrow columnar layout of one array, exactly as the format
// specifies (buffers, offset, length, null count, children, dictionary). Every
// typed Array is a view over one of these; slicing only changes the offset.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/arrow/type.h"

namespace quiver {

constexpr int64_t kUnknownNullCount = -1;

struct ArrayData;
using ArrayDataPtr = std::shared_ptr<ArrayData>;

struct ArrayData {
  DataTypePtr type;
  int64_t length = 0;
  int64_t null_count = 0;  // kUnknownNullCount until computed
  int64_t offset = 0;      // in elements, into every buffer and child
  /// buffers[0] is the validity bitmap (null when there are no nulls). Then,
  /// by layout: values; offsets + data; views + variadic data buffers.
  std::vector<BufferPtr> buffers;
  std::vector<ArrayDataPtr> children;
  ArrayDataPtr dictionary;  // Dictionary type only

  static ArrayDataPtr Make(DataTypePtr type, int64_t length, std::vector<BufferPtr> buffers,
                           int64_t null_count = kUnknownNullCount, int64_t offset = 0,
                           std::vector<ArrayDataPtr> children = {}) {
    auto d = std::make_shared<ArrayData>();
    d->type = std::move(type);
    d->length = length;
    d->buffers = std::move(buffers);
    d->null_count = null_count;
    d->offset = offset;
    d->children = std::move(children);
    return d;
  }

  /// Null count, computing (and caching) it from the bitmap if unknown.
  int64_t GetNullCount();
  /// Zero-copy slice; the null count becomes unknown unless there are no nulls.
  ArrayDataPtr Slice(int64_t offset, int64_t length) const;
  /// Checks buffer sizes, offsets and children against the type, so that
  /// data from outside (C Data imports, files) can never read out of bounds.
  Status Validate() const;
};

}  // namespace quiver
