// Batch-wise reading (RowGroupBatchReader): for every parquet-testing file it
// must give exactly what whole-row-group reading gives, at any batch size; on
// corrupt and fuzzed files it must fail cleanly. Also coalesced reads.
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

fs::path TestingDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) / "datafusion-tests";
}

// Reads row group `rg` in batches of `batch` rows and concatenates them.
Result<RecordBatchPtr> ReadStreamed(const std::shared_ptr<ParquetFileReader>& reader, int rg,
                                    int64_t batch) {
  std::vector<int> cols;
  for (int c = 0; c < reader->schema()->num_fields(); ++c) cols.push_back(c);
  QUIVER_ASSIGN_OR_RAISE(auto rows, RowGroupBatchReader::Open(reader, rg, cols));
  std::vector<RecordBatchPtr> batches;
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(RecordBatchPtr b, rows->Next(batch));
    if (!b) break;
    if (b->num_rows() > batch) return Status::Internal("batch larger than asked");
    QUIVER_RETURN_NOT_OK(b->Validate());
    batches.push_back(std::move(b));
  }
  if (batches.empty()) return RecordBatchPtr();
  return compute::ConcatenateBatches(batches[0]->schema(), batches);
}

std::vector<fs::path> Files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    auto ext = e.path().extension().string();
    if (e.is_regular_file() && ext != ".md" && ext != ".json" && ext != ".proto") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ParquetStream, SameAsWholeRowGroups) {
  const fs::path dir = TestingDir() / "parquet-testing/data";
  if (!fs::exists(dir)) GTEST_SKIP() << "no parquet-testing corpus";
  int compared = 0;
  for (const auto& path : Files(dir)) {
    const std::string name = path.filename().string();
    if (name.find(".parquet") == std::string::npos || name == "large_string_map.brotli.parquet") {
      continue;
    }
    SCOPED_TRACE(name);
    auto reader = OpenParquetFile(path.string());
    if (!reader.ok()) continue;
    for (int rg = 0; rg < (*reader)->num_row_groups(); ++rg) {
      auto whole = (*reader)->ReadRowGroup(rg);
      for (int64_t batch : {int64_t{3}, int64_t{1000}}) {
        auto streamed = ReadStreamed(*reader, rg, batch);
        if (!whole.ok()) {
          EXPECT_FALSE(streamed.ok()) << "batch " << batch;
          continue;
        }
        ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
        if (!*streamed) {
          EXPECT_EQ((*whole)->num_rows(), 0);
          continue;
        }
        ASSERT_EQ((*streamed)->num_rows(), (*whole)->num_rows());
        for (int c = 0; c < (*whole)->num_columns(); ++c) {
          EXPECT_TRUE((*streamed)->column(c)->Equals(*(*whole)->column(c)))
              << "column " << c << " batch " << batch;
        }
      }
    }
    ++compared;
  }
  EXPECT_GT(compared, 60);
}

