#include <cmath>

#include "test_util.h"

namespace quiver::compute {
namespace {

using namespace testing;  // NOLINT

TEST(CompareTest, PrimitiveArraysAndScalars) {
  auto a = I64({1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
               {true, true, false, true, true, true, true, true, true, true});
  auto b = I64({10, 2, 3, 1, 5, 6, 0, 8, 9, 11});
  EXPECT_EQ(ShowOk(Compare(CompareOp::kEq, Datum::Array(a), Datum::Array(b))),
            "false,true,null,false,true,true,false,true,true,false");
  EXPECT_EQ(ShowOk(Compare(CompareOp::kLt, Datum::Array(a->Slice(5)), Datum::Scalar(I64({8})))),
            "true,true,false,false,false");
  EXPECT_EQ(
      ShowOk(Compare(CompareOp::kGtEq, Datum::Scalar(I64({2})), Datum::Array(I64({1, 2, 3})))),
      "true,true,false");
  EXPECT_EQ(
      ShowOk(Compare(CompareOp::kEq, Datum::Array(I64({1, 2})), Datum::Scalar(I64({0}, {false})))),
      "null,null");
  EXPECT_FALSE(Compare(CompareOp::kEq, Datum::Array(I64({1, 2})), Datum::Array(I64({1}))).ok());
}

TEST(CompareTest, FloatsNaN) {
  auto a = F64({NAN, 1.0, NAN, -0.0});
  auto b = F64({NAN, NAN, 5.0, 0.0});
  EXPECT_EQ(ShowOk(Compare(CompareOp::kEq, Datum::Array(a), Datum::Array(b))),
            "true,false,false,true");
  EXPECT_EQ(ShowOk(Compare(CompareOp::kGt, Datum::Array(a), Datum::Array(b))),
            "false,false,true,false");
}

TEST(CompareTest, StringsAcrossLayoutsAndNested) {
  auto a = Str({"apple", "b", "a long string over twelve bytes"}, {}, utf8_view());
  auto b = Str({"apple", "a", "a long string over twelve bytez"}, {}, large_utf8());
  EXPECT_EQ(ShowOk(Compare(CompareOp::kLt, Datum::Array(a), Datum::Array(b))), "false,false,true");
  auto d = Str({"b", "a"}, {}, dictionary(int8(), utf8()));
  EXPECT_EQ(ShowOk(Compare(CompareOp::kEq, Datum::Array(d), Datum::Scalar(Str({"a"})))),
            "false,true");
  EXPECT_EQ(ShowOk(Compare(CompareOp::kNotEq, Datum::Array(Bool({true, false})),
                           Datum::Array(Bool({true, true})))),
            "false,true");
  auto dec1 = Make<Int128>(decimal128(10, 2), {100, 250});
  auto dec2 = Make<Int128>(decimal128(10, 2), {100, 200});
  EXPECT_EQ(ShowOk(Compare(CompareOp::kGt, Datum::Array(dec1), Datum::Array(dec2))), "false,true");
  // Timestamps in different units compare as instants.
  auto ts_s = Make<int64_t>(timestamp(TimeUnit::kSecond), {1, 2});
  auto ts_ms = Make<int64_t>(timestamp(TimeUnit::kMillisecond, "+01:00"), {1000, 1500});
  EXPECT_EQ(ShowOk(Compare(CompareOp::kEq, Datum::Array(ts_s), Datum::Array(ts_ms))), "true,false");
}

TEST(CompareTest, IsDistinctFrom) {
  auto a = I64({1, 0, 0, 3}, {true, false, false, true});
  auto b = I64({1, 0, 2, 4}, {true, false, true, true});
  EXPECT_EQ(ShowOk(IsDistinctFrom(Datum::Array(a), Datum::Array(b), false)),
            "false,false,true,true");
  EXPECT_EQ(ShowOk(IsDistinctFrom(Datum::Array(a), Datum::Array(b), true)),
            "true,true,false,false");
}

TEST(LogicTest, KleeneNotIsNull) {
  auto a = Bool({true, true, true, false, false, false, false, false, false},
                {true, true, true, true, true, true, false, false, false});
  auto b = Bool({true, false, false, true, false, false, true, false, false},
                {true, true, false, true, true, false, true, true, false});
  EXPECT_EQ(ShowOk(And(Datum::Array(a), Datum::Array(b))),
            "true,false,null,false,false,false,null,false,null");
  EXPECT_EQ(ShowOk(Or(Datum::Array(a), Datum::Array(b))),
            "true,true,true,true,false,null,true,null,null");
  EXPECT_EQ(ShowOk(Not(Datum::Array(a->Slice(5)))), "true,null,null,null");
  EXPECT_EQ(ShowOk(And(Datum::Array(Bool({true, false})), Datum::Array(Bool({true, true})))),
            "true,false");
  EXPECT_EQ(ShowOk(Or(Datum::Array(Bool({true, false})), Datum::Scalar(Bool({false}, {false})))),
            "true,null");
  EXPECT_EQ(ShowOk(IsNull(Datum::Array(a->Slice(5)), false)), "false,true,true,true");
  EXPECT_EQ(ShowOk(IsNull(Datum::Array(I64({1, 2})), true)), "true,true");
}

}  // namespace
}  // namespace quiver::compute
