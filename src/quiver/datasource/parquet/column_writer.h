// Buffers one leaf column of a row group (levels plus physical values) and
// encodes it as a column chunk: optional dictionary page, data pages (v1),
// statistics and the page index entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/array_data.h"
#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

/// How min/max statistics compare the physical values of a leaf.
enum class StatOrder : uint8_t { kNone, kSigned, kUnsigned, kFloat, kBytes, kSignedBytes };

/// A leaf column as the writer sees it.
struct LeafSpec {
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  StatOrder order = StatOrder::kNone;
  int16_t max_def = 0, max_rep = 0;
  DataTypePtr arrow_type;  // the Arrow type of the leaf values
  std::vector<std::string> path;
};

struct ColumnWriteOptions {
  Compression codec = Compression::kSnappy;
  int compression_level = -1;
  int64_t page_size = 1 << 20;
  int64_t page_row_limit = 20000;
  bool dictionary = true;
  int64_t dictionary_size_limit = 1 << 20;
  bool statistics = true;
  bool bloom_filter = false;
  double bloom_fpp = 0.05;
  /// Encoding of pages written without the dictionary: kPlain, or
  /// kDeltaBinaryPacked for INT32/INT64 columns.
  Encoding fallback_encoding = Encoding::kPlain;
};

/// An encoded column chunk, ready to be placed in the file.
struct EncodedChunk {
  std::string bytes;                // dictionary page then data pages
  int64_t dictionary_size;          // bytes of the dictionary page (0 without one)
  ColumnMetaData meta;              // offsets relative to the chunk start
  std::vector<PageLocation> pages;  // offsets relative to the chunk start
  std::optional<ColumnIndex> column_index;
  std::string bloom_filter;  // header + bitset; empty when not written
};

/// Dictionary-encoded and view arrays as plain arrays of their value type.
Result<ArrayPtr> PlainArray(const ArrayPtr& array);

class ColumnChunkBuilder {
 public:
  ColumnChunkBuilder(LeafSpec spec, ColumnWriteOptions options)
      : spec_(std::move(spec)), options_(options) {}

  /// Appends `num_levels` level pairs (null pointers when the max level is 0)
  /// and the values at logical indices `idx` of `values` (one per level
  /// whose definition is the maximum).
  Status Append(const int16_t* def, const int16_t* rep, int64_t num_levels, const ArrayData& values,
                const int64_t* idx, int64_t n);
  /// Appends all of `values` (a flat column: levels come from validity).
  Status AppendFlat(const ArrayData& values);

  int64_t num_levels() const { return num_levels_; }
  int64_t buffered_bytes() const {
    return static_cast<int64_t>(fixed_.size() + bin_data_.size() + def_.size() * 2);
  }

  /// Encodes what is buffered and clears the builder.
  Result<EncodedChunk> Finish();

  const LeafSpec& spec() const { return spec_; }

 private:
  Status AppendValues(const ArrayData& a, const int64_t* idx, int64_t n);

  LeafSpec spec_;
  ColumnWriteOptions options_;
  int64_t num_levels_ = 0;
  std::vector<int16_t> def_, rep_;
  std::vector<uint8_t> fixed_;  // fixed-width physical values (decoder layout)
  std::string bin_data_;        // byte-array values, concatenated
  std::vector<int64_t> bin_offsets_{0};
};

}  // namespace quiver::parquet
