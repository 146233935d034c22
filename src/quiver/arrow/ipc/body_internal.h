// Internal to the IPC reader and writer: the body of a record batch message
// (field nodes plus buffers, depth first) to and from ArrayData.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "quiver/arrow/ipc/compression.h"
#include "quiver/arrow/ipc/metadata_internal.h"

namespace quiver::ipc::internal {

/// One body buffer to write; `keep` owns the bytes (a view or a new buffer).
struct BodyBuffer {
  const uint8_t* data = nullptr;
  int64_t size = 0;
  BufferPtr keep;
};

struct EncodedBody {
  std::vector<fb::FieldNode> nodes;
  std::vector<BodyBuffer> buffers;
  std::vector<int64_t> variadic_counts;
  /// Dictionaries referenced by the encoded arrays, by id.
  std::vector<std::pair<int64_t, ArrayDataPtr>> dictionaries;
};

/// Appends one array (any offset) to `body`. Fixed-width values and
/// byte-aligned bitmaps are referenced, not copied.
Status EncodeArray(const ArrayDataPtr& data, const DictIdTree& ids, EncodedBody* body);

/// Current dictionary of an id (null if none has been read).
using DictionaryLookup = std::function<ArrayDataPtr(int64_t id)>;

/// Decodes arrays from a RecordBatch message body, one column at a time.
class BodyDecoder {
 public:
  BodyDecoder(const fb::RecordBatch* batch, BufferPtr body, DictionaryLookup dictionaries)
      : batch_(batch), body_(std::move(body)), dictionaries_(std::move(dictionaries)) {}
  Status Init();
  Result<ArrayDataPtr> Decode(const DataTypePtr& type, const DictIdTree& ids, int depth = 0);
  /// Errors unless every node and buffer was consumed.
  Status Finish() const;

 private:
  Result<BufferPtr> NextBuffer();
  Result<BufferPtr> NextBufferAligned(int64_t alignment);
  Result<const fb::FieldNode*> NextNode();

  const fb::RecordBatch* batch_;
  BufferPtr body_;
  DictionaryLookup dictionaries_;
  Compression codec_ = Compression::kNone;
  size_t node_ = 0;
  size_t buffer_ = 0;
  size_t variadic_ = 0;
};

}  // namespace quiver::ipc::internal
