#include "arrow_cells.h"

#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"

namespace quiver::slt {
namespace {

TEST(SltArrowCells, TypeLetters) {
  EXPECT_EQ(SltTypeChar(*int8()), 'I');
  EXPECT_EQ(SltTypeChar(*uint64()), 'I');
  EXPECT_EQ(SltTypeChar(*float32()), 'R');
  EXPECT_EQ(SltTypeChar(*decimal128(10, 2)), 'R');
  EXPECT_EQ(SltTypeChar(*utf8()), 'T');
  EXPECT_EQ(SltTypeChar(*utf8_view()), 'T');
  EXPECT_EQ(SltTypeChar(*boolean()), 'B');
  EXPECT_EQ(SltTypeChar(*date32()), 'D');
  EXPECT_EQ(SltTypeChar(*time64(TimeUnit::kNanosecond)), 'D');
  EXPECT_EQ(SltTypeChar(*timestamp(TimeUnit::kSecond)), 'P');
  EXPECT_EQ(SltTypeChar(*null()), '?');
  EXPECT_EQ(SltTypeChar(*binary()), '?');
  EXPECT_EQ(SltTypeChar(*list(int32())), '?');
  EXPECT_EQ(SltTypeChar(*dictionary(int32(), utf8())), '?');
}

TEST(SltArrowCells, ScalarsFollowCorpusRules) {
  auto f64 = *ArrayFromVector<double>(float64(), {1.0, 0.1 + 0.2, 0.0}, {true, true, false});
  EXPECT_EQ(FormatCell(*f64, 0), "1");
  EXPECT_EQ(FormatCell(*f64, 1), "0.3");
  EXPECT_EQ(FormatCell(*f64, 2), "NULL");
  auto f32 = *ArrayFromVector<float>(float32(), {0.1f});
  EXPECT_EQ(FormatCell(*f32, 0), "0.1");
  auto dec = *ArrayFromVector<Int128>(decimal128(10, 3), {Int128(-12500)});
  EXPECT_EQ(FormatCell(*dec, 0), "-12.5");
  auto s = *ArrayFromVector<std::string>(utf8(), {"", "a\n", "x y"});
  EXPECT_EQ(FormatCell(*s, 0), "(empty)");
  EXPECT_EQ(FormatCell(*s, 1), "a");
  EXPECT_EQ(FormatCell(*s, 2), "x y");
  auto b = *ArrayFromVector<bool>(boolean(), {true, false});
  EXPECT_EQ(FormatCell(*b, 0), "true");
  EXPECT_EQ(FormatCell(*b, 1), "false");
  auto d = *ArrayFromVector<int32_t>(date32(), {18262});
  EXPECT_EQ(FormatCell(*d, 0), "2020-01-01");
  auto dict = *ArrayFromVector<std::string>(dictionary(int32(), utf8()), {"foo", ""});
  EXPECT_EQ(FormatCell(*dict, 0), "foo");
  EXPECT_EQ(FormatCell(*dict, 1), "(empty)");
}

TEST(SltArrowCells, BatchesToRows) {
  auto a = *ArrayFromVector<int64_t>(int64(), {1, 2});
  auto b = *ArrayFromVector<std::string>(utf8(), {"x", ""});
  auto sch = schema({field("a", int64()), field("b", utf8())});
  auto batch = RecordBatch::Make(sch, 2, {a, b});
  SltQueryResult res = BatchesToResult(*sch, {batch, batch->Slice(1)});
  EXPECT_EQ(res.types, "IT");
  ASSERT_EQ(res.rows.size(), 3u);
  EXPECT_EQ(res.rows[0], (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(res.rows[2], (std::vector<std::string>{"2", "(empty)"}));
}

}  // namespace
}  // namespace quiver::slt
