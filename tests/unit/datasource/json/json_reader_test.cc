// NDJSON reading: inference, escapes, nesting, nulls, conflicts, errors with
// line numbers, byte ranges, projection and compressed input.
#include <gtest/gtest.h>

#include "../csv/csv_test_util.h"
#include "quiver/datasource/csv/output_compression.h"
#include "quiver/datasource/json/json_reader.h"
#include "quiver/datasource/json/json_writer.h"
#include "quiver/datasource/json_format.h"

namespace quiver::json {
namespace {

using csv::testing::DfData;
using csv::testing::Rows;
using csv::testing::TempDir;

std::string TypesOf(const Schema& s) {
  std::string out;
  for (const auto& f : s.fields()) {
    if (!out.empty()) out += ",";
    out += f->name() + ":" + f->type()->ToString();
  }
  return out;
}

Result<std::vector<RecordBatchPtr>> ReadText(const std::string& text, JsonReadOptions o = {},
                                             csv::CsvRange range = {},
                                             std::optional<std::vector<int>> projection = {}) {
  auto src = csv::MakeMemorySource(text, "mem.json");
  if (!o.schema) {
    QUIVER_ASSIGN_OR_RAISE(o.schema, InferJsonSchema(src, o));
  }
  QUIVER_ASSIGN_OR_RAISE(auto reader, OpenJsonRange(src, o, csv::CsvCompression::kUncompressed,
                                                    range, std::move(projection)));
  std::vector<RecordBatchPtr> out;
  for (;;) {
    QUIVER_ASSIGN_OR_RAISE(auto b, reader->Next());
    if (!b) return out;
    out.push_back(std::move(b));
  }
}

Result<SchemaPtr> Infer(const std::string& text, int64_t max_records = 1000) {
  JsonReadOptions o;
  o.schema_infer_max_records = max_records;
  return InferJsonSchema(csv::MakeMemorySource(text, "mem.json"), o);
}

TEST(JsonReader, InfersAndReadsDataFusionFile) {
  JsonReadOptions o;
  auto batches = ReadJsonFile(DfData("2.json"), o);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(TypesOf(*(*batches)[0]->schema()), "a:Int64,b:Float64,c:Boolean,d:Utf8");
  auto rows = Rows(*batches);
  ASSERT_EQ(rows.size(), 12u);
  EXPECT_EQ(rows[0], "1|2.0|false|4");
  EXPECT_EQ(rows[1], "-10|-3.5|true|4");
}

TEST(JsonReader, InferenceRules) {
  auto s = Infer(
      "{\"i\":1,\"f\":1.5,\"m\":1,\"s\":\"x\",\"b\":true,\"n\":null,\"l\":[1,2],"
      "\"o\":{\"x\":1,\"y\":[\"a\"]},\"big\":12345678901234567890}\n"
      "{\"m\":2.5,\"c\":1}\n"
      "{\"c\":\"x\",\"e\":[]}\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(TypesOf(**s),
            "i:Int64,f:Float64,m:Float64,s:Utf8,b:Boolean,n:Null,"
            "l:List(Field { name: \"item\", data_type: Int64, nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} }),"
            "o:Struct([Field { name: \"x\", data_type: Int64, nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} }, Field { name: \"y\", data_type: "
            "List(Field { name: \"item\", data_type: Utf8, nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} }), nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} }]),"
            "big:Float64,c:Utf8,"
            "e:List(Field { name: \"item\", data_type: Null, nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} })");
}

TEST(JsonReader, ConflictsBecomeText) {
  auto b = ReadText("{\"a\":1}\n{\"a\":\"x\"}\n{\"a\":{\"k\": [1, true]}}\n{\"a\":false}\n");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(TypesOf(*(*b)[0]->schema()), "a:Utf8");
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"1", "x", "{\"k\": [1, true]}", "false"}));
}

TEST(JsonReader, SchemaInferMaxRecords) {
  auto s = Infer("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n", 2);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(TypesOf(**s), "a:Int64,b:Int64");
  // Later members are skipped by the reader, not an error.
  JsonReadOptions o;
  o.schema = *s;
  auto b = ReadText("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n", o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"1|NULL", "NULL|2", "NULL|NULL"}));
}

TEST(JsonReader, EscapesAndSurrogates) {
  auto b = ReadText(
      "{\"s\":\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t|\\u00e9\\u4e2d\\ud83d\\ude00|\xc3\xa9\"}\n"
      "{\"s\":\"plain\", \"k\\u0041\": 1}\n");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto col = std::static_pointer_cast<StringArray>((*b)[0]->column(0));
  EXPECT_EQ(col->GetString(0), "q\"b\\s/\b\f\n\r\t|\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80|\xc3\xa9");
  EXPECT_EQ(col->GetString(1), "plain");
  EXPECT_EQ(TypesOf(*(*b)[0]->schema()), "s:Utf8,kA:Int64");
}

