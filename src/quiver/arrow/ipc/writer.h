// Arrow IPC writers: the streaming format and the file format (random
// access, with a footer), with dictionary batches and optional LZ4/ZSTD
// body compression. Also the engine's spill format.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "quiver/arrow/ipc/compression.h"
#include "quiver/arrow/ipc/io.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::ipc {

struct IpcWriteOptions {
  Compression compression = Compression::kNone;
};

class IpcWriter {
 public:
  /// Writes the schema message at once. `sink` must outlive the writer.
  static Result<std::unique_ptr<IpcWriter>> OpenStream(OutputStream* sink, SchemaPtr schema,
                                                       IpcWriteOptions options = {});
  static Result<std::unique_ptr<IpcWriter>> OpenFile(OutputStream* sink, SchemaPtr schema,
                                                     IpcWriteOptions options = {});
  ~IpcWriter();

  /// Writes one batch (any offsets), preceded by the dictionaries it needs
  /// that were not written yet. The file format cannot replace a dictionary.
  Status Write(const RecordBatch& batch);
  /// Ends the stream (end-of-stream marker; footer for files). The sink
  /// itself is not closed.
  Status Close();

  int64_t num_batches() const { return num_batches_; }

 private:
  struct State;
  IpcWriter(OutputStream* sink, SchemaPtr schema, IpcWriteOptions options, bool file);
  Status Start();

  std::unique_ptr<State> state_;
  int64_t num_batches_ = 0;
};

/// Convenience: the whole stream (or file) for `batches` in one buffer.
Result<BufferPtr> SerializeBatches(const SchemaPtr& schema,
                                   const std::vector<RecordBatchPtr>& batches, bool file_format,
                                   IpcWriteOptions options = {});

}  // namespace quiver::ipc
