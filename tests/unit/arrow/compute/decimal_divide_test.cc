// Decimal division whose result scale is capped large (decimal(38,4) /
// decimal(38,4) -> decimal(38,38), as TPC-H Q8's share of two sums): the
// dividend times 10^scale overflows 128 bits, so the kernel divides digit by
// digit. Expected digits: DuckDB gives 0.04148552129353032 (as DOUBLE).
#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver::compute {
namespace {

TEST(DecimalDivideTest, LargeResultScaleDoesNotOverflow) {
  auto a = *ArrayFromVector<Int128>(decimal128(38, 4), {Int128(19293795273), -Int128(19293795273)});
  auto b = *ArrayFromVector<Int128>(decimal128(38, 4), {Int128(465072986223)});
  auto r = Arithmetic(ArithmeticOp::kDivide, Datum::Array(a), Datum::Scalar(b), decimal128(38, 38));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(FormatValue(**r, 0), "0.04148552129353032074742509011977789848");
  EXPECT_EQ(FormatValue(**r, 1), "-0.04148552129353032074742509011977789848");
}

TEST(DecimalDivideTest, QuotientBeyondPrecisionIsAnError) {
  // 10^10 / 10^-4 at scale 38 cannot be represented.
  auto a = *ArrayFromVector<Int128>(decimal128(38, 4), {Int128(100000000000000LL)});
  auto b = *ArrayFromVector<Int128>(decimal128(38, 4), {Int128(1)});
  auto r = Arithmetic(ArithmeticOp::kDivide, Datum::Array(a), Datum::Array(b), decimal128(38, 38));
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace quiver::compute
