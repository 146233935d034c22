// Reading: inference, dialects, nulls, types and errors.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv {
namespace {

using testing::DfData;
using testing::ReadText;
using testing::Rows;
using testing::TempDir;
using testing::TestingCsv;

std::string TypesOf(const Schema& s) {
  std::string out;
  for (const auto& f : s.fields()) {
    if (!out.empty()) out += ",";
    out += f->name() + ":" + f->type()->ToString();
  }
  return out;
}

TEST(CsvReader, InfersAggregateTest100) {
  CsvReadOptions o;
  auto src = OpenLocalFile(TestingCsv("aggregate_test_100.csv"));
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  auto s = InferCsvSchema(*src, o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(TypesOf(**s),
            "c1:Utf8,c2:Int64,c3:Int64,c4:Int64,c5:Int64,c6:Int64,c7:Int64,c8:Int64,c9:Int64,"
            "c10:Utf8,c11:Float64,c12:Float64,c13:Utf8");
  auto batches = ReadCsvFile(TestingCsv("aggregate_test_100.csv"), o);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto rows = Rows(*batches);
  ASSERT_EQ(rows.size(), 100u);
  EXPECT_EQ(rows[0],
            "c|2|1|18109|2033001162|-6513304855495910254|25|43062|1491205016|"
            "5863949479783605708|0.110830784|0.9294097332465232|6WfVFBVGJSQb7FhA7E0lBwdvjfZnSW");
}

TEST(CsvReader, ExplicitSchemaNarrowTypes) {
  // The corpus declares aggregate_test_100 with narrow and unsigned types.
  CsvReadOptions o;
  o.schema = schema({field("c1", utf8(), false), field("c2", int8(), false),
                     field("c3", int16(), false), field("c4", int16()), field("c5", int32()),
                     field("c6", int64(), false), field("c7", int16(), false),
                     field("c8", int32(), false), field("c9", uint32(), false),
                     field("c10", uint64(), false), field("c11", float32(), false),
                     field("c12", float64(), false), field("c13", utf8(), false)});
  auto batches = ReadCsvFile(TestingCsv("aggregate_test_100.csv"), o);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto rows = Rows(*batches);
  ASSERT_EQ(rows.size(), 100u);
  EXPECT_EQ(rows[1],
            "d|5|-40|22614|706441268|-7542719935673075327|155|14337|3373581039|"
            "11720144131976083864|0.69632107|0.3114712539863804|C2GT5KVyOPZpgKVl110TyZO0NcJ434");
}

TEST(CsvReader, GzipEqualsPlain) {
  CsvReadOptions o;
  auto plain = ReadCsvFile(TestingCsv("aggregate_test_100.csv"), o);
  o.compression = CompressionFromPath("x.csv.gz");
  ASSERT_EQ(o.compression, CsvCompression::kGzip);
  auto gz = ReadCsvFile(TestingCsv("aggregate_test_100.csv.gz"), o);
  ASSERT_TRUE(plain.ok() && gz.ok()) << gz.status().ToString();
  EXPECT_EQ(Rows(*plain), Rows(*gz));
  EXPECT_TRUE((*gz)[0]->schema()->Equals(*(*plain)[0]->schema()));
}

TEST(CsvReader, QuoteEscapeDoubleQuote) {
  CsvReadOptions o;
  o.quote = '~';
  auto q = ReadCsvFile(DfData("quote.csv"), o);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(Rows(*q)[0], "id0|value0");
  EXPECT_EQ(Rows(*q).size(), 10u);

  CsvReadOptions e;
  e.escape = '\\';
  auto esc = ReadCsvFile(DfData("escape.csv"), e);
  ASSERT_TRUE(esc.ok()) << esc.status().ToString();
  EXPECT_EQ(Rows(*esc)[3], "id3|value\"3");

  // escape == quote behaves like doubled quotes.
  e.escape = '"';
  auto esc2 = ReadCsvFile(DfData("escape.csv"), e);
  ASSERT_TRUE(esc2.ok()) << esc2.status().ToString();
  EXPECT_EQ(Rows(*esc2)[3], "id3|value\\3\"");

  auto dq = ReadCsvFile(DfData("double_quote.csv"), CsvReadOptions{});
  ASSERT_TRUE(dq.ok()) << dq.status().ToString();
  EXPECT_EQ(Rows(*dq)[2], "id2|\"value2\"");
}

TEST(CsvReader, CorruptValueNamesLineColumnValue) {
  // Inference sees "d" in `num`, so the file reads as strings...
  auto r = ReadCsvFile(DfData("corrupt.csv"), CsvReadOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // ...and with the declared Int64 the bad value is an error.
  CsvReadOptions o;
  o.schema = schema({field("num", int64()), field("str", utf8())});
  auto typed = ReadCsvFile(DfData("corrupt.csv"), o);
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.status().kind(), ErrorKind::kArrow);
  EXPECT_NE(typed.status().ToString().find(
                "Arrow error: Parser error: Error while parsing value 'd' as type Int64 for "
                "column 1 ('num') at line 5"),
            std::string::npos)
      << typed.status().ToString();
  EXPECT_NE(typed.status().message().find("corrupt.csv"), std::string::npos);
}

TEST(CsvReader, EmptyFiles) {
  auto s = InferCsvSchema(*OpenLocalFile(DfData("empty_0_byte.csv")), CsvReadOptions{});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->num_fields(), 0);
  auto b = ReadCsvFile(DfData("empty_0_byte.csv"), CsvReadOptions{});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE(b->empty());

  auto hs = InferCsvSchema(*OpenLocalFile(DfData("empty.csv")), CsvReadOptions{});
  ASSERT_TRUE(hs.ok());
  EXPECT_EQ(TypesOf(**hs), "c1:Null,c2:Null,c3:Null");
  auto hb = ReadCsvFile(DfData("empty.csv"), CsvReadOptions{});
  ASSERT_TRUE(hb.ok()) << hb.status().ToString();
  EXPECT_TRUE(hb->empty());
}

TEST(CsvReader, NullCasesAndTrailingRowWithoutNewline) {
  auto b = ReadCsvFile(DfData("null_cases.csv"), CsvReadOptions{});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(TypesOf(*(*b)[0]->schema()), "c1:Int64,c2:Float64,c3:Int64");
  auto rows = Rows(*b);
  ASSERT_EQ(rows.size(), 100u);
  EXPECT_EQ(rows[0], "NULL|1.2|0");
  EXPECT_EQ(rows[3], "19|NULL|3");

  auto ex = ReadCsvFile(DfData("example.csv"), CsvReadOptions{});
  ASSERT_TRUE(ex.ok());
  EXPECT_EQ(Rows(*ex), std::vector<std::string>{"1|2|3"});
}

TEST(CsvReader, InferenceRules) {
  std::string text =
      "b,i,f,d,ts,tsn,s,mix,big,e\n"
      "true,1,1.5,2020-01-01,2020-01-01T00:00:00,2020-01-01 00:00:00.123456789,x,1,"
      "99999999999999999999,\n"
      "FALSE,-2,3,2021-12-31,2020-01-02T03:04:05,2020-01-01T00:00:00.1,,true,1,\n"
      "false,,1e3,,,,\"\",2,2,\n";
  auto b = ReadText(text, CsvReadOptions{});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(TypesOf(*(*b)[0]->schema()),
            "b:Boolean,i:Int64,f:Float64,d:Date32,ts:Timestamp(Second, None),"
            "tsn:Timestamp(Nanosecond, None),s:Utf8,mix:Utf8,big:Utf8,e:Null");
  auto rows = Rows(*b);
  EXPECT_EQ(rows[0],
            "true|1|1.5|2020-01-01|2020-01-01T00:00:00|2020-01-01T00:00:00.123456789|x|1|"
            "99999999999999999999|NULL");
  // Unquoted empty string: null; quoted "": the empty string.
  EXPECT_EQ(rows[1].substr(0, 6), "false|");
  EXPECT_NE(rows[1].find("|NULL|true|"), std::string::npos) << rows[1];
  EXPECT_NE(rows[2].find("1000.0|NULL|NULL|NULL||2|"), std::string::npos) << rows[2];

  CsvReadOptions no_header;
  no_header.has_header = false;
  auto nh = ReadText("1,a\n2,b\n", no_header);
  ASSERT_TRUE(nh.ok());
  EXPECT_EQ(TypesOf(*(*nh)[0]->schema()), "column_1:Int64,column_2:Utf8");
  EXPECT_EQ(Rows(*nh).size(), 2u);

  CsvReadOptions zero;
  zero.schema_infer_max_records = 0;
  auto z = ReadText("a\n1\n", zero);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(TypesOf(*(*z)[0]->schema()), "a:Utf8");
}

TEST(CsvReader, TypedParsing) {
  CsvReadOptions o;
  o.schema = schema({field("d", decimal128(10, 2)), field("ts", timestamp(TimeUnit::kMillisecond)),
                     field("tz", timestamp(TimeUnit::kSecond, "+01:00")),
                     field("t", time64(TimeUnit::kMicrosecond)), field("f", float32()),
                     field("b", boolean()), field("d64", date64())});
  std::string text =
      "d,ts,tz,t,f,b,d64\n"
      "12.345,2018-12-13T12:12:10.011Z,2020-01-01 10:00:00,12:30:01.5,NaN,TRUE,2020-03-01\n"
      "-0.5,2018-12-13T12:12:10+01:00,2020-01-01T10:00:00Z,00:00,-inf,false,1970-01-02\n"
      "1e2,2018-12-13,2020-01-01,23:59:59,+1.25,,\n";
  auto b = ReadText(text, o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto rows = Rows(*b);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "12.35|2018-12-13T12:12:10.011|2020-01-01T10:00:00+01:00|12:30:01.500|NaN|true|"
            "2020-03-01T00:00:00");
  EXPECT_EQ(rows[1],
            "-0.50|2018-12-13T11:12:10|2020-01-01T11:00:00+01:00|00:00:00|-inf|false|"
            "1970-01-02T00:00:00");
  EXPECT_EQ(rows[2],
            "100.00|2018-12-13T00:00:00|2020-01-01T00:00:00+01:00|23:59:59|1.25|NULL|NULL");

  CsvReadOptions small;
  small.schema = schema({field("x", decimal128(3, 1))});
  auto over = ReadText("x\n100.5\n", small);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("'100.5' as type Decimal128(3, 1)"), std::string::npos)
      << over.status().ToString();
  small.schema = schema({field("x", int8())});
  EXPECT_FALSE(ReadText("x\n128\n", small).ok());
  small.schema = schema({field("x", uint8())});
  EXPECT_FALSE(ReadText("x\n-1\n", small).ok());
}

