// Walks the pages of one column chunk: decodes each page header, checks the
// page CRC when present, and decompresses the body.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::parquet {

/// One decompressed page. For DATA_PAGE_V2 the level sections (never
/// compressed) come first, exactly as in the file.
struct Page {
  PageHeader header;
  std::shared_ptr<const void> owner;
  const uint8_t* data = nullptr;
  int64_t size = 0;
};

class PageReader {
 public:
  /// `chunk` holds the column chunk bytes; `num_values` is the chunk's value
  /// count from ColumnMetaData (reading stops once it is reached).
  PageReader(ByteRange chunk, Compression codec, int64_t num_values, bool verify_crc = true);

  /// The next page, or nullopt at the end of the chunk. Index pages and
  /// unknown page types are skipped.
  Result<std::optional<Page>> Next();

  /// Header only (no decompression): for metadata inspection tools and tests.
  Result<std::optional<PageHeader>> NextHeader();

  /// Like Next(), but first passes over data pages holding at most `budget`
  /// values in total, without decompressing them; `*skipped` receives how
  /// many values were passed over.
  Result<std::optional<Page>> NextSkipping(int64_t budget, int64_t* skipped);

 private:
  Result<std::optional<Page>> NextImpl(bool decompress, int64_t budget = 0,
                                       int64_t* skipped = nullptr);

  ByteRange chunk_;
  Compression codec_;
  int64_t num_values_;
  bool verify_crc_;
  int64_t pos_ = 0;
  int64_t values_seen_ = 0;
};

}  // namespace quiver::parquet
