// Late materialization: filter columns decoded first, the others only where
// rows survive; the result must equal filtering after a full read.
#include <gtest/gtest.h>

#include <filesystem>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet_late_filter.h"
#include "quiver/datasource/parquet_pruning.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;

class LateFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // a: sorted 0..n-1 (pages of a range can be skipped); s: nullable strings.
    const int64_t n = 20000;
    std::vector<int64_t> a(n);
    std::vector<std::string> s(n);
    for (int64_t i = 0; i < n; ++i) {
      a[i] = i;
      s[i] = "row" + std::to_string(i);
    }
    auto sch = schema({field("s", utf8()), field("a", int64())});
    auto batch = RecordBatch::Make(
        sch, n, {ArrayFromVector(utf8(), s).value(), ArrayFromVector(int64(), a).value()});
    parquet::ParquetWriteOptions o;
    o.column.page_row_limit = 700;
    o.max_row_group_rows = 15000;
    path_ = (fs::temp_directory_path() / ("quiver_late_" + std::to_string(getpid()))).string();
    ASSERT_TRUE(parquet::WriteParquetFile(path_, sch, {batch}, o).ok());
    reader_ = parquet::OpenParquetFile(path_).value();
  }
  void TearDown() override { fs::remove(path_); }

  // Rows of every row group through the late filter, as "s|a" strings.
  std::vector<std::string> Scan(const std::vector<ExprPtr>& filters, int64_t batch) {
    auto late = MakeLateFilter(filters, reader_->schema());
    EXPECT_TRUE(late);
    std::vector<std::string> out;
    for (int rg = 0; rg < reader_->num_row_groups(); ++rg) {
      auto rows = parquet::RowGroupBatchReader::Open(reader_, rg, {0, 1}).value();
      while (true) {
        auto b = NextFiltered(*rows, *late, reader_->schema(), batch);
        EXPECT_TRUE(b.ok()) << b.status().ToString();
        if (!b.ok() || !*b) break;
        const auto& s = static_cast<const StringArray&>(*(*b)->column(0));
        const auto& a = static_cast<const Int64Array&>(*(*b)->column(1));
        for (int64_t i = 0; i < (*b)->num_rows(); ++i) {
          out.push_back(s.GetString(i) + "|" + std::to_string(a.Value(i)));
        }
      }
    }
    return out;
  }

  std::string path_;
  std::shared_ptr<parquet::ParquetFileReader> reader_;
};

std::vector<std::string> Expected(int64_t from, int64_t to) {
  std::vector<std::string> out;
  for (int64_t i = from; i < to; ++i)
    out.push_back("row" + std::to_string(i) + "|" + std::to_string(i));
  return out;
}

TEST_F(LateFilterTest, RangeAcrossPagesAndRowGroups) {
  // Rows 9990..15009: batches before and after it are skipped undecoded.
  std::vector<ExprPtr> f = {Binary(Col(Column::Named("a")), Operator::kGtEq, LitInt64(9990)),
                            Binary(Col(Column::Named("a")), Operator::kLt, LitInt64(15010))};
  for (int64_t batch : {int64_t{1000}, int64_t{333}, int64_t{8192}}) {
    SCOPED_TRACE(batch);
    EXPECT_EQ(Scan(f, batch), Expected(9990, 15010));
  }
}

TEST_F(LateFilterTest, NothingAndEverything) {
  EXPECT_TRUE(Scan({Binary(Col(Column::Named("a")), Operator::kLt, LitInt64(0))}, 1000).empty());
  EXPECT_EQ(Scan({Binary(Col(Column::Named("a")), Operator::kGtEq, LitInt64(0))}, 4096),
            Expected(0, 20000));
}

TEST_F(LateFilterTest, PageIndexRanges) {
  std::vector<ExprPtr> f = {Binary(Col(Column::Named("a")), Operator::kGtEq, LitInt64(9990)),
                            Binary(Col(Column::Named("a")), Operator::kLt, LitInt64(15010))};
  // Pages of 700 rows: row group 0 (rows 0..14999) keeps pages from the one
  // holding 9990 (9800..10499) on; row group 1 only its first page.
  int64_t pruned = 0;
  auto r0 = RowRangesMayMatch(*reader_, 0, f, &pruned);
  ASSERT_EQ(r0.size(), 1u);
  EXPECT_EQ(r0[0].begin, 9800);
  EXPECT_EQ(r0[0].end, 15000);
  EXPECT_EQ(pruned, 9800);
  auto r1 = RowRangesMayMatch(*reader_, 1, f, &pruned);
  ASSERT_EQ(r1.size(), 1u);
  EXPECT_EQ(r1[0].begin, 0);
  EXPECT_EQ(r1[0].end, 700);
  EXPECT_EQ(pruned, 4300);
  // A column without statistics use (strings compare too) and no filter.
  auto r2 = RowRangesMayMatch(
      *reader_, 0, {Binary(Col(Column::Named("s")), Operator::kEq, LitString("zzz"))}, &pruned);
  EXPECT_TRUE(r2.empty());
  EXPECT_EQ(pruned, 15000);
  auto r3 = RowRangesMayMatch(*reader_, 0, {}, &pruned);
  ASSERT_EQ(r3.size(), 1u);
  EXPECT_EQ(r3[0].end, 15000);
}

TEST_F(LateFilterTest, NotApplicable) {
  // A column outside the scan's output, or no column left to decode late.
  EXPECT_FALSE(MakeLateFilter({Binary(Col(Column::Named("zz")), Operator::kEq, LitInt64(1))},
                              reader_->schema()));
  EXPECT_FALSE(MakeLateFilter({Binary(Col(Column::Named("a")), Operator::kEq, LitInt64(1))},
                              schema({field("a", int64())})));
  EXPECT_FALSE(MakeLateFilter({}, reader_->schema()));
}

}  // namespace
}  // namespace quiver
