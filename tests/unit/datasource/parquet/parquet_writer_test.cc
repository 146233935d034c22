// Writing Parquet: every type of the Arrow integration files round-trips
// through our writer and reader; options, atomicity, statistics, the page
// index and bloom filters.
#include <gtest/gtest.h>

#include <filesystem>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/ipc/reader.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/parquet/bloom_filter.h"
#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/file_writer.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

fs::path IntegrationDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) /
         "datafusion-tests/testing/data/arrow-ipc-stream/integration/cpp-21.0.0";
}

std::string TempPath(const std::string& name) {
  // Emptied once per process (an earlier process may have had this pid).
  static const fs::path dir = [] {
    auto d = fs::temp_directory_path() / ("quiver_pq_writer_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return (dir / name).string();
}

// Whether our writer supports `t` (unions and non-month-day-nano intervals are not).
bool Writable(const DataType& t) {
  if (t.id() == TypeId::kInterval) return false;
  if (t.id() == TypeId::kDictionary) return Writable(*t.value_type());
  for (const auto& f : t.fields()) {
    if (!Writable(*f->type())) return false;
  }
  return t.id() != TypeId::kStruct || t.num_fields() > 0;
}

std::vector<std::string> Values(const Array& a) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < a.length(); ++i) out.push_back(FormatValue(a, i));
  return out;
}

// Writes the integration file's supported columns and reads them back.
void RoundTrip(const std::string& file, const ParquetWriteOptions& options) {
  SCOPED_TRACE(file);
  SchemaPtr schema;
  auto batches = ipc::ReadAllBatches((IntegrationDir() / file).string(), &schema);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  std::vector<int> keep;
  std::vector<FieldPtr> fields;
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (Writable(*schema->field(i)->type())) {
      keep.push_back(i);
      fields.push_back(schema->field(i));
    }
  }
  auto out_schema = quiver::schema(fields);
  std::vector<RecordBatchPtr> in;
  for (const auto& b : *batches) {
    std::vector<ArrayPtr> cols;
    for (int i : keep) cols.push_back(b->column(i));
    in.push_back(RecordBatch::Make(out_schema, b->num_rows(), cols));
  }
  std::string path = TempPath(file + ".parquet");
  Status st = WriteParquetFile(path, out_schema, in, options);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto reader = OpenParquetFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto back = (*reader)->ReadAll({}, 1 << 30);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ((*reader)->schema()->num_fields(), out_schema->num_fields());
  for (int c = 0; c < out_schema->num_fields(); ++c) {
    SCOPED_TRACE(out_schema->field(c)->ToString());
    const DataTypePtr& read_type = (*reader)->schema()->field(c)->type();
    std::vector<std::string> want, got;
    for (const auto& b : in) {
      auto cast = compute::Cast(b->column(c), read_type);
      ASSERT_TRUE(cast.ok()) << cast.status().ToString() << " to " << read_type->ToString();
      auto v = Values(**cast);
      want.insert(want.end(), v.begin(), v.end());
    }
    for (const auto& b : *back) {
      auto v = Values(*b->column(c));
      got.insert(got.end(), v.begin(), v.end());
    }
    EXPECT_EQ(want, got);
  }
  fs::remove(path);
}

const char* kFiles[] = {
    "generated_primitive.arrow_file", "generated_primitive_zerolength.arrow_file",
    "generated_primitive_no_batches.arrow_file", "generated_datetime.arrow_file",
    "generated_decimal.arrow_file", "generated_decimal256.arrow_file",
    "generated_nested.arrow_file", "generated_nested_large_offsets.arrow_file",
    "generated_recursive_nested.arrow_file", "generated_map.arrow_file",
    "generated_null.arrow_file", "generated_null_trivial.arrow_file",
    "generated_dictionary.arrow_file", "generated_dictionary_unsigned.arrow_file",
    "generated_nested_dictionary.arrow_file", "generated_duplicate_fieldnames.arrow_file",
    "generated_binary.arrow_file", "generated_binary_view.arrow_file",
    "generated_large_binary.arrow_file", "generated_duration.arrow_file"};

TEST(ParquetWriter, IntegrationFilesRoundTrip) {
  if (!fs::exists(IntegrationDir())) GTEST_SKIP() << "no integration corpus";
  ParquetWriteOptions o;
  o.max_row_group_rows = 7;  // several row groups and pages per file
  o.column.page_row_limit = 3;
  for (const char* f : kFiles) RoundTrip(f, o);
}

TEST(ParquetWriter, EveryCodecAndPlainEncoding) {
  if (!fs::exists(IntegrationDir())) GTEST_SKIP() << "no integration corpus";
  for (auto codec : {Compression::kUncompressed, Compression::kSnappy, Compression::kGzip,
                     Compression::kZstd, Compression::kLz4Raw}) {
    ParquetWriteOptions o;
    o.column.codec = codec;
    o.column.dictionary = codec != Compression::kGzip;
    o.column.bloom_filter = true;
    RoundTrip("generated_primitive.arrow_file", o);
    RoundTrip("generated_nested.arrow_file", o);
  }
}

