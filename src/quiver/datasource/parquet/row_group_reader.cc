#include "quiver/datasource/parquet/row_group_reader.h"

#include <algorithm>
#include <optional>

#include "quiver/datasource/parquet/assemble.h"
#include "quiver/datasource/parquet/column_reader.h"

namespace quiver::parquet {

namespace {

void CollectLeaves(const FieldPlan& p, std::vector<int>* out) {
  if (p.kind == FieldPlan::kLeaf) out->push_back(p.leaf);
  for (const auto& c : p.children) CollectLeaves(c, out);
}

std::string LeafPath(const LeafColumn& leaf) {
  std::string path;
  for (const auto& p : leaf.path) path += (path.empty() ? "" : ".") + p;
  return path;
}

// What to fetch of one column chunk: its data pages from `data` on (and,
// when they do not start the chunk, its dictionary page from `dict`).
struct ChunkReads {
  ReadRange dict;  // length 0: none needed apart from `data`
  ReadRange data;
  int64_t first_row = 0;   // the row the first fetched data page starts at
  bool mid_chunk = false;  // `data` starts after the chunk's first data page
};

// The pages of `chunk` (bytes `range`) holding rows [begin, end), from its
// offset index; nullopt when it has none or it does not fit the chunk.
std::optional<ChunkReads> PagesForRows(RandomAccessSource& source, const ColumnChunk& chunk,
                                       const ChunkRange& range, int64_t begin, int64_t end) {
  if (!chunk.offset_index_offset || !chunk.offset_index_length) return std::nullopt;
  auto bytes = source.ReadAt(*chunk.offset_index_offset, *chunk.offset_index_length);
  if (!bytes.ok()) return std::nullopt;
  auto oi = DecodeOffsetIndex(bytes->data, bytes->size);
  if (!oi.ok() || oi->page_locations.empty()) return std::nullopt;
  const auto& p = oi->page_locations;
  const int64_t chunk_end = range.start + range.length;
  int64_t prev_row = -1, prev_end = range.start;
  for (const auto& loc : p) {
    if (loc.offset < prev_end || loc.compressed_page_size <= 0 ||
        loc.offset + loc.compressed_page_size > chunk_end || loc.first_row_index <= prev_row) {
      return std::nullopt;
    }
    prev_row = loc.first_row_index;
    prev_end = loc.offset + loc.compressed_page_size;
  }
  if (p[0].first_row_index != 0) return std::nullopt;
  size_t i = 0, j = 0;
  for (size_t k = 0; k < p.size(); ++k) {
    if (p[k].first_row_index <= begin) i = k;
    if (p[k].first_row_index < end) j = k;
  }
  if (j < i) j = i;
  ChunkReads out;
  out.first_row = p[i].first_row_index;
  const int64_t data_end = p[j].offset + p[j].compressed_page_size;
  if (i == 0) {
    out.data = {range.start, data_end - range.start};  // dictionary page included
  } else {
    out.data = {p[i].offset, data_end - p[i].offset};
    out.mid_chunk = true;
    if (p[0].offset > range.start) out.dict = {range.start, p[0].offset - range.start};
  }
  return out;
}

}  // namespace

std::vector<ReadRange> CoalesceRanges(std::vector<ReadRange> ranges, int64_t hole,
                                      int64_t max_read) {
  std::sort(ranges.begin(), ranges.end(),
            [](const ReadRange& a, const ReadRange& b) { return a.offset < b.offset; });
  std::vector<ReadRange> out;
  for (const auto& r : ranges) {
    if (!out.empty()) {
      ReadRange& last = out.back();
      const int64_t end = last.offset + last.length;
      const int64_t new_end = std::max(end, r.offset + r.length);
      if (r.offset - end <= hole && new_end - last.offset <= max_read) {
        last.length = new_end - last.offset;
        continue;
      }
    }
    out.push_back(r);
  }
  return out;
}

RowGroupBatchReader::~RowGroupBatchReader() = default;

Result<std::unique_ptr<RowGroupBatchReader>> RowGroupBatchReader::Open(
    std::shared_ptr<ParquetFileReader> reader, int rg, const std::vector<int>& columns,
    int64_t row_begin, int64_t row_end) {
  if (rg < 0 || rg >= reader->num_row_groups()) {
    return Status::IO("row group " + std::to_string(rg) + " out of range");
  }
  const SchemaPlan& plan = reader->schema_plan();
  const RowGroup& group = reader->metadata().row_groups[rg];
  if (group.columns.size() != plan.leaves.size()) {
    return Status::IO("corrupt Parquet file: row group " + std::to_string(rg) + " has " +
                      std::to_string(group.columns.size()) + " column chunks for " +
                      std::to_string(plan.leaves.size()) + " columns");
  }
  if (group.num_rows < 0) return Status::IO("corrupt Parquet file: negative row count");
  if (row_end < 0 || row_end > group.num_rows) row_end = group.num_rows;
  if (row_begin < 0 || row_begin > row_end) {
    return Status::Internal("row range [" + std::to_string(row_begin) + ", " +
                            std::to_string(row_end) + ") outside the row group");
  }
  const bool partial = row_begin > 0 || row_end < group.num_rows;
  std::unique_ptr<RowGroupBatchReader> out(new RowGroupBatchReader());
  std::vector<FieldPtr> fields;
  for (int c : columns) {
    if (c < 0 || c >= reader->schema()->num_fields()) {
      return Status::IO("column index " + std::to_string(c) + " out of range");
    }
    out->column_leaves_.emplace_back();
    CollectLeaves(plan.fields[c], &out->column_leaves_.back());
    CollectLeaves(plan.fields[c], &out->leaves_);
    fields.push_back(reader->schema()->field(c));
  }
  std::sort(out->leaves_.begin(), out->leaves_.end());
  out->leaves_.erase(std::unique(out->leaves_.begin(), out->leaves_.end()), out->leaves_.end());

  // One read per group of neighbouring chunks.
  RandomAccessSource& source = reader->source();
  std::vector<ReadRange> ranges;
  std::vector<ChunkReads> chunk_reads(plan.leaves.size());
  for (int l : out->leaves_) {
    auto range = CheckedChunkRange(group.columns[l], plan.leaves[l], source.Size());
    if (!range.ok()) {
      return range.status().WithContext("reading " + source.name() + " column " +
                                        LeafPath(plan.leaves[l]));
    }
    ChunkReads& cr = chunk_reads[l];
    cr.data = {range->start, range->length};
    // A row range of the group: only the pages it needs.
    if (partial) {
      if (auto pages = PagesForRows(source, group.columns[l], *range, row_begin, row_end)) {
        cr = *pages;
      }
    }
    ranges.push_back(cr.data);
    if (cr.dict.length > 0) ranges.push_back(cr.dict);
  }
  std::vector<ReadRange> reads = CoalesceRanges(ranges, kCoalesceHoleBytes, kCoalesceMaxBytes);
  std::vector<ByteRange> fetched;
  for (const auto& r : reads) {
    QUIVER_ASSIGN_OR_RAISE(ByteRange bytes, source.ReadAt(r.offset, r.length));
    out->bytes_read_ += bytes.size;
    fetched.push_back(std::move(bytes));
  }
  out->num_reads_ = static_cast<int64_t>(reads.size());
  out->streams_.resize(plan.leaves.size());
  // The bytes of `c`, inside the read that holds it: the last one starting at or before it.
  auto slice_of = [&](const ReadRange& c) {
    size_t k = std::upper_bound(reads.begin(), reads.end(), c.offset,
                                [](int64_t off, const ReadRange& r) { return off < r.offset; }) -
               reads.begin() - 1;
    ByteRange slice;
    slice.owner = fetched[k].owner;
    slice.data = fetched[k].data + (c.offset - reads[k].offset);
    slice.size = c.length;
    return slice;
  };
  for (int l : out->leaves_) {
    const ChunkReads& cr = chunk_reads[l];
    auto stream = cr.mid_chunk ? ColumnChunkStream::OpenFrom(
                                     cr.dict.length > 0 ? slice_of(cr.dict) : ByteRange(),
                                     slice_of(cr.data), group.columns[l], plan.leaves[l])
                               : ColumnChunkStream::Open(slice_of(cr.data), group.columns[l],
                                                         plan.leaves[l]);
    if (!stream.ok()) {
      return stream.status().WithContext("reading " + source.name() + " column " +
                                         LeafPath(plan.leaves[l]));
    }
    out->streams_[l] = std::move(stream).value();
    if (row_begin > cr.first_row) {
      Status st = out->streams_[l]->Skip(row_begin - cr.first_row);
      if (!st.ok()) {
        return st.WithContext("reading " + source.name() + " column " + LeafPath(plan.leaves[l]));
      }
    }
  }
  out->reader_ = std::move(reader);
  out->columns_ = columns;
  out->schema_ = quiver::schema(std::move(fields), out->reader_->schema()->metadata());
  out->rows_left_ = group.num_rows - row_begin;
  return out;
}

Result<RecordBatchPtr> RowGroupBatchReader::Next(int64_t max_rows) {
  if (rows_left_ <= 0) return RecordBatchPtr();
  int64_t n = std::min(std::max<int64_t>(max_rows, 1), rows_left_);
  const SchemaPlan& plan = reader_->schema_plan();
  // Fewer rows when a byte array column's values would pass the limit (2 GB:
  // Arrow's 32-bit offsets): the rows are decoded ahead and held until asked for.
  for (int l : leaves_) {
    if (*plan.leaves[l].element->type != PhysicalType::kByteArray) continue;
    auto fit = streams_[l]->Hold(n, max_column_bytes_);
    if (!fit.ok()) {
      return fit.status().WithContext("reading " + reader_->source().name() + " column " +
                                      LeafPath(plan.leaves[l]));
    }
    if (*fit > 0) n = std::min(n, *fit);
  }
  std::vector<LeafData> leaves(plan.leaves.size());
  for (int l : leaves_) {
    Status st = streams_[l]->Next(n, &leaves[l]);
    if (!st.ok()) {
      return st.WithContext("reading " + reader_->source().name() + " column " +
                            LeafPath(plan.leaves[l]));
    }
  }
  std::vector<ArrayPtr> arrays;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const int c = columns_[i];
    // A column asked for twice: its leaf values were moved into the first.
    auto twice = std::find(columns_.begin(), columns_.begin() + i, c);
    if (twice != columns_.begin() + i) {
      arrays.push_back(arrays[twice - columns_.begin()]);
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr data, AssembleField(plan, plan.fields[c], &leaves));
    if (data->length != n) {
      return Status::IO("corrupt Parquet file: column " + reader_->schema()->field(c)->name() +
                        " has fewer rows than its row group");
    }
    QUIVER_RETURN_NOT_OK(data->Validate());
    arrays.push_back(MakeArray(std::move(data)));
  }
  rows_left_ -= n;
  return RecordBatch::Make(schema_, n, std::move(arrays));
}

