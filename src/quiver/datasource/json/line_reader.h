// Yields the lines of a byte range of a (possibly compressed) source as
// views into a growing chunk buffer, following the byte-range rule of
// csv_reader.h. Internal to the NDJSON reader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "quiver/datasource/csv/input_stream.h"

namespace quiver::json::internal {

class LineReader {
 public:
  static Result<std::unique_ptr<LineReader>> Open(csv::ByteSourcePtr source,
                                                  csv::CsvCompression compression,
                                                  csv::CsvRange range);
  /// The next line without its terminator; false at the end of the range.
  /// The view stays valid until the next call.
  Result<bool> NextLine(std::string_view* line);
  /// 1-based line number in the file of the line returned last.
  Result<int64_t> LineNumber();
  const std::string& name() const { return source_->name(); }

 private:
  LineReader() = default;
  Status Fill();

  csv::ByteSourcePtr source_;
  std::unique_ptr<csv::internal::InputStream> in_;
  std::string buf_;
  size_t pos_ = 0;     // next unread byte in buf_
  size_t filled_ = 0;  // valid bytes in buf_
  bool eof_ = false;
  int64_t buf_start_ = 0;  // file offset of buf_[0] (uncompressed only)
  int64_t end_ = -1;       // lines starting at or after this offset are not ours
  int64_t first_line_offset_ = 0;
  int64_t lines_ = 0;  // lines returned so far
};

}  // namespace quiver::json::internal