// Reads every other step of `batch` rows and skips the rest; what is read
// must equal the same rows of the whole row group.
void CheckSkipping(const std::shared_ptr<ParquetFileReader>& reader, int rg, int64_t batch,
                   const RecordBatch& whole) {
  std::vector<int> cols;
  for (int c = 0; c < reader->schema()->num_fields(); ++c) cols.push_back(c);
  auto rows = RowGroupBatchReader::Open(reader, rg, cols);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  int64_t at = 0;
  for (int step = 0; (*rows)->rows_left() > 0; ++step) {
    const int64_t n = std::min(batch, (*rows)->rows_left());
    if (step % 2 == 0) {
      auto got = (*rows)->NextColumns(n, cols);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      for (size_t c = 0; c < cols.size(); ++c) {
        EXPECT_TRUE((*got)[c]->Equals(*whole.column(c)->Slice(at, n)))
            << "column " << c << " rows " << at << "+" << n;
      }
    } else {
      Status st = (*rows)->SkipColumns(n, cols);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    (*rows)->Advance(n);
    at += n;
  }
  EXPECT_EQ(at, whole.num_rows());
}

TEST(ParquetStream, SkippingRows) {
  const fs::path dir = TestingDir() / "parquet-testing/data";
  if (!fs::exists(dir)) GTEST_SKIP() << "no parquet-testing corpus";
  for (const auto& path : Files(dir)) {
    const std::string name = path.filename().string();
    if (name.find(".parquet") == std::string::npos || name == "large_string_map.brotli.parquet") {
      continue;
    }
    SCOPED_TRACE(name);
    auto reader = OpenParquetFile(path.string());
    if (!reader.ok()) continue;
    for (int rg = 0; rg < (*reader)->num_row_groups(); ++rg) {
      auto whole = (*reader)->ReadRowGroup(rg);
      if (!whole.ok()) continue;
      for (int64_t batch : {int64_t{2}, int64_t{700}}) CheckSkipping(*reader, rg, batch, **whole);
    }
  }
}

TEST(ParquetStream, BadAndFuzzedFilesFailCleanly) {
  int n = 0;
  for (const char* sub : {"parquet-testing/bad_data", "testing/data/parquet"}) {
    for (const auto& path : Files(TestingDir() / sub)) {
      auto reader = OpenParquetFile(path.string());
      ++n;
      if (!reader.ok()) continue;
      for (int rg = 0; rg < (*reader)->num_row_groups(); ++rg) {
        auto r = ReadStreamed(*reader, rg, 100);
        (void)r;  // an error or a valid batch; never a crash
        // Reading and skipping alternately: the same.
        std::vector<int> cols;
        for (int c = 0; c < (*reader)->schema()->num_fields(); ++c) cols.push_back(c);
        auto rows = RowGroupBatchReader::Open(*reader, rg, cols);
        for (int step = 0; rows.ok() && (*rows)->rows_left() > 0; ++step) {
          const int64_t n = std::min<int64_t>(50, (*rows)->rows_left());
          bool ok =
              step % 2 ? (*rows)->SkipColumns(n, cols).ok() : (*rows)->NextColumns(n, cols).ok();
          if (!ok) break;
          (*rows)->Advance(n);
        }
      }
    }
  }
  if (n == 0) GTEST_SKIP() << "no bad-data corpus";
}

TEST(ParquetStream, CoalesceRanges) {
  auto r = CoalesceRanges({{100, 10}, {0, 50}, {60, 30}, {5000, 10}}, 20, 1000);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].offset, 0);
  EXPECT_EQ(r[0].length, 110);
  EXPECT_EQ(r[1].offset, 5000);
  // The size cap splits reads.
  r = CoalesceRanges({{0, 50}, {50, 50}, {100, 50}}, 0, 100);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].offset, 100);
}