TEST(CsvReader, FieldCountErrors) {
  auto r = ReadText("a,b,c,d\n1,2,3,4\n1,2,3,4,5\n", CsvReadOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find(
                "Arrow error: Csv error: incorrect number of fields for line 3, expected 4 got 5"),
            std::string::npos)
      << r.status().ToString();
  CsvReadOptions o;
  o.schema = schema({field("a", int64()), field("b", int64())});
  auto few = ReadText("a,b\n1,2\n\n3\n", o);
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.status().message().find("for line 4, expected 2 got 1"), std::string::npos)
      << few.status().ToString();
  o.truncated_rows = true;
  auto ok = ReadText("a,b\n1,2\n3\n", o);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(Rows(*ok), (std::vector<std::string>{"1|2", "3|NULL"}));
}

TEST(CsvReader, UnterminatedQuoteBadUtf8MissingFile) {
  auto r = ReadText("a,b\n1,\"abc\n2,3\n", CsvReadOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unterminated quoted field starting at line 2"),
            std::string::npos)
      << r.status().ToString();

  auto u = ReadText("a\nok\nbad\xff\xfe\n", CsvReadOptions{});
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("invalid UTF-8 in column 1 ('a') at line 3"),
            std::string::npos)
      << u.status().ToString();

  auto m = ReadCsvFile("/nonexistent/dir/x.csv", CsvReadOptions{});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().kind(), ErrorKind::kIO);
  EXPECT_NE(m.status().message().find("/nonexistent/dir/x.csv"), std::string::npos);
}