TEST(JsonReader, BadEscapesAreErrors) {
  for (const char* text : {"{\"s\":\"\\ud83d\"}", "{\"s\":\"\\ude00x\"}", "{\"s\":\"\\x\"}",
                           "{\"s\":\"\\u12g4\"}", "{\"s\":\"a\tb\"}"}) {
    auto b = ReadText(std::string(text) + "\n");
    EXPECT_FALSE(b.ok()) << text;
  }
}

TEST(JsonReader, NestedValues) {
  auto b = ReadText(
      "{\"o\":{\"x\":1,\"l\":[{\"z\":true},null]},\"m\":[[1,2],[],null]}\n"
      "{\"o\":null,\"m\":null}\n"
      "{\"o\":{\"l\":[]}}\n");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"{x: 1, l: [{z: true}, ]}|[[1, 2], [], ]",
                                                "NULL|NULL", "{x: , l: []}|NULL"}));
}

TEST(JsonReader, DeclaredTypesAreCast) {
  JsonReadOptions o;
  o.schema = schema({field("i", int32()), field("d", date32()),
                     field("t", timestamp(TimeUnit::kMicrosecond)), field("f", float32()),
                     field("dec", decimal128(10, 2)), field("s", utf8())});
  auto b = ReadText(
      "{\"i\":\"7\",\"d\":\"2024-02-29\",\"t\":\"2024-01-01T10:00:00.5\",\"f\":1.5,\"dec\":1.25,"
      "\"s\":12.50}\n{\"i\":2.9}\n",
      o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(Rows(*b),
            (std::vector<std::string>{"7|2024-02-29|2024-01-01T10:00:00.500|1.5|1.25|12.50",
                                      "2|NULL|NULL|NULL|NULL|NULL"}));
}

TEST(JsonReader, ErrorsNameTheLine) {
  auto b = ReadText("{\"a\":1}\n\n{\"a\":2}\n{\"a\":3,}\n{\"a\":4}\n");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("mem.json line 4"), std::string::npos)
      << b.status().ToString();
  auto c = ReadText("{\"a\":1}\n[1]\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("line 2"), std::string::npos) << c.status().ToString();
  JsonReadOptions o;
  o.schema = schema({field("a", int64())});
  auto d = ReadText("{\"a\":1}\n{\"a\":\"x\"}\n", o);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("line 2"), std::string::npos) << d.status().ToString();
  auto e = ReadText("{\"a\":1} x\n", o);
  ASSERT_FALSE(e.ok());
  auto f = ReadText("{\"a\":[1,2}\n");
  ASSERT_FALSE(f.ok());
  // Deep nesting is an error, not a crash.
  auto g = ReadText("{\"a\":" + std::string(1000, '[') + std::string(1000, ']') + "}\n");
  ASSERT_FALSE(g.ok());
}

TEST(JsonReader, ByteRangesCoverEveryLineOnce) {
  std::string text;
  for (int i = 0; i < 500; ++i) {
    text += "{\"i\":" + std::to_string(i) + ",\"s\":\"" + std::string(i % 13, 'x') + "\"}\r\n";
    if (i % 50 == 0) text += "\n";
  }
  auto whole = ReadText(text);
  ASSERT_TRUE(whole.ok());
  auto expected = Rows(*whole);
  ASSERT_EQ(expected.size(), 500u);
  JsonReadOptions o;
  o.schema = (*whole)[0]->schema();
  o.batch_size = 7;
  for (int n : {2, 3, 7, 64, 333}) {
    std::vector<std::string> got;
    for (const auto& r : ComputeJsonRanges(static_cast<int64_t>(text.size()), n, false)) {
      auto part = ReadText(text, o, r);
      ASSERT_TRUE(part.ok()) << part.status().ToString();
      for (auto& row : Rows(*part)) got.push_back(row);
    }
    EXPECT_EQ(got, expected) << n;
  }
}

TEST(JsonReader, ErrorLineInLaterRange) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += i == 90 ? "{oops}\n" : "{\"i\":1}\n";
  JsonReadOptions o;
  o.schema = schema({field("i", int64())});
  auto b = ReadText(text, o, {static_cast<int64_t>(text.size() / 2), -1});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("line 91"), std::string::npos) << b.status().ToString();
}