TEST(ParquetStream, ProjectedChunksInOneRead) {
  std::vector<int64_t> a(5000), b(5000);
  std::vector<std::string> s(5000);
  for (int i = 0; i < 5000; ++i) {
    a[i] = i;
    b[i] = i * 7 % 13;
    s[i] = "v" + std::to_string(i % 97);
  }
  auto sch = schema({field("a", int64()), field("s", utf8()), field("b", int64())});
  auto batch =
      RecordBatch::Make(sch, 5000,
                        {ArrayFromVector(int64(), a).value(), ArrayFromVector(utf8(), s).value(),
                         ArrayFromVector(int64(), b).value()});
  ParquetWriteOptions o;
  o.column.page_row_limit = 300;  // batches span page boundaries
  const std::string path = (fs::temp_directory_path() /
                            ("quiver_stream_test_" + std::to_string(::getpid()) + ".parquet"))
                               .string();
  ASSERT_TRUE(WriteParquetFile(path, sch, {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  auto rows = RowGroupBatchReader::Open(reader, 0, {2, 0}).value();
  EXPECT_EQ(rows->num_reads(), 1);  // a and b with s between them: one read
  int64_t seen = 0;
  while (true) {
    auto next = rows->Next(1024);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    if (!*next) break;
    const auto& bcol = static_cast<const Int64Array&>(*(*next)->column(0));
    const auto& acol = static_cast<const Int64Array&>(*(*next)->column(1));
    for (int64_t i = 0; i < (*next)->num_rows(); ++i, ++seen) {
      ASSERT_EQ(acol.Value(i), seen);
      ASSERT_EQ(bcol.Value(i), seen * 7 % 13);
    }
  }
  EXPECT_EQ(seen, 5000);
  fs::remove(path);
}

// Batches end early where a byte array column would pass the byte limit
// (2 GB by default: large_string_map.brotli.parquet): the rows are decoded
// ahead and split, also inside a page and for nested columns, with skips
// between batches.
TEST(ParquetStream, BatchesStopAtTheColumnByteLimit) {
  const int64_t n = 3000;
  StringBuilder s(utf8());
  ListBuilder l(list(field("item", utf8())), std::make_unique<StringBuilder>(utf8()));
  Int32Builder i(int32());
  auto* items = static_cast<StringBuilder*>(l.value_builder());
  for (int64_t r = 0; r < n; ++r) {
    const std::string v(r % 37, static_cast<char>('a' + r % 26));
    ASSERT_TRUE((r % 11 == 0 ? s.AppendNull() : s.Append(v)).ok());
    if (r % 13 == 0) {
      ASSERT_TRUE(l.AppendNull().ok());
    } else {
      ASSERT_TRUE(l.Append().ok());
      for (int k = 0; k < r % 4; ++k) ASSERT_TRUE(items->Append(v.substr(std::min<size_t>(k, v.size()))).ok());
    }
    ASSERT_TRUE((r % 7 == 0 ? i.AppendNull() : i.Append(static_cast<int32_t>(r))).ok());
  }
  auto sch = schema({field("s", utf8()), field("l", list(field("item", utf8()))),
                     field("i", int32())});
  auto batch = RecordBatch::Make(sch, n, {s.Finish().value(), l.Finish().value(),
                                          i.Finish().value()});
  ParquetWriteOptions o;
  o.column.page_row_limit = 700;
  const std::string path = (fs::temp_directory_path() /
                            ("quiver_stream_limit_" + std::to_string(::getpid()) + ".parquet"))
                               .string();
  ASSERT_TRUE(WriteParquetFile(path, sch, {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  auto rows = RowGroupBatchReader::Open(reader, 0, {0, 1, 2}).value();
  const int64_t limit = 1000;
  rows->set_max_column_bytes(limit);
  int64_t pos = 0, batches = 0;
  while (pos < n) {
    auto next = rows->Next(500);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    ASSERT_TRUE(*next);
    const RecordBatch& b = **next;
    ASSERT_TRUE(b.Validate().ok());
    ASSERT_GT(b.num_rows(), 0);
    const auto& sc = static_cast<const StringArray&>(*b.column(0));
    const auto& lc = static_cast<const ListArray&>(*b.column(1));
    const auto& items_c = static_cast<const StringArray&>(*lc.values());
    EXPECT_LE(sc.value_offset(sc.length()) - sc.value_offset(0), limit);
    EXPECT_LE(items_c.value_offset(items_c.length()) - items_c.value_offset(0), limit);
    const auto want = batch->Slice(pos, b.num_rows());
    for (int c = 0; c < 3; ++c) {
      EXPECT_TRUE(b.column(c)->Equals(*want->column(c))) << "column " << c << " at row " << pos;
    }
    pos += b.num_rows();
    ++batches;
    if (batches % 3 == 0 && pos < n) {  // skip some rows between batches
      const int64_t skip = std::min<int64_t>(17, n - pos);
      ASSERT_TRUE(rows->Skip(skip).ok());
      pos += skip;
    }
  }
  EXPECT_FALSE(rows->Next(500).value());
  EXPECT_GT(batches, 3000 * 18 / 1000 / 2);  // about 18 bytes a row per column
  fs::remove(path);
}

}  // namespace
}  // namespace quiver::parquet