RecordBatchPtr IntBatch(int64_t n, int64_t start) {
  std::vector<int64_t> v(n);
  std::vector<std::string> s(n);
  for (int64_t i = 0; i < n; ++i) {
    v[i] = start + i;
    s[i] = "s" + std::to_string((start + i) % 100);
  }
  auto a = ArrayFromVector(int64(), v).value();
  auto b = ArrayFromVector(utf8(), s).value();
  return RecordBatch::Make(schema({field("a", int64()), field("b", utf8())}), n, {a, b});
}

TEST(ParquetWriter, StatisticsPageIndexAndBloomFilters) {
  ParquetWriteOptions o;
  o.max_row_group_rows = 1000;
  o.column.page_row_limit = 100;
  o.column.bloom_filter = true;
  std::string path = TempPath("stats.parquet");
  auto batch = IntBatch(2500, 10);
  ASSERT_TRUE(WriteParquetFile(path, batch->schema(), {batch}, o).ok());
  auto reader = OpenParquetFile(path).value();
  const auto& md = reader->metadata();
  ASSERT_EQ(md.row_groups.size(), 3u);
  EXPECT_EQ(md.row_groups[2].num_rows, 500);
  const auto& cc = md.row_groups[1].columns[0];
  ASSERT_TRUE(cc.meta_data->statistics);
  int64_t mn, mx;
  std::memcpy(&mn, cc.meta_data->statistics->min_value->data(), 8);
  std::memcpy(&mx, cc.meta_data->statistics->max_value->data(), 8);
  EXPECT_EQ(mn, 1010);
  EXPECT_EQ(mx, 2009);
  EXPECT_EQ(*cc.meta_data->statistics->null_count, 0);
  ASSERT_TRUE(cc.column_index_offset && cc.offset_index_offset);
  auto src = OpenLocalFile(path).value();
  auto oi_bytes = src->ReadAt(*cc.offset_index_offset, *cc.offset_index_length).value();
  auto oi = DecodeOffsetIndex(oi_bytes.data, oi_bytes.size).value();
  ASSERT_EQ(oi.page_locations.size(), 10u);
  EXPECT_EQ(oi.page_locations[3].first_row_index, 300);
  auto ci_bytes = src->ReadAt(*cc.column_index_offset, *cc.column_index_length).value();
  auto ci = DecodeColumnIndex(ci_bytes.data, ci_bytes.size).value();
  ASSERT_EQ(ci.min_values.size(), 10u);
  std::memcpy(&mn, ci.min_values[3].data(), 8);
  EXPECT_EQ(mn, 1310);
  // The string column's bloom filter knows its values.
  const auto& sc = md.row_groups[0].columns[1];
  ASSERT_TRUE(sc.meta_data->bloom_filter_offset);
  auto bf_bytes =
      src->ReadAt(*sc.meta_data->bloom_filter_offset, *sc.meta_data->bloom_filter_length).value();
  auto bf = SplitBlockBloomFilter::Parse(bf_bytes.data, bf_bytes.size).value();
  EXPECT_TRUE(bf.MightContain(XxHash64("s42", 3)));
  int false_positives = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string k = "x" + std::to_string(i);
    false_positives += bf.MightContain(XxHash64(k.data(), k.size()));
  }
  EXPECT_LT(false_positives, 150);
  fs::remove(path);
}

TEST(ParquetWriter, XxHash64KnownValues) {
  // Reference values of XXH64 with seed 0.
  EXPECT_EQ(XxHash64("", 0), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(XxHash64("a", 1), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(XxHash64("abc", 3), 0x44BC2CF5AD770999ULL);
}

TEST(ParquetWriter, FailureLeavesNothing) {
  std::string path = TempPath("fail.parquet");
  auto bad_schema = schema({field("u", interval(IntervalUnit::kDayTime))});
  EXPECT_FALSE(ParquetFileWriter::Open(path, bad_schema).ok());
  {
    auto w = ParquetFileWriter::Open(path, IntBatch(1, 0)->schema()).value();
    ASSERT_TRUE(w->Write(*IntBatch(10, 0)).ok());
    // Dropped without Close: no file, no temporary.
  }
  EXPECT_FALSE(fs::exists(path));
  for (const auto& e : fs::directory_iterator(fs::path(path).parent_path())) {
    EXPECT_EQ(e.path().filename().string().find("fail.parquet"), std::string::npos);
  }
  ParquetWriteOptions o;
  EXPECT_FALSE(SetWriteOption("compression", "lzo", &o).ok());
  EXPECT_FALSE(SetWriteOption("no_such_option", "1", &o).ok());
  EXPECT_TRUE(SetWriteOption("format.compression", "zstd(5)", &o).ok());
  EXPECT_EQ(o.column.codec, Compression::kZstd);
  EXPECT_EQ(o.column.compression_level, 5);
}

}  // namespace
}  // namespace quiver::parquet
