#include "normalize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace quiver::slt {
namespace {

TEST(SltNormalize, FloatSpecialValues) {
  EXPECT_EQ(FormatFloat64(std::nan("")), "NaN");
  EXPECT_EQ(FormatFloat64(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(FormatFloat64(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(FormatFloat32(std::numeric_limits<float>::quiet_NaN()), "NaN");
}

TEST(SltNormalize, FloatShortestThenRounded) {
  EXPECT_EQ(FormatFloat64(1.0), "1");
  EXPECT_EQ(FormatFloat64(0.1 + 0.2), "0.3");  // 0.30000000000000004 rounds at 12 digits
  EXPECT_EQ(FormatFloat64(-2.5), "-2.5");
  EXPECT_EQ(FormatFloat64(0.0), "0");
  EXPECT_EQ(FormatFloat64(-0.0), "0");
  EXPECT_EQ(FormatFloat64(1e-13), "0");
  EXPECT_EQ(FormatFloat64(-1e-13), "0");
  EXPECT_EQ(FormatFloat64(5e-13), "0.000000000001");
  EXPECT_EQ(FormatFloat64(123456789.123456789), "123456789.12345679");
  EXPECT_EQ(FormatFloat64(2.6156334342021890e37), "26156334342021890000000000000000000000");
  EXPECT_EQ(FormatFloat64(0.9999999999999), "1");
  EXPECT_EQ(FormatFloat64(-0.9999999999999), "-1");
  EXPECT_EQ(FormatFloat64(7.0 / 3.0), "2.333333333333");
}

TEST(SltNormalize, Float32UsesItsOwnShortestForm) {
  EXPECT_EQ(FormatFloat32(0.1f), "0.1");
  EXPECT_EQ(FormatFloat32(1.1f), "1.1");
  EXPECT_EQ(FormatFloat32(3.4028235e38f), "340282350000000000000000000000000000000");
  EXPECT_EQ(FormatFloat32(-16.5f), "-16.5");
}

TEST(SltNormalize, Decimal128) {
  EXPECT_EQ(FormatDecimal128(12345, 2), "123.45");
  EXPECT_EQ(FormatDecimal128(-12345, 2), "-123.45");
  EXPECT_EQ(FormatDecimal128(100, 2), "1");
  EXPECT_EQ(FormatDecimal128(5, 3), "0.005");
  EXPECT_EQ(FormatDecimal128(-5, 3), "-0.005");
  EXPECT_EQ(FormatDecimal128(0, 5), "0");
  EXPECT_EQ(FormatDecimal128(12, -3), "12000");
  // 14 fraction digits round to 12, half away from zero.
  EXPECT_EQ(FormatDecimal128(123456789012345, 14), "1.234567890123");
  EXPECT_EQ(FormatDecimal128(100000000000005, 14), "1");
  EXPECT_EQ(FormatDecimal128(999999999999950, 14), "10");
  EXPECT_EQ(FormatDecimal128(-999999999999950, 14), "-10");
  // The extremes of 128 bits.
  __int128 max = (static_cast<__int128>(0x7fffffffffffffffLL) << 64) | 0xffffffffffffffffULL;
  EXPECT_EQ(FormatDecimal128(max, 0), "170141183460469231731687303715884105727");
  EXPECT_EQ(FormatDecimal128(-max - 1, 38), "-1.701411834605");
}

TEST(SltNormalize, DecimalDigitsAndPlainRounding) {
  EXPECT_EQ(FormatDecimalDigits(false, "1", 20), "0");
  EXPECT_EQ(FormatDecimalDigits(true, "123456", 3), "-123.456");
  EXPECT_EQ(RoundPlainDecimal("0.0000000000005"), "0.000000000001");
  EXPECT_EQ(RoundPlainDecimal("-0.0000000000004"), "0");
  EXPECT_EQ(RoundPlainDecimal("007.10"), "7.1");
  EXPECT_EQ(RoundPlainDecimal(".5"), "0.5");
  EXPECT_EQ(RoundPlainDecimal("9.99", 1), "10");
}

TEST(SltNormalize, Text) {
  EXPECT_EQ(FormatText(""), "(empty)");
  EXPECT_EQ(FormatText("abc\n\n"), "abc");
  EXPECT_EQ(FormatText("a b"), "a b");
}

}  // namespace
}  // namespace quiver::slt
