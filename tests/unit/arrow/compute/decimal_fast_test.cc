// The 64-bit decimal paths (arithmetic and scale-up casts) against the same
// values DuckDB gives, plus the cases that must fall back to the checked
// loops: wide values, overflow, garbage under nulls, sliced inputs.
#include <gtest/gtest.h>

#include "quiver/arrow/compute/decimal_util.h"
#include "test_util.h"

namespace quiver::compute {
namespace {

using testing::ErrorOf;
using testing::Make;
using testing::Show;
using testing::ShowOk;

ArrayPtr Dec(int32_t p, int32_t s, const std::vector<Int128>& v,
             const std::vector<bool>& valid = {}) {
  return Make<Int128>(decimal128(p, s), v, valid);
}

Result<ArrayPtr> Arith(ArithmeticOp op, const Datum& l, const Datum& r, int32_t p, int32_t s) {
  return Arithmetic(op, l, r, decimal128(p, s));
}

TEST(DecimalFastTest, Pow10Table) {
  EXPECT_EQ(internal::Pow10(0), 1);
  EXPECT_EQ(internal::Pow10(18), Int128(1000000000000000000LL));
  EXPECT_EQ(internal::Pow10(38) / internal::Pow10(20), internal::Pow10(18));
  EXPECT_TRUE(internal::Pow10(38) > 0);
}

TEST(DecimalFastTest, MultiplyWithNulls) {
  auto a = Dec(15, 2, {12345, -250, 999, 7}, {true, true, false, true});
  auto b = Dec(15, 2, {10, 300, 100, -5});
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kMultiply, Datum::Array(a), Datum::Array(b), 31, 4)),
            "12.3450,-7.5000,null,-0.0035");
}

TEST(DecimalFastTest, ScalarMinusColumn) {
  // 1 - l_discount: Decimal(20,0) scalar rescaled once to scale 2.
  auto one = Dec(20, 0, {1});
  auto d = Dec(15, 2, {5, 150, 0}, {true, true, false});
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kSubtract, Datum::Scalar(one), Datum::Array(d), 23, 2)),
            "0.95,-0.50,null");
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kAdd, Datum::Array(d), Datum::Scalar(one), 23, 2)),
            "1.05,2.50,null");
}

TEST(DecimalFastTest, MixedScalesAndSlices) {
  auto a = Dec(10, 3, {0, 1234, -1234, 1234});
  auto b = Dec(10, 1, {0, 56, 1, 56, 0});
  auto as = a->Slice(1, 3), bs = b->Slice(1, 3);
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kAdd, Datum::Array(as), Datum::Array(bs), 13, 3)),
            "6.834,-1.134,6.834");
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kSubtract, Datum::Array(as), Datum::Array(bs), 13, 3)),
            "-4.366,-1.334,-4.366");
}

TEST(DecimalFastTest, ProductBeyond64BitsIsExact) {
  auto a = Dec(20, 0, {3000000000LL});
  auto b = Dec(20, 0, {4000000000LL});
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kMultiply, Datum::Array(a), Datum::Array(b), 38, 0)),
            "12000000000000000000");
}

TEST(DecimalFastTest, WideValuesAndGarbageUnderNulls) {
  const Int128 big = internal::Pow10(30);
  auto a = Dec(38, 0, {big, 5, big}, {true, true, false});
  auto b = Dec(38, 0, {1, 2, 3});
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kAdd, Datum::Array(a), Datum::Array(b), 38, 0)),
            "1000000000000000000000000000001,7,null");
  auto c = Dec(15, 2, {1, big}, {true, false});
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kMultiply, Datum::Array(c), Datum::Array(c), 31, 4)),
            "0.0001,null");
}

TEST(DecimalFastTest, OverflowIsAnError) {
  auto a = Dec(3, 0, {50, 1});
  auto b = Dec(3, 0, {30, 1});
  EXPECT_NE(ErrorOf(Arith(ArithmeticOp::kMultiply, Datum::Array(a), Datum::Array(b), 3, 0))
                .find("too large to store in a Decimal128 of precision 3"),
            std::string::npos);
  auto m = Dec(19, 0, {INT64_MAX, INT64_MIN + 1});
  EXPECT_NE(
      ErrorOf(Arith(ArithmeticOp::kAdd, Datum::Array(m), Datum::Array(m), 19, 0)).find("too large"),
      std::string::npos);
  EXPECT_EQ(ShowOk(Arith(ArithmeticOp::kAdd, Datum::Array(m), Datum::Array(m), 20, 0)),
            "18446744073709551614,-18446744073709551614");
}

TEST(DecimalFastTest, ScaleUpCasts) {
  auto d = Dec(15, 2, {5, -12345, 7}, {true, true, false});
  EXPECT_EQ(ShowOk(Cast(d->Slice(0, 2), decimal128(30, 15))),
            "0.050000000000000,-123.450000000000000");
  EXPECT_EQ(ShowOk(Cast(d, decimal128(22, 2))), "0.05,-123.45,null");
  EXPECT_EQ(ShowOk(Cast(testing::I32({-3, 24}, {true, true}), decimal128(12, 2))), "-3.00,24.00");
  EXPECT_EQ(ShowOk(Cast(testing::I64({INT64_MIN}), decimal128(20, 0))), "-9223372036854775808");
  // Out of range: an error, or null under TRY_CAST.
  EXPECT_NE(ErrorOf(Cast(testing::I64({1, 1000}), decimal128(4, 2))).find("too large"),
            std::string::npos);
  CastOptions try_cast;
  try_cast.to_null_on_error = true;
  EXPECT_EQ(ShowOk(Cast(testing::I64({1, 1000}), decimal128(4, 2), try_cast)), "1.00,null");
  // Decimal source wider than 64 bits.
  auto w = Dec(38, 0, {internal::Pow10(25), -1});
  EXPECT_EQ(ShowOk(Cast(w, decimal128(38, 2))), "10000000000000000000000000.00,-1.00");
  EXPECT_EQ(Show(*Cast(Dec(5, 0, {}), decimal128(10, 2))), "");
}

}  // namespace
}  // namespace quiver::compute
