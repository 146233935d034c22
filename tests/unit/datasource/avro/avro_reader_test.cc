// The Avro reader on every file of testing/data/avro. Most of them are Spark
// conversions of parquet-testing files: their values must equal what the
// Parquet reader (itself checked against DuckDB) reads from the originals.
// DuckDB has no Avro reader offline; the Avro-only files are checked against
// DataFusion's avro.slt results or against each other (the same decimals
// stored as bytes and as fixed).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/avro/batch_reader.h"
#include "quiver/datasource/parquet/file_reader.h"

namespace quiver::avro {
namespace {

namespace fs = std::filesystem;

fs::path DataDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) / "datafusion-tests";
}

std::string AvroPath(const std::string& name) {
  return (DataDir() / "testing/data/avro" / (name + ".avro")).string();
}

RecordBatchPtr ReadAvro(const std::string& name) {
  auto batches = ReadAvroFile(AvroPath(name));
  EXPECT_TRUE(batches.ok()) << name << ": " << batches.status().ToString();
  if (!batches.ok()) return nullptr;
  auto file = AvroFileReader::Open(AvroPath(name));
  auto one = compute::ConcatenateBatches((*file)->arrow_schema(), *batches);
  EXPECT_TRUE(one.ok()) << one.status().ToString();
  return one.ok() ? *one : nullptr;
}

// Rows as "a|b|c" with NULL for nulls.
std::vector<std::string> Rows(const RecordBatch& b) {
  std::vector<std::string> out;
  for (int64_t r = 0; r < b.num_rows(); ++r) {
    std::string row;
    for (int c = 0; c < b.num_columns(); ++c) {
      if (c) row += '|';
      const Array& a = *b.column(c);
      row += a.IsNull(r) ? "NULL" : FormatValue(a, r);
    }
    out.push_back(row);
  }
  return out;
}

std::string ParquetPath(const std::string& name) {
  return (DataDir() / "parquet-testing/data" / (name + ".parquet")).string();
}

RecordBatchPtr ReadParquet(const std::string& name) {
  auto reader = parquet::OpenParquetFile(ParquetPath(name));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return nullptr;
  auto batches = (*reader)->ReadAll({}, 1 << 20);
  EXPECT_TRUE(batches.ok()) << batches.status().ToString();
  if (!batches.ok()) return nullptr;
  auto one = compute::ConcatenateBatches((*reader)->schema(), *batches);
  return one.ok() ? *one : nullptr;
}

std::vector<std::string> Cells(const Array& a) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < a.length(); ++i) out.push_back(a.IsNull(i) ? "NULL" : FormatValue(a, i));
  return out;
}

// Cells of a map of scalars with their entries sorted.
std::vector<std::string> SortedEntries(const Array& a) {
  std::vector<std::string> out;
  for (std::string cell : Cells(a)) {
    if (cell.size() >= 2 && cell.front() == '{') {
      std::vector<std::string> entries;
      std::string body = cell.substr(1, cell.size() - 2);
      for (size_t pos = 0; pos <= body.size();) {
        size_t next = body.find(", ", pos);
        if (next == std::string::npos) next = body.size();
        entries.push_back(body.substr(pos, next - pos));
        pos = next + 2;
      }
      std::sort(entries.begin(), entries.end());
      cell.clear();
      for (const auto& e : entries) cell += e + ";";
    }
    out.push_back(cell);
  }
  return out;
}

// Every column of the Avro file equals the Parquet original's column of the
// same name, cast to the Avro column's type when the two differ (Spark wrote
// tinyints as Avro ints, INT96 timestamps as timestamp-micros).
void ExpectSameAsParquet(const std::string& avro_name, const std::string& parquet_name) {
  SCOPED_TRACE(avro_name);
  RecordBatchPtr a = ReadAvro(avro_name);
  RecordBatchPtr p = ReadParquet(parquet_name);
  ASSERT_TRUE(a && p);
  ASSERT_EQ(a->num_rows(), p->num_rows());
  for (int c = 0; c < a->num_columns(); ++c) {
    const std::string& name = a->schema()->field(c)->name();
    SCOPED_TRACE(name);
    const int pc = p->schema()->GetFieldIndex(name);
    ASSERT_GE(pc, 0);
    ArrayPtr theirs = p->column(pc);
    const DataTypePtr& ours = a->column(c)->type();
    if (!theirs->type()->Equals(*ours) && !ours->is_nested()) {
      auto cast = compute::Cast(theirs, ours);
      ASSERT_TRUE(cast.ok()) << cast.status().ToString();
      theirs = *cast;
    }
    if (ours->id() == TypeId::kMap) {
      // Spark rewrote maps through a hash map: the entry order may differ.
      EXPECT_EQ(SortedEntries(*a->column(c)), SortedEntries(*theirs));
    } else {
      EXPECT_EQ(Cells(*a->column(c)), Cells(*theirs));
    }
  }
}

