// Top-level primitive columns through the fast assembly path: every type it
// converts (same width, narrowed ints, decimals from INT32 / INT64, booleans,
// strings), with no nulls, some nulls, all nulls, dictionary and plain pages,
// read whole and in batches that start at bit offsets that are not
// byte-aligned. Each read must equal the written arrays.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <random>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

// Columns of `n` rows; `null_mod` 0: no nulls, 1: all null, k: every k-th row
// plus a random sprinkle.
RecordBatchPtr MakeBatch(int64_t n, int null_mod, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> i64(n);
  std::vector<int32_t> i32(n);
  std::vector<uint8_t> u8(n);
  std::vector<bool> flags(n), valid(n);
  std::vector<std::string> str(n);
  for (int64_t i = 0; i < n; ++i) {
    i64[i] = static_cast<int64_t>(rng() % 2000001) - 1000000;
    i32[i] = static_cast<int32_t>(rng() % 200) - 100;
    flags[i] = rng() & 1;
    u8[i] = static_cast<uint8_t>(rng());
    str[i] = "s" + std::to_string(rng() % 50);
    valid[i] = null_mod == 0 || (null_mod > 1 && i % null_mod != 0 && rng() % 7 != 0);
  }
  auto cast = [](const ArrayPtr& a, const DataTypePtr& t) {
    auto r = compute::Cast(a, t);
    EXPECT_TRUE(r.ok()) << t->ToString() << ": " << r.status().ToString();
    return r.ok() ? *r : a;
  };
  auto i64a = ArrayFromVector(int64(), i64, valid).value();
  auto i32a = ArrayFromVector(int32(), i32, valid).value();
  std::vector<ArrayPtr> cols = {
      i64a,
      i32a,
      cast(i32a, int8()),
      cast(i32a, int16()),
      ArrayFromVector(uint8(), u8, valid).value(),
      cast(i32a, date32()),
      cast(i64a, decimal128(15, 2)),  // INT64 in the file
      cast(i32a, decimal128(7, 1)),   // INT32 in the file
      cast(i64a, float64()),
      ArrayFromVector(boolean(), flags, valid).value(),
      ArrayFromVector(utf8(), str, valid).value(),
  };
  std::vector<FieldPtr> fields;
  for (size_t c = 0; c < cols.size(); ++c) {
    fields.push_back(field("c" + std::to_string(c), cols[c]->type()));
  }
  return RecordBatch::Make(schema(fields), n, cols);
}

std::string TempPath(const std::string& tag) {
  return (fs::temp_directory_path() /
          ("quiver_flat_leaf_" + tag + "_" + std::to_string(::getpid()) + ".parquet"))
      .string();
}

void ExpectSame(const RecordBatch& want, const RecordBatch& got, const std::string& what) {
  ASSERT_EQ(want.num_columns(), got.num_columns()) << what;
  ASSERT_EQ(want.num_rows(), got.num_rows()) << what;
  for (int c = 0; c < want.num_columns(); ++c) {
    ASSERT_TRUE(got.column(c)->type()->Equals(*want.column(c)->type()))
        << what << " column " << c << ": " << got.column(c)->type()->ToString();
    EXPECT_TRUE(want.column(c)->Equals(*got.column(c))) << what << " column " << c;
  }
}

TEST(ParquetFlatLeaf, RoundTripsInBatches) {
  const int64_t n = 3001;
  for (int null_mod : {0, 1, 2, 5}) {
    for (bool dict : {true, false}) {
      const std::string what = "nulls " + std::to_string(null_mod) + (dict ? " dict" : " plain");
      SCOPED_TRACE(what);
      RecordBatchPtr batch = MakeBatch(n, null_mod, 17 + null_mod);
      ParquetWriteOptions o;
      o.column.dictionary = dict;
      o.column.page_row_limit = 700;  // batches straddle pages
      const std::string path = TempPath(std::to_string(null_mod) + (dict ? "d" : "p"));
      ASSERT_TRUE(WriteParquetFile(path, batch->schema(), {batch}, o).ok());
      auto reader = OpenParquetFile(path).value();
      std::vector<int> cols(batch->num_columns());
      for (int c = 0; c < batch->num_columns(); ++c) cols[c] = c;
      for (int64_t step : {int64_t{3}, int64_t{77}, int64_t{1024}, n}) {
        auto rows = RowGroupBatchReader::Open(reader, 0, cols).value();
        int64_t at = 0;
        // A skipped stretch first: the batches then start mid-byte.
        ASSERT_TRUE(rows->Skip(5).ok());
        at = 5;
        while (true) {
          auto next = rows->Next(step);
          ASSERT_TRUE(next.ok()) << next.status().ToString();
          if (!*next) break;
          ASSERT_TRUE((*next)->Validate().ok());
          ExpectSame(*batch->Slice(at, (*next)->num_rows()), **next,
                     what + " step " + std::to_string(step) + " at " + std::to_string(at));
          at += (*next)->num_rows();
        }
        EXPECT_EQ(at, n);
      }
      fs::remove(path);
    }
  }
}

}  // namespace
}  // namespace quiver::parquet
