// The Avro writer, checked by reading its files back with the reader: every
// test file rewritten with every codec, and Arrow types Avro lacks.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/avro/batch_reader.h"
#include "quiver/datasource/avro/writer.h"

namespace quiver::avro {
namespace {

namespace fs = std::filesystem;

fs::path AvroDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) / "datafusion-tests/testing/data/avro";
}

std::vector<std::string> Rows(const std::vector<RecordBatchPtr>& batches) {
  std::vector<std::string> out;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < b->num_columns(); ++c) {
        const Array& a = *b->column(c);
        row += (c ? "|" : "") + (a.IsNull(r) ? std::string("NULL") : FormatValue(a, r));
      }
      out.push_back(row);
    }
  }
  return out;
}

Result<std::vector<RecordBatchPtr>> ReadBack(const std::string& bytes, SchemaPtr* schema) {
  QUIVER_ASSIGN_OR_RAISE(auto file, AvroFileReader::Open(parquet::MakeBufferSource(bytes)));
  *schema = file->arrow_schema();
  QUIVER_ASSIGN_OR_RAISE(auto reader, AvroBatchReader::Make(file, file->arrow_schema(), 0,
                                                            file->blocks().size(), 1 << 20));
  std::vector<RecordBatchPtr> out;
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(auto b, reader->Next());
    if (!b) return out;
    out.push_back(b);
  }
}

TEST(AvroWriterTest, EveryTestFileRoundTripsWithEveryCodec) {
  for (const auto& entry : fs::directory_iterator(AvroDir())) {
    if (entry.path().extension() != ".avro") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto file = AvroFileReader::Open(entry.path().string());
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    auto batches = ReadAvroFile(entry.path().string());
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
      AvroWriteOptions opts;
      opts.codec = codec;
      opts.block_bytes = 64;  // several blocks per file
      auto bytes = WriteAvroFile((*file)->arrow_schema(), *batches, opts);
      ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
      SchemaPtr schema;
      auto back = ReadBack(*bytes, &schema);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_TRUE(schema->Equals(*(*file)->arrow_schema())) << schema->ToString();
      EXPECT_EQ(Rows(*back), Rows(*batches)) << CodecName(codec);
    }
  }
}

TEST(AvroWriterTest, ArrowTypesAvroLacksAreWidened) {
  auto i8 = ArrayFromVector<int8_t>(int8(), {-128, 0, 127}, {true, false, true});
  auto u64 = ArrayFromVector<uint64_t>(uint64(), {0, 1, 9007199254740993ULL});
  auto ts = ArrayFromVector<int64_t>(timestamp(TimeUnit::kSecond, "UTC"), {0, 1, -86400});
  auto t64 = ArrayFromVector<int64_t>(time64(TimeUnit::kNanosecond), {0, 1500, 86399999999000});
  ASSERT_TRUE(i8.ok() && u64.ok() && ts.ok() && t64.ok());
  auto schema = quiver::schema({field("a", int8()), field("b", uint64(), false),
                                field("c", timestamp(TimeUnit::kSecond, "UTC")),
                                field("d", time64(TimeUnit::kNanosecond))});
  auto batch = RecordBatch::Make(schema, 3, {*i8, *u64, *ts, *t64});
  auto bytes = WriteAvroFile(schema, {batch});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  SchemaPtr back_schema;
  auto back = ReadBack(*bytes, &back_schema);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back_schema->ToString(),
            "a: Int32\nb: Int64 not null\nc: Timestamp(Millisecond, Some(\"+00:00\"))\n"
            "d: Time64(Microsecond)\n");
  EXPECT_EQ(Rows(*back), (std::vector<std::string>{
                             "-128|0|1970-01-01T00:00:00Z|00:00:00",
                             "NULL|1|1970-01-01T00:00:01Z|00:00:00.000001",
                             "127|9007199254740993|1969-12-31T00:00:00Z|23:59:59.999999"}));
  // Nulls in a non-nullable column are an error, not a corrupt file.
  auto strict = quiver::schema({field("a", int8(), false)});
  auto bad = WriteAvroFile(strict, {RecordBatch::Make(strict, 3, {*i8})});
  EXPECT_FALSE(bad.ok());
}

// Negative decimals and values at byte boundaries keep their sign through the
// minimal big-endian encoding, in 128 and 256-bit decimals alike.
TEST(AvroWriterTest, DecimalsKeepSignAtByteBoundaries) {
  const std::vector<Int128> v = {0,    1,    -1,    127,    128,
                                 -128, -129, 32767, -32768, static_cast<Int128>(INT64_MIN) * 1000};
  auto d128 = ArrayFromVector<Int128>(decimal128(38, 3), v);
  ASSERT_TRUE(d128.ok());
  auto d256 = compute::Cast(*d128, decimal256(50, 3));
  auto d32 = ArrayFromVector<int32_t>(date32(), std::vector<int32_t>(v.size(), -1));
  ASSERT_TRUE(d256.ok() && d32.ok());
  auto schema = quiver::schema({field("a", decimal128(38, 3), false),
                                field("b", decimal256(50, 3), false), field("c", date32())});
  auto batch = RecordBatch::Make(schema, static_cast<int64_t>(v.size()), {*d128, *d256, *d32});
  auto bytes = WriteAvroFile(schema, {batch});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  SchemaPtr back_schema;
  auto back = ReadBack(*bytes, &back_schema);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back_schema->Equals(*schema)) << back_schema->ToString();
  EXPECT_EQ(Rows(*back), Rows({batch}));
}

// A string that is not UTF-8 is corrupt data: the reader rejects it.
TEST(AvroWriterTest, InvalidUtf8StringsAreRejected) {
  auto strings = ArrayFromVector<std::string>(utf8(), {"ok", "bad\xff"});
  ASSERT_TRUE(strings.ok()) << strings.status().ToString();
  auto schema = quiver::schema({field("s", utf8(), false)});
  auto bytes = WriteAvroFile(schema, {RecordBatch::Make(schema, 2, {*strings})});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  SchemaPtr back_schema;
  auto back = ReadBack(*bytes, &back_schema);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("not valid UTF-8"), std::string::npos)
      << back.status().ToString();
}

}  // namespace
}  // namespace quiver::avro
