// Byte sinks and sources for Arrow IPC: in-memory buffers and local files.
// Reading is zero-copy where it can be: a memory-mapped file or an in-memory
// buffer is sliced, never copied.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "quiver/arrow/buffer.h"

namespace quiver::ipc {

class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status Write(const void* data, int64_t size) = 0;
  /// Flushes and closes; further writes fail.
  virtual Status Close() = 0;
  /// Bytes written so far.
  virtual int64_t position() const = 0;
};

/// Accumulates everything written in one 64-byte aligned buffer.
class BufferOutputStream : public OutputStream {
 public:
  explicit BufferOutputStream(MemoryPool* pool = default_memory_pool()) : pool_(pool) {}
  Status Write(const void* data, int64_t size) override;
  Status Close() override { return Status::OK(); }
  int64_t position() const override { return size_; }
  /// The bytes written; the stream starts over empty.
  Result<BufferPtr> Finish();

 private:
  MemoryPool* pool_;
  BufferPtr buffer_;
  int64_t size_ = 0;
};

/// Writes to a local file (created or truncated), buffering small writes.
class FileOutputStream : public OutputStream {
 public:
  static Result<std::unique_ptr<FileOutputStream>> Open(const std::string& path);
  ~FileOutputStream() override;
  Status Write(const void* data, int64_t size) override;
  Status Close() override;
  int64_t position() const override { return position_; }

 private:
  FileOutputStream(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Status Flush();
  Status WriteAll(const void* data, int64_t size);
  int fd_;
  std::string path_;
  std::string pending_;
  int64_t position_ = 0;
};

/// Sequential reads; Read returns fewer bytes than asked only at the end.
class InputStream {
 public:
  virtual ~InputStream() = default;
  virtual Result<BufferPtr> Read(int64_t size) = 0;
};

/// Reads from a buffer by slicing it (zero-copy).
class BufferInputStream : public InputStream {
 public:
  explicit BufferInputStream(BufferPtr buffer) : buffer_(std::move(buffer)) {}
  Result<BufferPtr> Read(int64_t size) override;

 private:
  BufferPtr buffer_;
  int64_t position_ = 0;
};

/// The whole file, memory-mapped read-only (empty files give an empty buffer).
Result<BufferPtr> MapFile(const std::string& path);

}  // namespace quiver::ipc
