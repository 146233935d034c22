#include "quiver/datasource/json/line_reader.h"

#include <cstring>

namespace quiver::json::internal {

namespace {
constexpr size_t kChunk = 1 << 20;
}

Result<std::unique_ptr<LineReader>> LineReader::Open(csv::ByteSourcePtr source,
                                                     csv::CsvCompression compression,
                                                     csv::CsvRange range) {
  std::unique_ptr<LineReader> r(new LineReader());
  const bool compressed = compression != csv::CsvCompression::kUncompressed;
  if (compressed && (range.start != 0 || range.end >= 0)) {
    return Status::Internal("a compressed JSON file can only be read as a whole");
  }
  // A range starting inside the file begins after the first newline at or
  // after start - 1 (a newline just before the boundary ends the previous range).
  int64_t open_at = range.start > 0 ? range.start - 1 : 0;
  QUIVER_ASSIGN_OR_RAISE(r->in_, csv::internal::OpenInputStream(source, open_at, compression));
  r->source_ = std::move(source);
  r->buf_start_ = open_at;
  r->end_ = range.end;
  if (range.start > 0) {
    for (;;) {
      if (r->pos_ == r->filled_) {
        if (r->eof_) break;
        QUIVER_RETURN_NOT_OK(r->Fill());
        continue;
      }
      const char* nl = static_cast<const char*>(
          std::memchr(r->buf_.data() + r->pos_, '\n', r->filled_ - r->pos_));
      if (nl) {
        r->pos_ = static_cast<size_t>(nl - r->buf_.data()) + 1;
        break;
      }
      r->pos_ = r->filled_;
    }
  }
  r->first_line_offset_ = r->buf_start_ + static_cast<int64_t>(r->pos_);
  return r;
}

Status LineReader::Fill() {
  // Keep the unread tail, then append a chunk.
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, filled_ - pos_);
    buf_start_ += static_cast<int64_t>(pos_);
    filled_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() < filled_ + kChunk) buf_.resize(std::max(buf_.size() * 2, filled_ + kChunk));
  QUIVER_ASSIGN_OR_RAISE(int64_t n, in_->Read(reinterpret_cast<uint8_t*>(buf_.data() + filled_),
                                              static_cast<int64_t>(buf_.size() - filled_)));
  if (n == 0) eof_ = true;
  filled_ += static_cast<size_t>(n);
  return Status::OK();
}

Result<bool> LineReader::NextLine(std::string_view* line) {
  for (;;) {
    if (end_ >= 0 && buf_start_ + static_cast<int64_t>(pos_) >= end_) return false;
    const char* start = buf_.data() + pos_;
    const char* nl = pos_ < filled_
                         ? static_cast<const char*>(std::memchr(start, '\n', filled_ - pos_))
                         : nullptr;
    if (nl) {
      size_t len = static_cast<size_t>(nl - start);
      pos_ += len + 1;
      if (len > 0 && start[len - 1] == '\r') --len;
      *line = std::string_view(start, len);
      ++lines_;
      return true;
    }
    if (eof_) {
      if (pos_ >= filled_) return false;
      *line = std::string_view(start, filled_ - pos_);
      pos_ = filled_;
      ++lines_;
      return true;
    }
    QUIVER_RETURN_NOT_OK(Fill());
  }
}

Result<int64_t> LineReader::LineNumber() {
  // Count the newlines before this range's first line (only needed for errors).
  int64_t before = 0;
  std::string chunk(kChunk, '\0');
  for (int64_t off = 0; off < first_line_offset_;) {
    int64_t want = std::min<int64_t>(static_cast<int64_t>(kChunk), first_line_offset_ - off);
    QUIVER_ASSIGN_OR_RAISE(int64_t n,
                           source_->ReadAt(off, want, reinterpret_cast<uint8_t*>(chunk.data())));
    if (n <= 0) break;
    for (int64_t i = 0; i < n; ++i) before += chunk[static_cast<size_t>(i)] == '\n';
    off += n;
  }
  return before + lines_;
}

}  // namespace quiver::json::internal
