// A growable window over an input stream: big sequential reads, with the
// unconsumed tail (a partial row) moved to the front before each refill.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quiver/datasource/csv/input_stream.h"

namespace quiver::csv::internal {

class BlockReader {
 public:
  static constexpr int64_t kBlockSize = 4 << 20;

  /// `start`: the stream's offset in the source (for absolute positions).
  BlockReader(std::unique_ptr<InputStream> stream, int64_t start)
      : stream_(std::move(stream)), abs_base_(start) {}

  /// Unconsumed bytes are [begin(), end()); end() has one writable byte after it.
  char* begin() { return buf_.get() + pos_; }
  char* end() { return buf_.get() + len_; }
  bool eof() const { return eof_; }
  void Consume(int64_t n) { pos_ += n; }
  /// Offset in the source of begin().
  int64_t position() const { return abs_base_ + pos_; }

  /// Keeps the unconsumed bytes and appends at least one more block (or
  /// reaches the end of the stream).
  Status Fill();

 private:
  std::unique_ptr<InputStream> stream_;
  std::unique_ptr<char[]> buf_;
  int64_t capacity_ = 0;  // usable bytes (one more is allocated)
  int64_t pos_ = 0;
  int64_t len_ = 0;
  int64_t abs_base_;
  bool eof_ = false;
};

class Tokenizer;

/// Reads one record (header, or the first row) into `fields`, refilling as
/// needed; false when only blank or comment lines remain.
Result<bool> ReadOneRecord(BlockReader* reader, Tokenizer* tokenizer,
                           std::vector<std::string>* fields);

}  // namespace quiver::csv::internal
