// Dictionary-encoded byte arrays are gathered from a flattened copy of the
// dictionary: values of every length (empty, short, longer than the 16-byte
// fast copy), nulls, and batch boundaries inside pages read back exactly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

TEST(ParquetDictionary, ByteArraysGatheredExactly) {
  const auto dir = fs::temp_directory_path() / ("quiver_pq_dict_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "d.parquet").string();
  const std::vector<std::string> words = {
      "", "a", "fifteen-chars!!", "sixteen-chars!!!", "seventeen-chars!!", std::string(300, 'x')};
  std::vector<std::string> v;
  std::vector<bool> valid;
  for (int i = 0; i < 50000; ++i) {
    v.push_back(words[(i * 7 + i / 3) % words.size()]);
    valid.push_back(i % 13 != 0);
  }
  auto arr = ArrayFromVector<std::string>(utf8(), v, valid).value();
  auto s = schema({field("s", utf8())});
  auto batch = RecordBatch::Make(s, static_cast<int64_t>(v.size()), {arr});
  ParquetWriteOptions o;
  o.column.page_row_limit = 7000;  // several data pages over one dictionary
  ASSERT_TRUE(WriteParquetFile(path, s, {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  const auto& cc = reader->metadata().row_groups[0].columns[0];
  ASSERT_TRUE(cc.meta_data->dictionary_page_offset.has_value());
  auto rows = RowGroupBatchReader::Open(reader, 0, {0}).value();
  int64_t at = 0;
  while (true) {
    auto b = rows->Next(4099).value();  // batches that end mid-page
    if (!b) break;
    const auto& col = static_cast<const StringArray&>(*b->column(0));
    for (int64_t i = 0; i < b->num_rows(); ++i, ++at) {
      ASSERT_EQ(col.IsValid(i), static_cast<bool>(valid[at])) << at;
      if (valid[at]) {
        ASSERT_EQ(col.GetView(i), v[at]) << at;
      }
    }
  }
  EXPECT_EQ(at, static_cast<int64_t>(v.size()));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quiver::parquet
