// Rebuilds arrays from an IPC body. Buffers are zero-copy slices of the body
// (decompressed ones excepted); every size is checked, and the caller
// validates the result, so a corrupt file gives an error, never a bad read.
#include <cstring>
#include <string>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/ipc/body_internal.h"

namespace quiver::ipc::internal {

namespace {
constexpr int kMaxDepth = 64;
// Refuse absurd decompressed sizes from corrupt input before allocating.
constexpr int64_t kMaxDecompressedBuffer = int64_t{1} << 36;

Status Invalid(const std::string& what) { return Status::IO("Invalid Arrow IPC body: " + what); }
}  // namespace

Status BodyDecoder::Init() {
  if (batch_ == nullptr) return Invalid("missing record batch header");
  if (batch_->length() < 0) return Invalid("negative batch length");
  if (batch_->nodes() == nullptr) return Invalid("missing field nodes");
  if (batch_->buffers() == nullptr) return Invalid("missing buffers");
  if (const fb::BodyCompression* c = batch_->compression()) {
    if (c->method() != fb::BodyCompressionMethod::BUFFER) {
      return Status::NotImplemented("Arrow IPC: unknown body compression method");
    }
    switch (c->codec()) {
      case fb::CompressionType::LZ4_FRAME: codec_ = Compression::kLz4Frame; break;
      case fb::CompressionType::ZSTD: codec_ = Compression::kZstd; break;
      default: return Status::NotImplemented("Arrow IPC: unknown compression codec");
    }
  }
  return Status::OK();
}

Status BodyDecoder::Finish() const {
  if (node_ != batch_->nodes()->size() || buffer_ != batch_->buffers()->size()) {
    return Invalid("field nodes or buffers left over: the schema does not match the batch");
  }
  return Status::OK();
}

Result<const fb::FieldNode*> BodyDecoder::NextNode() {
  if (node_ >= batch_->nodes()->size()) return Invalid("too few field nodes");
  const fb::FieldNode* n = batch_->nodes()->Get(static_cast<flatbuffers::uoffset_t>(node_++));
  if (n->length() < 0 || n->null_count() < 0 || n->null_count() > n->length()) {
    return Invalid("bad field node");
  }
  return n;
}

Result<BufferPtr> BodyDecoder::NextBuffer() {
  if (buffer_ >= batch_->buffers()->size()) return Invalid("too few buffers");
  const fb::Buffer* b = batch_->buffers()->Get(static_cast<flatbuffers::uoffset_t>(buffer_++));
  const int64_t off = b->offset(), len = b->length();
  if (off < 0 || len < 0 || off > body_->size() || len > body_->size() - off) {
    return Invalid("buffer outside the message body");
  }
  if (len == 0) return Buffer::Slice(body_, off, 0);
  if (codec_ == Compression::kNone) return Buffer::Slice(body_, off, len);
  // Compressed: int64 uncompressed length, then the codec's bytes (or the
  // raw bytes when the length is -1).
  if (len < 8) return Invalid("compressed buffer without its length prefix");
  int64_t raw_len;
  std::memcpy(&raw_len, body_->data() + off, 8);
  if (raw_len == -1) return Buffer::Slice(body_, off + 8, len - 8);
  if (raw_len < 0 || raw_len > kMaxDecompressedBuffer) return Invalid("bad uncompressed length");
  return Decompress(codec_, body_->data() + off + 8, len - 8, raw_len);
}

Result<BufferPtr> BodyDecoder::NextBufferAligned(int64_t alignment) {
  QUIVER_ASSIGN_OR_RAISE(auto b, NextBuffer());
  // Foreign writers align to 8 only; 16-byte values are read with wide loads.
  if (reinterpret_cast<uintptr_t>(b->data()) % alignment != 0) return CopyBuffer(b->view());
  return b;
}

Result<ArrayDataPtr> BodyDecoder::Decode(const DataTypePtr& type, const DictIdTree& ids,
                                         int depth) {
  if (depth > kMaxDepth) return Invalid("nesting too deep");
  QUIVER_ASSIGN_OR_RAISE(const fb::FieldNode* node, NextNode());
  auto d = std::make_shared<ArrayData>();
  d->type = type;
  d->length = node->length();
  d->null_count = node->null_count();
  const TypeId id = type->id();
  if (id == TypeId::kNull) {
    d->buffers = {nullptr};
    d->null_count = d->length;
    return d;
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, NextBuffer());
  if (d->null_count > 0) {
    if (validity->size() < bit_util::BytesForBits(d->length))
      return Invalid("short validity bitmap");
    d->buffers.push_back(std::move(validity));
  } else {
    d->buffers.push_back(nullptr);
  }
  auto expect_children = [&](size_t n) -> Status {
    if (ids.children.size() < n) return Invalid("dictionary id tree does not match the type");
    return Status::OK();
  };
  switch (id) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      QUIVER_ASSIGN_OR_RAISE(auto offsets, NextBuffer());
      QUIVER_ASSIGN_OR_RAISE(auto data, NextBuffer());
      if (d->length == 0 && offsets->size() == 0) {
        QUIVER_ASSIGN_OR_RAISE(offsets, AllocateBuffer(8));  // one zero offset
      }
      d->buffers.push_back(std::move(offsets));
      d->buffers.push_back(std::move(data));
      return d;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      QUIVER_ASSIGN_OR_RAISE(auto views, NextBuffer());
      d->buffers.push_back(std::move(views));
      const auto* counts = batch_->variadicBufferCounts();
      if (counts == nullptr || variadic_ >= counts->size()) {
        return Invalid("missing variadic buffer count");
      }
      int64_t n = counts->Get(static_cast<flatbuffers::uoffset_t>(variadic_++));
      if (n < 0 || n > static_cast<int64_t>(batch_->buffers()->size())) {
        return Invalid("bad variadic buffer count");
      }
      for (int64_t i = 0; i < n; ++i) {
        QUIVER_ASSIGN_OR_RAISE(auto b, NextBuffer());
        d->buffers.push_back(std::move(b));
      }
      return d;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      QUIVER_RETURN_NOT_OK(expect_children(1));
      QUIVER_ASSIGN_OR_RAISE(auto offsets, NextBuffer());
      if (d->length == 0 && offsets->size() == 0) {
        QUIVER_ASSIGN_OR_RAISE(offsets, AllocateBuffer(8));
      }
      d->buffers.push_back(std::move(offsets));
      QUIVER_ASSIGN_OR_RAISE(auto child,
                             Decode(type->field(0)->type(), ids.children[0], depth + 1));
      d->children.push_back(std::move(child));
      return d;
    }
    case TypeId::kFixedSizeList: {
      QUIVER_RETURN_NOT_OK(expect_children(1));
      QUIVER_ASSIGN_OR_RAISE(auto child,
                             Decode(type->field(0)->type(), ids.children[0], depth + 1));
      d->children.push_back(std::move(child));
      return d;
    }
    case TypeId::kStruct: {
      QUIVER_RETURN_NOT_OK(expect_children(type->fields().size()));
      for (int i = 0; i < type->num_fields(); ++i) {
        QUIVER_ASSIGN_OR_RAISE(auto child,
                               Decode(type->field(i)->type(), ids.children[i], depth + 1));
        d->children.push_back(std::move(child));
      }
      return d;
    }
    case TypeId::kDictionary: {
      QUIVER_ASSIGN_OR_RAISE(auto indices, NextBuffer());
      d->buffers.push_back(std::move(indices));
      d->dictionary = dictionaries_(ids.id);
      if (!d->dictionary) {
        return Invalid("no dictionary with id " + std::to_string(ids.id) + " before its batch");
      }
      return d;
    }
    default: {
      const int bits = type->bit_width();
      QUIVER_ASSIGN_OR_RAISE(auto values, NextBufferAligned(bits >= 128 ? 16 : 1));
      d->buffers.push_back(std::move(values));
      return d;
    }
  }
}

}  // namespace quiver::ipc::internal