TEST(AvroReaderTest, SparkConversionsMatchParquetOriginals) {
  const std::pair<const char*, const char*> kPairs[] = {
      {"alltypes_plain", "alltypes_plain"},
      {"alltypes_plain.snappy", "alltypes_plain"},
      {"alltypes_plain.bzip2", "alltypes_plain"},
      {"alltypes_plain.xz", "alltypes_plain"},
      {"alltypes_plain.zstandard", "alltypes_plain"},
      {"alltypes_dictionary", "alltypes_dictionary"},
      {"binary", "binary"},
      {"datapage_v2.snappy", "datapage_v2.snappy"},
      {"dict-page-offset-zero", "dict-page-offset-zero"},
      {"fixed_length_decimal", "fixed_length_decimal"},
      {"fixed_length_decimal_legacy", "fixed_length_decimal_legacy"},
      {"int32_decimal", "int32_decimal"},
      {"int64_decimal", "int64_decimal"},
      {"list_columns", "list_columns"},
      {"nested_lists.snappy", "nested_lists.snappy"},
      {"nonnullable.impala", "nonnullable.impala"},
      {"nullable.impala", "nullable.impala"},
      {"nulls.snappy", "nulls.snappy"},
      {"repeated_no_annotation", "repeated_no_annotation"},
      {"single_nan", "single_nan"},
  };
  for (const auto& [avro_name, parquet_name] : kPairs) ExpectSameAsParquet(avro_name, parquet_name);
}

// DataFusion's avro.slt results for the files generated by hand.
TEST(AvroReaderTest, HandWrittenFilesMatchDataFusion) {
  RecordBatchPtr b = ReadAvro("nested_records");
  ASSERT_TRUE(b);
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{
                          "{f1_1: aaa, f1_2: 10, f1_3: {f1_3_1: 3.14}}|[{f2_1: true, f2_2: 1.2}, "
                          "{f2_1: true, f2_2: 2.2}]|{f3_1: xyz}|[{f4_1: 200}, ]",
                          "{f1_1: bbb, f1_2: 20, f1_3: {f1_3_1: 3.14}}|[{f2_1: false, f2_2: "
                          "10.2}]|NULL|[, {f4_1: 300}]"}));
  b = ReadAvro("simple_enum");
  ASSERT_TRUE(b);
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"a|g|j", "b|h|k", "c|e|NULL", "d|f|i"}));
  b = ReadAvro("simple_fixed");
  ASSERT_TRUE(b);
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"6162636465|666768696a6b6c6d6e6f|414243444546",
                                                "3132333435|31323334353637383930|NULL"}));
  EXPECT_EQ(b->schema()->field(0)->type()->ToString(), "FixedSizeBinary(5)");
}

// Decimals as bytes and as fixed of every width hold the parquet-testing
// decimal files' values 1..24.
TEST(AvroReaderTest, DecimalsOfEveryWidth) {
  RecordBatchPtr ref = ReadParquet("int32_decimal");
  ASSERT_TRUE(ref);
  for (const char* name :
       {"int128_decimal", "int256_decimal", "fixed256_decimal", "fixed_length_decimal_legacy_32"}) {
    SCOPED_TRACE(name);
    RecordBatchPtr b = ReadAvro(name);
    ASSERT_TRUE(b);
    auto cast = compute::Cast(ref->column(0), b->column(0)->type());
    ASSERT_TRUE(cast.ok()) << cast.status().ToString();
    EXPECT_EQ(Cells(*b->column(0)), Cells(**cast));
  }
  EXPECT_EQ(ReadAvro("int256_decimal")->schema()->field(0)->type()->ToString(),
            "Decimal256(76, 10)");
}

