// Arrow IPC readers: the streaming format (sequential) and the file format
// (random access through the footer). Batches are zero-copy views of the
// input where the body is uncompressed, and are validated before they are
// returned, so corrupt input gives an error.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/ipc/io.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::ipc {

class DictionaryState;

class IpcStreamReader {
 public:
  /// Reads the schema message at once.
  static Result<std::unique_ptr<IpcStreamReader>> Open(std::unique_ptr<InputStream> in);
  static Result<std::unique_ptr<IpcStreamReader>> Open(BufferPtr data);
  ~IpcStreamReader();

  const SchemaPtr& schema() const;
  /// The next batch, or nullptr at the end of the stream.
  Result<RecordBatchPtr> Next();

 private:
  IpcStreamReader() = default;
  std::unique_ptr<InputStream> in_;
  std::unique_ptr<DictionaryState> state_;
  bool done_ = false;
};

class IpcFileReader {
 public:
  /// Reads the footer and every dictionary.
  static Result<std::unique_ptr<IpcFileReader>> Open(BufferPtr file);
  /// Memory-maps the file at `path`.
  static Result<std::unique_ptr<IpcFileReader>> Open(const std::string& path);
  ~IpcFileReader();

  const SchemaPtr& schema() const;
  int num_record_batches() const { return static_cast<int>(batch_blocks_.size()); }
  Result<RecordBatchPtr> ReadRecordBatch(int i);

 private:
  struct Block {
    int64_t offset;
    int64_t metadata_length;
    int64_t body_length;
  };
  IpcFileReader() = default;
  Result<RecordBatchPtr> ReadBlock(const Block& block, bool dictionary);

  BufferPtr file_;
  std::unique_ptr<DictionaryState> state_;
  std::vector<Block> dict_blocks_;
  std::vector<Block> batch_blocks_;
};

/// True if `data` starts with the IPC file magic ("ARROW1").
bool IsIpcFile(const Buffer& data);

/// Every batch of an IPC file or stream (the format is detected).
Result<std::vector<RecordBatchPtr>> ReadAllBatches(BufferPtr data, SchemaPtr* schema = nullptr);
Result<std::vector<RecordBatchPtr>> ReadAllBatches(const std::string& path,
                                                   SchemaPtr* schema = nullptr);

}  // namespace quiver::ipc