TEST(JsonReader, ProjectionAndNoColumns) {
  std::string text = "{\"a\":1,\"b\":{\"x\":[1]},\"c\":\"z\"}\n{\"c\":\"y\",\"a\":2}\n";
  JsonReadOptions o;
  auto s = Infer(text);
  ASSERT_TRUE(s.ok());
  o.schema = *s;
  auto b = ReadText(text, o, {}, std::vector<int>{2, 0});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"z|1", "y|2"}));
  auto none = ReadText(text, o, {}, std::vector<int>{});
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->size(), 1u);
  EXPECT_EQ((*none)[0]->num_rows(), 2);
  EXPECT_EQ((*none)[0]->num_columns(), 0);
}

TEST(JsonReader, CompressedRoundTrip) {
  TempDir dir;
  auto in = ReadText("{\"a\":1,\"s\":\"x\\ny\"}\n{\"a\":null,\"s\":\"\\u00e9\"}\n");
  ASSERT_TRUE(in.ok());
  for (auto c :
       {csv::CsvCompression::kUncompressed, csv::CsvCompression::kGzip, csv::CsvCompression::kBzip2,
        csv::CsvCompression::kXz, csv::CsvCompression::kZstd}) {
    std::string path = dir.path() + "/t.json" + csv::CompressionSuffix(c);
    JsonWriteOptions w;
    w.compression = c;
    ASSERT_TRUE(WriteJsonFile(path, *in, w).ok());
    auto back = ReadJsonFile(path);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(Rows(*back), Rows(*in));
    EXPECT_EQ(TypesOf(*(*back)[0]->schema()), "a:Int64,s:Utf8");
  }
}

TEST(JsonWriter, FormatsLikeArrowJson) {
  auto b = ReadText(
      "{\"i\":-3,\"f\":1.0,\"g\":0.1,\"s\":\"a\\\"\\u0001\\n\",\"o\":{\"x\":null,\"y\":[1,null]},"
      "\"b\":false}\n{\"f\":1e+300}\n");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::string out;
  for (const auto& batch : *b) AppendJsonLines(*batch, &out);
  EXPECT_EQ(out,
            "{\"i\":-3,\"f\":1.0,\"g\":0.1,\"s\":\"a\\\"\\u0001\\n\",\"o\":{\"y\":[1,null]},"
            "\"b\":false}\n{\"f\":1e+300}\n");
}

}  // namespace
}  // namespace quiver::json

namespace quiver {
namespace {

TEST(JsonFormatOptions, ParsesDataFusionKeys) {
  auto f = JsonFormat::FromOptions(
      {{"format.compression", "GZIP"}, {"format.schema_infer_max_rec", "5"}});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ((*f)->extension(), ".json.gz");
  EXPECT_EQ((*f)->options().schema_infer_max_records, 5);
  auto bad = JsonFormat::FromOptions({{"format.row_group_size", "55"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Config value \"row_group_size\" not found on JsonOptions");
  EXPECT_FALSE(JsonFormat::FromOptions({{"compression", "snappy"}}).ok());
  EXPECT_FALSE(JsonFormat::FromOptions({{"schema_infer_max_rec", "x"}}).ok());
}

}  // namespace
}  // namespace quiver

namespace quiver::json {
namespace {

TEST(JsonReader, MapColumns) {
  JsonReadOptions o;
  o.schema = schema({field("m", map(utf8(), int32()))});
  auto b = ReadText("{\"m\":{\"a\":1,\"b\":null}}\n{\"m\":{}}\n{\"m\":null}\n{}\n", o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"{a: 1, b: }", "{}", "NULL", "NULL"}));
  std::string out;
  for (const auto& batch : *b) AppendJsonLines(*batch, &out);
  EXPECT_EQ(out, "{\"m\":{\"a\":1,\"b\":null}}\n{\"m\":{}}\n{}\n{}\n");
  auto bad = ReadText("{\"m\":[1]}\n", o);
  EXPECT_FALSE(bad.ok());
}

TEST(JsonWriter, TemporalBinaryAndNonFinite) {
  JsonReadOptions o;
  o.schema = schema({field("t", timestamp(TimeUnit::kMillisecond)), field("d", date32()),
                     field("b", binary()), field("f", float64())});
  auto b = ReadText(
      "{\"t\":\"2024-01-01T10:00:00.5\",\"d\":\"2024-02-29\",\"b\":\"AB\",\"f\":\"NaN\"}\n", o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::string out;
  AppendJsonLines(*(*b)[0], &out);
  EXPECT_EQ(out,
            "{\"t\":\"2024-01-01T10:00:00.500\",\"d\":\"2024-02-29\",\"b\":\"4142\",\"f\":null}\n");
}

}  // namespace
}  // namespace quiver::json