// Each row stores one instant in six encodings: all agree once in nanoseconds.
TEST(AvroReaderTest, TimestampsOfEveryUnit) {
  RecordBatchPtr b = ReadAvro("timestamp_logical_types");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->num_columns(), 7);
  EXPECT_EQ(b->schema()->field(1)->type()->ToString(), "Timestamp(Millisecond, Some(\"+00:00\"))");
  EXPECT_EQ(b->schema()->field(6)->type()->ToString(), "Timestamp(Nanosecond, None)");
  std::vector<std::string> first;
  for (int c = 1; c < 7; ++c) {
    auto ns = compute::Cast(b->column(c), timestamp(TimeUnit::kNanosecond));
    ASSERT_TRUE(ns.ok()) << ns.status().ToString();
    if (c == 1) first = Cells(**ns);
    EXPECT_EQ(Cells(**ns), first) << "column " << c;
  }
  EXPECT_EQ(first.size(), 2u);
}

TEST(AvroReaderTest, NullsDurationsUuidsAndEmptyBytes) {
  RecordBatchPtr b = ReadAvro("alltypes_nulls_plain");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->num_rows(), 1);
  for (int c = 0; c < b->num_columns(); ++c) EXPECT_TRUE(b->column(c)->IsNull(0));

  b = ReadAvro("zero_byte");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->num_rows(), 3);
  EXPECT_EQ(FormatValue(*b->column(0), 1), "");
  EXPECT_EQ(FormatValue(*b->column(0), 2), "736f6d65206279746573");  // "some bytes"

  b = ReadAvro("duration_uuid");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->num_rows(), 4);
  EXPECT_EQ(b->schema()->field(0)->type()->ToString(), "Interval(MonthDayNano)");
  for (const auto& u : Cells(*b->column(1))) {
    ASSERT_EQ(u.size(), 36u) << u;
    EXPECT_EQ(u[8], '-');
    EXPECT_EQ(u[23], '-');
  }
}

TEST(AvroReaderTest, ProjectionSkipsOtherColumns) {
  auto file = AvroFileReader::Open(AvroPath("nullable.impala"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const SchemaPtr& all = (*file)->arrow_schema();
  // The last column and the first, in that order, skipping the nested ones between.
  auto cols = schema({all->field(5), all->field(0)});
  auto reader = AvroBatchReader::Make(*file, cols, 0, (*file)->blocks().size(), 3);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<int64_t> sizes;
  std::vector<std::string> ids;
  while (true) {
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (!*batch) break;
    sizes.push_back((*batch)->num_rows());
    for (const auto& c : Cells(*(*batch)->column(1))) ids.push_back(c);
  }
  EXPECT_EQ(sizes, (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
  // No column: row counts only.
  auto count_only = AvroBatchReader::Make(*file, schema({}), 0, (*file)->blocks().size(), 100);
  ASSERT_TRUE(count_only.ok());
  auto batch = (*count_only)->Next();
  ASSERT_TRUE(batch.ok() && *batch);
  EXPECT_EQ((*batch)->num_rows(), 7);
}

// Every truncation and many byte flips of real files: an error or a result,
// never a crash or a hang.
Status ReadBytes(std::string bytes) {
  auto source = parquet::MakeBufferSource(std::move(bytes), "fuzz.avro");
  QUIVER_ASSIGN_OR_RAISE(auto file, AvroFileReader::Open(source));
  QUIVER_ASSIGN_OR_RAISE(auto reader, AvroBatchReader::Make(file, file->arrow_schema(), 0,
                                                            file->blocks().size(), 1024));
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) return Status::OK();
    QUIVER_RETURN_NOT_OK(batch->Validate());
  }
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(AvroReaderTest, TruncatedAndCorruptFilesFailCleanly) {
  for (const char* name :
       {"alltypes_plain", "alltypes_plain.zstandard", "alltypes_plain.xz", "alltypes_plain.bzip2",
        "nested_records", "nullable.impala", "duration_uuid", "fixed256_decimal"}) {
    SCOPED_TRACE(name);
    const std::string bytes = Slurp(AvroPath(name));
    ASSERT_TRUE(ReadBytes(bytes).ok());
    int errors = 0;
    for (size_t n = 0; n < bytes.size(); ++n) {
      Status st = ReadBytes(bytes.substr(0, n));
      if (!st.ok()) {
        ++errors;
        EXPECT_FALSE(st.message().empty());
      }
    }
    // Only a cut at the end of the header or of a block leaves a valid file.
    EXPECT_GE(errors, static_cast<int>(bytes.size()) - 4);
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (uint8_t mask : {0x01, 0x80, 0xFF}) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ mask);
        (void)ReadBytes(std::move(flipped));
      }
    }
  }
  EXPECT_NE(ReadBytes("Obj\x01").message().find("Avro"), std::string::npos);
  EXPECT_NE(ReadBytes("PAR1xxxx").message().find("bad magic"), std::string::npos);
}

}  // namespace
}  // namespace quiver::avro
