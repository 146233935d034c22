// A row range of a row group (a morsel of a split group) reads only the
// dictionary page and the data pages holding its rows, found through the
// offset index, and gives exactly those rows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

Result<RecordBatchPtr> ReadRows(const std::shared_ptr<ParquetFileReader>& reader, int64_t begin,
                                int64_t end, int64_t* bytes) {
  QUIVER_ASSIGN_OR_RAISE(auto rows, RowGroupBatchReader::Open(reader, 0, {0, 1}, begin, end));
  *bytes = rows->bytes_read();
  std::vector<RecordBatchPtr> out;
  int64_t left = (end < 0 ? reader->metadata().row_groups[0].num_rows : end) - begin;
  while (left > 0) {
    QUIVER_ASSIGN_OR_RAISE(auto b, rows->Next(std::min<int64_t>(left, 3000)));
    if (!b) break;
    left -= b->num_rows();
    out.push_back(b);
  }
  return compute::ConcatenateBatches(out[0]->schema(), out);
}

TEST(ParquetRangeRead, ReadsOnlyThePagesOfItsRows) {
  const auto dir = fs::temp_directory_path() / ("quiver_pq_range_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "r.parquet").string();
  const int64_t n = 1000000;
  std::vector<int64_t> ids(n);
  std::vector<std::string> tags(n);
  for (int64_t i = 0; i < n; ++i) {
    ids[i] = i * 3 + 1;
    tags[i] = "tag-" + std::to_string(i % 97);
  }
  auto s = schema({field("id", int64()), field("tag", utf8())});
  auto batch = RecordBatch::Make(s, n,
                                 {ArrayFromVector<int64_t>(int64(), ids).value(),
                                  ArrayFromVector<std::string>(utf8(), tags).value()});
  ParquetWriteOptions o;
  o.column.page_row_limit = 20000;
  ASSERT_TRUE(WriteParquetFile(path, s, {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  ASSERT_EQ(reader->num_row_groups(), 1);

  int64_t all_bytes = 0, part_bytes = 0;
  auto all = ReadRows(reader, 0, -1, &all_bytes).value();
  auto part = ReadRows(reader, 277777, 617280, &part_bytes).value();
  ASSERT_EQ(part->num_rows(), 617280 - 277777);
  auto expect = all->Slice(277777, 617280 - 277777);
  for (int c = 0; c < 2; ++c) EXPECT_TRUE(part->column(c)->Equals(*expect->column(c))) << c;
  // About a third of the pages, plus the dictionary page (holes between the
  // ranges are larger than the 1 MiB that reads coalesce across).
  EXPECT_LT(part_bytes, all_bytes / 2) << part_bytes << " of " << all_bytes;
  // A range starting on the first page includes the dictionary page as read.
  auto head = ReadRows(reader, 0, 15000, &part_bytes).value();
  auto head_expect = all->Slice(0, 15000);
  for (int c = 0; c < 2; ++c) EXPECT_TRUE(head->column(c)->Equals(*head_expect->column(c))) << c;
  fs::remove_all(dir);
}

// Nested columns need the start of the next row to end one, so a range
// that ends with the row group reads its pages to the chunk's end: the value
// count check must only count the pages fetched.
TEST(ParquetRangeRead, NestedColumnToTheEnd) {
  const auto dir = fs::temp_directory_path() / ("quiver_pq_range_n_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "n.parquet").string();
  const int64_t n = 60000;
  ListBuilder l(list(field("item", int64())), std::make_unique<Int64Builder>(int64()));
  auto* items = static_cast<Int64Builder*>(l.value_builder());
  for (int64_t r = 0; r < n; ++r) {
    ASSERT_TRUE(l.Append().ok());
    for (int64_t k = 0; k < r % 3; ++k) ASSERT_TRUE(items->Append(r * 10 + k).ok());
  }
  auto s = schema({field("l", list(field("item", int64())))});
  auto batch = RecordBatch::Make(s, n, {l.Finish().value()});
  ParquetWriteOptions o;
  o.column.page_row_limit = 5000;
  ASSERT_TRUE(WriteParquetFile(path, s, {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  for (auto [begin, end] : {std::pair<int64_t, int64_t>{23456, -1}, {0, 31000}, {12345, 45678}}) {
    SCOPED_TRACE(begin);
    auto rows = RowGroupBatchReader::Open(reader, 0, {0}, begin, end);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    const int64_t stop = end < 0 ? n : end;
    int64_t pos = begin;
    while (pos < stop) {
      auto b = (*rows)->Next(std::min<int64_t>(4096, stop - pos));
      ASSERT_TRUE(b.ok()) << b.status().ToString();
      ASSERT_TRUE(*b);
      EXPECT_TRUE((*b)->column(0)->Equals(*batch->Slice(pos, (*b)->num_rows())->column(0)));
      pos += (*b)->num_rows();
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quiver::parquet