TEST(CsvReader, DialectDetails) {
  CsvReadOptions o;
  o.comment = '#';
  o.delimiter = ';';
  std::string text =
      "a;b\r\n# a comment; with delimiter\r\n1;\"x;y\"\r\n\r\n2;\"multi\nline \"\"q\"\"\"\r\n"
      "3;plain\"quote\r\n4;\"tail\"junk";
  auto b = ReadText(text, o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(Rows(*b), (std::vector<std::string>{"1|x;y", "2|multi\nline \"q\"", "3|plain\"quote",
                                                "4|tailjunk"}));

  CsvReadOptions nulls;
  nulls.null_values = {"NA"};
  auto n = ReadText("a,b\nNA,x\n1,NA\n", nulls);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(Rows(*n), (std::vector<std::string>{"NULL|x", "1|NULL"}));
  CsvReadOptions rx;
  rx.null_regex = "(?i)null|";
  auto x = ReadText("a,b\nNULL,x\n1,\n", rx);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(Rows(*x), (std::vector<std::string>{"NULL|x", "1|NULL"}));
  rx.null_regex = "(";
  EXPECT_EQ(ReadText("a\n1\n", rx).status().kind(), ErrorKind::kConfiguration);
}

TEST(CsvReader, BatchSizeAndProjection) {
  std::string text = "a,b,c\n";
  for (int i = 0; i < 1000; ++i) {
    text += std::to_string(i) + ",s" + std::to_string(i) + "," + std::to_string(i * 0.5) + "\n";
  }
  CsvReadOptions o;
  o.batch_size = 300;
  auto b = ReadText(text, o, {}, {2, 0});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->size(), 4u);
  EXPECT_EQ((*b)[0]->num_rows(), 300);
  EXPECT_EQ((*b)[3]->num_rows(), 100);
  EXPECT_EQ(TypesOf(*(*b)[0]->schema()), "c:Float64,a:Int64");
  EXPECT_EQ(Rows(*b)[999], "499.5|999");
}

}  // namespace
}  // namespace quiver::csv
