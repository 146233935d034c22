// Flattens arrays into IPC body buffers. Offsets are rebased and bitmaps
// shifted only when a slice requires it; otherwise buffers are referenced.
#include <cstring>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/ipc/body_internal.h"

namespace quiver::ipc::internal {

namespace {

BodyBuffer View(const BufferPtr& b, int64_t offset, int64_t size) {
  if (!b || size <= 0) return {};
  return {b->data() + offset, size, b};
}

Result<BodyBuffer> Owned(BufferPtr b) {
  BodyBuffer out{b->data(), b->size(), b};
  return out;
}

// A bitmap of bits [offset, offset + length), as a view when byte aligned.
Result<BodyBuffer> Bitmap(const BufferPtr& b, int64_t offset, int64_t length) {
  if (!b || length == 0) return BodyBuffer{};
  if (offset % 8 == 0) return View(b, offset / 8, bit_util::BytesForBits(length));
  QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBuffer(bit_util::BytesForBits(length)));
  bit_util::CopyBitmap(b->data(), offset, length, out->mutable_data(), 0);
  return Owned(std::move(out));
}

// Offsets of [offset, offset + length], rebased to start at zero when needed.
template <typename OffsetT>
Result<BodyBuffer> Offsets(const ArrayData& d, OffsetT* first, OffsetT* last) {
  const auto* src = d.buffers[1]->data_as<OffsetT>() + d.offset;
  *first = src[0];
  *last = src[d.length];
  const int64_t bytes = (d.length + 1) * static_cast<int64_t>(sizeof(OffsetT));
  if (*first == 0)
    return View(d.buffers[1], d.offset * static_cast<int64_t>(sizeof(OffsetT)), bytes);
  QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBuffer(bytes));
  auto* dst = out->mutable_data_as<OffsetT>();
  for (int64_t i = 0; i <= d.length; ++i) dst[i] = src[i] - *first;
  return Owned(std::move(out));
}

template <typename OffsetT>
Status EncodeBinary(const ArrayData& d, EncodedBody* body) {
  OffsetT first, last;
  QUIVER_ASSIGN_OR_RAISE(auto offsets, Offsets<OffsetT>(d, &first, &last));
  body->buffers.push_back(std::move(offsets));
  body->buffers.push_back(d.buffers.size() > 2 ? View(d.buffers[2], first, last - first)
                                               : BodyBuffer{});
  return Status::OK();
}

template <typename OffsetT>
Status EncodeList(const ArrayData& d, const DictIdTree& ids, EncodedBody* body) {
  OffsetT first, last;
  QUIVER_ASSIGN_OR_RAISE(auto offsets, Offsets<OffsetT>(d, &first, &last));
  body->buffers.push_back(std::move(offsets));
  const auto& child = d.children[0];
  bool whole = first == 0 && last == child->length;
  return EncodeArray(whole ? child : child->Slice(first, last - first), ids.children[0], body);
}

}  // namespace

Status EncodeArray(const ArrayDataPtr& data, const DictIdTree& ids, EncodedBody* body) {
  ArrayData& d = *data;
  const TypeId id = d.type->id();
  body->nodes.emplace_back(d.length, d.GetNullCount());
  if (id == TypeId::kNull) return Status::OK();  // no buffers
  const BufferPtr& validity = d.buffers.empty() ? nullptr : d.buffers[0];
  if (d.GetNullCount() == 0) {
    body->buffers.push_back({});
  } else {
    QUIVER_ASSIGN_OR_RAISE(auto bits, Bitmap(validity, d.offset, d.length));
    body->buffers.push_back(std::move(bits));
  }
  switch (id) {
    case TypeId::kBoolean: {
      QUIVER_ASSIGN_OR_RAISE(auto bits, Bitmap(d.buffers[1], d.offset, d.length));
      body->buffers.push_back(std::move(bits));
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: return EncodeBinary<int32_t>(d, body);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return EncodeBinary<int64_t>(d, body);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      body->buffers.push_back(View(d.buffers[1], d.offset * 16, d.length * 16));
      for (size_t i = 2; i < d.buffers.size(); ++i) {
        body->buffers.push_back(View(d.buffers[i], 0, d.buffers[i] ? d.buffers[i]->size() : 0));
      }
      body->variadic_counts.push_back(static_cast<int64_t>(d.buffers.size()) - 2);
      return Status::OK();
    }
    case TypeId::kList:
    case TypeId::kMap: return EncodeList<int32_t>(d, ids, body);
    case TypeId::kLargeList: return EncodeList<int64_t>(d, ids, body);
    case TypeId::kFixedSizeList: {
      const int64_t n = d.type->list_size();
      const auto& child = d.children[0];
      bool whole = d.offset == 0 && child->length == d.length * n;
      return EncodeArray(whole ? child : child->Slice(d.offset * n, d.length * n), ids.children[0],
                         body);
    }
    case TypeId::kStruct:
      for (size_t i = 0; i < d.children.size(); ++i) {
        const auto& child = d.children[i];
        bool whole = d.offset == 0 && child->length == d.length;
        QUIVER_RETURN_NOT_OK(
            EncodeArray(whole ? child : child->Slice(d.offset, d.length), ids.children[i], body));
      }
      return Status::OK();
    case TypeId::kDictionary: {
      const int64_t w = d.type->index_type()->bit_width() / 8;
      body->buffers.push_back(View(d.buffers[1], d.offset * w, d.length * w));
      if (!d.dictionary) return Status::Arrow("dictionary array without a dictionary");
      body->dictionaries.emplace_back(ids.id, d.dictionary);
      return Status::OK();
    }
    default: {
      const int64_t w = d.type->bit_width() / 8;
      body->buffers.push_back(View(d.buffers[1], d.offset * w, d.length * w));
      return Status::OK();
    }
  }
}

}  // namespace quiver::ipc::internal
