// Decodes every page of one column chunk into dense values plus the
// definition / repetition levels that place them.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/arrow_schema.h"
#include "quiver/datasource/parquet/footer.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::parquet {

/// An allocator that leaves new elements uninitialized (decoders overwrite
/// them at once), so growing a buffer costs no zero fill.
template <typename T>
struct NoInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = NoInitAllocator<U>;
  };
  NoInitAllocator() = default;
  template <typename U>
  NoInitAllocator(const NoInitAllocator<U>&) {}
  template <typename U>
  void construct(U* p) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T>
using NoInitVector = std::vector<T, NoInitAllocator<T>>;

struct LeafData {
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  int64_t num_levels = 0;
  /// Levels per slot; empty when the column's max level is 0.
  std::vector<int16_t> def, rep;
  /// Top-level optional columns read through ColumnChunkStream carry no
  /// `def`: instead `valid` holds one bit per slot (1 = present) and
  /// `null_count` the 0 bits. Both empty / 0 when no slot is null.
  std::vector<uint8_t> valid;
  int64_t null_count = 0;
  /// Dense non-null values: fixed-width types in `fixed` (the decoder
  /// layout), byte arrays in `bin_data` with num_values + 1 `bin_offsets`.
  int64_t num_values = 0;
  NoInitVector<uint8_t> fixed;
  NoInitVector<uint8_t> bin_data;
  NoInitVector<int64_t> bin_offsets;
};

/// Reads and decodes one column chunk of `leaf`.
Result<LeafData> ReadColumnChunk(RandomAccessSource& source, const ColumnChunk& chunk,
                                 const LeafColumn& leaf);

/// The byte range of `chunk` in a file of `file_size` bytes, after checking
/// the chunk against the schema.
Result<ChunkRange> CheckedChunkRange(const ColumnChunk& chunk, const LeafColumn& leaf,
                                     int64_t file_size);

/// Decodes a column chunk a few rows at a time: pages are decompressed and
/// decoded only as the rows they hold are asked for.
class ColumnChunkStream {
 public:
  /// `bytes` holds the chunk's pages (see CheckedChunkRange); `leaf` must
  /// outlive the stream.
  static Result<std::unique_ptr<ColumnChunkStream>> Open(ByteRange bytes, const ColumnChunk& chunk,
                                                         const LeafColumn& leaf);
  /// A stream over data pages that start inside the chunk (a row range found
  /// through the offset index): `dictionary` holds the chunk's dictionary
  /// page (size 0: none), and the chunk's value count goes unchecked since
  /// the pages before `data_pages` are never seen.
  static Result<std::unique_ptr<ColumnChunkStream>> OpenFrom(ByteRange dictionary,
                                                             ByteRange data_pages,
                                                             const ColumnChunk& chunk,
                                                             const LeafColumn& leaf);
  ~ColumnChunkStream();

  /// Replaces `*out` with the next `rows` top-level rows (fewer at the end
  /// of the chunk; none once it is exhausted).
  Status Next(int64_t rows, LeafData* out);
  /// Moves past the next `rows` rows without building their values.
  Status Skip(int64_t rows);
  /// Decodes the next `rows` rows ahead and keeps them for Next/Skip; returns
  /// how many of them, from the first, hold at most `max_bytes` of byte
  /// array values (at least one; the default: what 32-bit offsets address).
  Result<int64_t> Hold(int64_t rows, int64_t max_bytes = INT32_MAX);

 private:
  struct Impl;
  explicit ColumnChunkStream(std::unique_ptr<Impl> impl);
  // Moves the first `rows` held rows into `*out` (all of them: no copy).
  void TakeHeld(int64_t rows, LeafData* out);
  std::unique_ptr<Impl> impl_;
  LeafData held_;
  int64_t held_rows_ = 0;
};

}  // namespace quiver::parquet
