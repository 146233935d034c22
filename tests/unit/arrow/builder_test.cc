#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/arrow/record_batch.h"

namespace quiver {
namespace {

TEST(BuilderTest, Int64WithNullsAndSlice) {
  Int64Builder b(int64());
  ASSERT_TRUE(b.Append(1).ok());
  ASSERT_TRUE(b.AppendNull().ok());
  ASSERT_TRUE(b.Append(3).ok());
  auto arr = *b.Finish();
  EXPECT_EQ(arr->length(), 3);
  EXPECT_EQ(arr->null_count(), 1);
  EXPECT_TRUE(arr->IsNull(1));
  EXPECT_EQ(static_cast<const Int64Array&>(*arr).Value(2), 3);
  auto s = arr->Slice(1, 2);
  EXPECT_EQ(s->null_count(), 1);
  EXPECT_EQ(FormatValue(*s, 1), "3");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(arr->data()->buffers[1]->data()) % 64, 0u);
}

TEST(BuilderTest, StringsAndAppendArraySlice) {
  auto arr = *ArrayFromVector<std::string>(utf8(), {"a", "", "hello world", "x"},
                                           {true, true, true, false});
  StringBuilder b(utf8());
  ASSERT_TRUE(b.AppendArraySlice(*arr->data(), 1, 3).ok());
  auto out = *b.Finish();
  ASSERT_EQ(out->length(), 3);
  EXPECT_EQ(static_cast<const StringArray&>(*out).GetView(1), "hello world");
  EXPECT_TRUE(out->IsNull(2));
  EXPECT_TRUE(out->data()->Validate().ok());
}

TEST(BuilderTest, NestedListStructDisplay) {
  auto type = list(int64());
  auto builder = *MakeBuilder(type);
  auto* lb = static_cast<ListBuilder*>(builder.get());
  auto* vb = static_cast<Int64Builder*>(lb->value_builder());
  ASSERT_TRUE(lb->Append().ok());
  ASSERT_TRUE(vb->Append(1).ok());
  ASSERT_TRUE(vb->AppendNull().ok());
  ASSERT_TRUE(vb->Append(3).ok());
  ASSERT_TRUE(lb->AppendNull().ok());
  ASSERT_TRUE(lb->Append().ok());
  auto arr = *lb->Finish();
  EXPECT_EQ(FormatValue(*arr, 0), "[1, , 3]");
  EXPECT_TRUE(arr->IsNull(1));
  EXPECT_EQ(FormatValue(*arr, 2), "[]");
  EXPECT_TRUE(arr->data()->Validate().ok());

  auto st = struct_({field("a", int32()), field("b", utf8())});
  auto sb = *MakeBuilder(st);
  auto* s = static_cast<StructBuilder*>(sb.get());
  ASSERT_TRUE(s->Append().ok());
  ASSERT_TRUE(static_cast<Int32Builder*>(s->field_builder(0))->Append(1).ok());
  ASSERT_TRUE(static_cast<StringBuilder*>(s->field_builder(1))->Append("x").ok());
  auto sa = *s->Finish();
  EXPECT_EQ(FormatValue(*sa, 0), "{a: 1, b: x}");
}

TEST(BuilderTest, DictionaryDeduplicates) {
  auto type = dictionary(int32(), utf8());
  auto arr = *ArrayFromVector<std::string>(type, {"a", "b", "a"});
  const auto& d = static_cast<const DictionaryArray&>(*arr);
  EXPECT_EQ(d.dictionary()->length(), 2);
  EXPECT_EQ(d.GetValueIndex(2), 0);
  EXPECT_EQ(FormatValue(*arr, 1), "b");
}

TEST(TypeTest, DataFusionNames) {
  EXPECT_EQ(timestamp(TimeUnit::kNanosecond, "+00:00")->ToString(),
            "Timestamp(Nanosecond, Some(\"+00:00\"))");
  EXPECT_EQ(list(int64())->ToString(),
            "List(Field { name: \"item\", data_type: Int64, nullable: true, dict_id: 0, "
            "dict_is_ordered: false, metadata: {} })");
  EXPECT_EQ(dictionary(int32(), utf8())->ToString(), "Dictionary(Int32, Utf8)");
  EXPECT_EQ(decimal128(38, 10)->ToString(), "Decimal128(38, 10)");
}

TEST(DisplayTest, TemporalValues) {
  auto ts =
      *ArrayFromVector<int64_t>(timestamp(TimeUnit::kMicrosecond, "+08:00"), {1577836800000000LL});
  EXPECT_EQ(FormatValue(*ts, 0), "2020-01-01T08:00:00+08:00");
  auto utc =
      *ArrayFromVector<int64_t>(timestamp(TimeUnit::kNanosecond, "UTC"), {1542129070011375885LL});
  EXPECT_EQ(FormatValue(*utc, 0), "2018-11-13T17:11:10.011375885Z");
  auto d = *ArrayFromVector<int32_t>(date32(), {0, -1, 18262});
  EXPECT_EQ(FormatValue(*d, 1), "1969-12-31");
  EXPECT_EQ(FormatValue(*d, 2), "2020-01-01");
  auto dur = *ArrayFromVector<int64_t>(duration(TimeUnit::kSecond), {123456});
  EXPECT_EQ(FormatValue(*dur, 0), "PT123456S");
  auto dec = *ArrayFromVector<Int128>(decimal128(10, 2), {Int128(-12345)});
  EXPECT_EQ(FormatValue(*dec, 0), "-123.45");
}

TEST(RecordBatchTest, ValidateAndPrint) {
  auto a = *ArrayFromVector<int32_t>(int32(), {1, 2});
  auto b = *ArrayFromVector<std::string>(utf8(), {"x", "yy"});
  auto batch =
      RecordBatch::MakeValidated(schema({field("a", int32()), field("b", utf8())}), 2, {a, b});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)->ToString(),
            "+---+----+\n| a | b  |\n+---+----+\n| 1 | x  |\n| 2 | yy |\n+---+----+\n");
  auto bad = RecordBatch::MakeValidated(schema({field("a", utf8())}), 2, {a});
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace quiver
