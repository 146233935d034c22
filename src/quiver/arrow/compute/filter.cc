// Filter: keep rows where the mask is true (null = false). The mask becomes
// a list of selected row numbers (word-at-a-time bit scan), then fixed-width
// values are copied directly and every other layout goes through Take.
#include <cstring>

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute {

namespace {

// Aligned copy of (mask AND mask validity) starting at bit 0.
Result<BufferPtr> SelectionBits(const BooleanArray& mask) {
  const int64_t n = mask.length();
  QUIVER_ASSIGN_OR_RAISE(auto bits,
                         AllocateBuffer(bit_util::RoundUp(bit_util::BytesForBits(n), 8)));
  uint8_t* dst = bits->mutable_data();
  bit_util::CopyBitmap(mask.values_bitmap(), mask.offset(), n, dst, 0);
  if (mask.null_count() > 0) {
    QUIVER_ASSIGN_OR_RAISE(auto valid, internal::AllocateBitmap(n));
    bit_util::CopyBitmap(mask.null_bitmap_data(), mask.offset(), n, valid->mutable_data(), 0);
    const uint8_t* v = valid->data();
    for (int64_t i = 0; i < bit_util::BytesForBits(n); ++i) dst[i] &= v[i];
  }
  // Clear the tail bits past n so that the word scan never sees them.
  for (int64_t i = n; i < bit_util::BytesForBits(n) * 8; ++i) bit_util::ClearBit(dst, i);
  return bits;
}

std::vector<int64_t> SelectedRows(const uint8_t* bits, int64_t n, int64_t count) {
  std::vector<int64_t> rows;
  rows.reserve(count);
  const int64_t words = (n + 63) / 64;
  for (int64_t w = 0; w < words; ++w) {
    uint64_t word;
    std::memcpy(&word, bits + w * 8, 8);
    while (word) {
      int b = __builtin_ctzll(word);
      rows.push_back(w * 64 + b);
      word &= word - 1;
    }
  }
  return rows;
}

template <typename T>
Result<ArrayPtr> FilterFixed(const ArrayPtr& values, const std::vector<int64_t>& rows) {
  const int64_t n = static_cast<int64_t>(rows.size());
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * static_cast<int64_t>(sizeof(T))));
  T* out = buf->mutable_data_as<T>();
  const T* in = internal::Values<T>(*values);
  for (int64_t i = 0; i < n; ++i) out[i] = in[rows[i]];
  BufferPtr validity;
  if (values->null_count() > 0) {
    QUIVER_ASSIGN_OR_RAISE(validity, internal::AllocateBitmap(n));
    const uint8_t* src = values->null_bitmap_data();
    const int64_t off = values->offset();
    uint8_t* dst = validity->mutable_data();
    for (int64_t i = 0; i < n; ++i) {
      if (bit_util::GetBit(src, off + rows[i])) bit_util::SetBit(dst, i);
    }
  }
  return internal::MakeArrayFromBuffers(values->type(), n, std::move(validity), {std::move(buf)});
}

struct Selection {
  std::vector<int64_t> rows;
  bool all = false;
};

Result<Selection> MakeSelection(int64_t length, const BooleanArray& mask) {
  if (mask.length() != length) {
    return internal::ComputeError("Filter predicate of length " + std::to_string(mask.length()) +
                                  " does not match array of length " + std::to_string(length));
  }
  Selection sel;
  int64_t count = mask.true_count();
  if (count == length) {
    sel.all = true;
    return sel;
  }
  QUIVER_ASSIGN_OR_RAISE(auto bits, SelectionBits(mask));
  sel.rows = SelectedRows(bits->data(), length, count);
  return sel;
}

Result<ArrayPtr> FilterRows(const ArrayPtr& values, const Selection& sel) {
  if (sel.all) return values;
  Result<ArrayPtr> out = ArrayPtr();
  bool done = false;
  if (values->type_id() != TypeId::kDictionary) {
    done = internal::VisitFixedWidth(*values->type(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      out = FilterFixed<T>(values, sel.rows);
    });
  }
  if (done) return out;
  return internal::TakeInt64(values, sel.rows);
}

}  // namespace

Result<ArrayPtr> Filter(const ArrayPtr& values, const BooleanArray& mask) {
  QUIVER_ASSIGN_OR_RAISE(auto sel, MakeSelection(values->length(), mask));
  return FilterRows(values, sel);
}

Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch, const BooleanArray& mask) {
  QUIVER_ASSIGN_OR_RAISE(auto sel, MakeSelection(batch->num_rows(), mask));
  if (sel.all) return batch;
  std::vector<ArrayPtr> cols;
  cols.reserve(batch->num_columns());
  for (const auto& c : batch->columns()) {
    QUIVER_ASSIGN_OR_RAISE(auto f, FilterRows(c, sel));
    cols.push_back(std::move(f));
  }
  return RecordBatch::Make(batch->schema(), static_cast<int64_t>(sel.rows.size()), std::move(cols));
}

}  // namespace quiver::compute