Result<std::vector<ArrayPtr>> RowGroupBatchReader::NextColumns(int64_t n,
                                                               const std::vector<int>& which) {
  const SchemaPlan& plan = reader_->schema_plan();
  std::vector<LeafData> leaves(plan.leaves.size());
  std::vector<ArrayPtr> out;
  for (int i : which) {
    for (int l : column_leaves_[i]) {
      Status st = streams_[l]->Next(n, &leaves[l]);
      if (!st.ok()) {
        return st.WithContext("reading " + reader_->source().name() + " column " +
                              LeafPath(plan.leaves[l]));
      }
    }
    const int c = columns_[i];
    QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr data, AssembleField(plan, plan.fields[c], &leaves));
    if (data->length != n) {
      return Status::IO("corrupt Parquet file: column " + reader_->schema()->field(c)->name() +
                        " has fewer rows than its row group");
    }
    QUIVER_RETURN_NOT_OK(data->Validate());
    out.push_back(MakeArray(std::move(data)));
  }
  return out;
}

Status RowGroupBatchReader::SkipColumns(int64_t n, const std::vector<int>& which) {
  const SchemaPlan& plan = reader_->schema_plan();
  for (int i : which) {
    for (int l : column_leaves_[i]) {
      Status st = streams_[l]->Skip(n);
      if (!st.ok()) {
        return st.WithContext("reading " + reader_->source().name() + " column " +
                              LeafPath(plan.leaves[l]));
      }
    }
  }
  return Status::OK();
}

Status RowGroupBatchReader::Skip(int64_t n) {
  n = std::min(n, rows_left_);
  std::vector<int> all(columns_.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  // A column asked for twice shares its leaves: skip them once.
  std::vector<int> distinct;
  for (int i : all) {
    if (std::find(columns_.begin(), columns_.begin() + i, columns_[i]) == columns_.begin() + i) {
      distinct.push_back(i);
    }
  }
  QUIVER_RETURN_NOT_OK(SkipColumns(n, distinct));
  Advance(n);
  return Status::OK();
}

}  // namespace quiver::parquet
