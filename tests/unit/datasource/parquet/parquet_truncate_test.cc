// A file truncated after it was opened (footer already read) must fail the
// scan with an IO error; it used to be mapped, and touching a vanished page
// of a mapping raises SIGBUS.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "quiver/arrow/builder.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

TEST(ParquetTruncate, TruncatedBetweenOpenAndReadIsAnIoError) {
  const auto dir = fs::temp_directory_path() / ("quiver_pq_trunc_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "t.parquet").string();
  // 400k distinct int64 without compression: a column chunk of several MB,
  // large enough for the reads that used to be mapped.
  std::vector<int64_t> v(400000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * 7919);
  auto arr = ArrayFromVector<int64_t>(int64(), v).value();
  auto s = schema({field("x", int64())});
  auto batch = RecordBatch::Make(s, static_cast<int64_t>(v.size()), {arr});
  ParquetWriteOptions o;
  o.column.codec = Compression::kUncompressed;
  o.column.dictionary = false;
  ASSERT_TRUE(WriteParquetFile(path, s, {batch}, o).ok());
  const auto size = static_cast<int64_t>(fs::file_size(path));
  ASSERT_GT(size, 2 << 20);

  auto reader = OpenParquetFile(path).value();
  ASSERT_EQ(::truncate(path.c_str(), size / 2), 0);
  auto rows = RowGroupBatchReader::Open(reader, 0, {0});
  Status st = rows.status();
  if (st.ok()) {
    while (true) {
      auto b = (*rows)->Next(8192);
      if (!b.ok()) {
        st = b.status();
        break;
      }
      if (!*b) break;
    }
  }
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.kind(), ErrorKind::kIO) << st.ToString();
  EXPECT_NE(st.ToString().find("truncated"), std::string::npos) << st.ToString();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quiver::parquet
