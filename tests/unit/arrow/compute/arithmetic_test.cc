#include <cmath>

#include "test_util.h"

namespace quiver::compute {
namespace {

using namespace testing;  // NOLINT

TEST(ArithmeticTest, IntegersCheckedAndScalars) {
  auto a = I64({1, 2, 3}, {true, false, true});
  EXPECT_EQ(
      ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(a), Datum::Scalar(I64({10})), int64())),
      "11,null,13");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kDivide, Datum::Array(I64({7, -7})),
                              Datum::Array(I64({2, 2})), int64())),
            "3,-3");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kModulo, Datum::Array(I64({7, -7})),
                              Datum::Array(I64({3, 3})), int64())),
            "1,-1");
  EXPECT_EQ(ErrorOf(Arithmetic(ArithmeticOp::kDivide, Datum::Array(I64({1})),
                               Datum::Array(I64({0})), int64())),
            "Arrow error: Divide by zero error");
  // A null row never raises.
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kDivide, Datum::Array(I64({1}, {false})),
                              Datum::Array(I64({0})), int64())),
            "null");
  EXPECT_EQ(ErrorOf(Arithmetic(ArithmeticOp::kAdd, Datum::Array(I64({INT64_MAX})),
                               Datum::Array(I64({1})), int64())),
            "Arrow error: Arithmetic overflow: Overflow happened on: 9223372036854775807 + 1");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kMultiply, Datum::Array(I32({1 << 20})),
                              Datum::Array(I32({4})), int32())),
            "4194304");
  EXPECT_FALSE(Arithmetic(ArithmeticOp::kMultiply, Datum::Array(I32({1 << 20})),
                          Datum::Array(I32({1 << 20})), int32())
                   .ok());
  EXPECT_EQ(ShowOk(Negate(Datum::Array(I64({1, -2})))), "-1,2");
  EXPECT_FALSE(Negate(Datum::Array(I64({INT64_MIN}))).ok());
}

TEST(ArithmeticTest, BranchFreeLoopsStillReportTheFirstRealOverflow) {
  // Long inputs take the wrapping loop; an overflow under a null is ignored,
  // a real one is reported with its operands, for each operand shape.
  std::vector<int64_t> v(1000, 5);
  std::vector<bool> valid(1000, true);
  v[10] = INT64_MAX;
  valid[10] = false;
  auto a = I64(v, valid);
  auto sum = Arithmetic(ArithmeticOp::kAdd, Datum::Array(a), Datum::Scalar(I64({1})), int64());
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_TRUE((*sum)->IsNull(10));
  EXPECT_EQ(FormatValue(**sum, 999), "6");
  v[500] = INT64_MIN;
  auto b = I64(v, valid);
  EXPECT_EQ(ErrorOf(Arithmetic(ArithmeticOp::kSubtract, Datum::Scalar(I64({0})), Datum::Array(b),
                               int64())),
            "Arrow error: Arithmetic overflow: Overflow happened on: 0 - -9223372036854775808");
  EXPECT_EQ(ErrorOf(Arithmetic(ArithmeticOp::kSubtract, Datum::Array(b),
                               Datum::Array(I64(std::vector<int64_t>(1000, 1))), int64())),
            "Arrow error: Arithmetic overflow: Overflow happened on: -9223372036854775808 - 1");
  EXPECT_FALSE(
      Arithmetic(ArithmeticOp::kMultiply, Datum::Array(b), Datum::Scalar(I64({2})), int64()).ok());
  std::vector<int32_t> small(100, -3);
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kMultiply, Datum::Array(I32({-3, 4})),
                              Datum::Scalar(I32({-7})), int32())),
            "21,-28");
  EXPECT_FALSE(Arithmetic(ArithmeticOp::kAdd, Datum::Array(I32(small)),
                          Datum::Scalar(I32({INT32_MIN})), int32())
                   .ok());
}

TEST(ArithmeticTest, FloatsIEEE) {
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kDivide, Datum::Array(F64({1, -1, 0})),
                              Datum::Scalar(F64({0})), float64())),
            "inf,-inf,NaN");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kModulo, Datum::Array(F64({5.5})),
                              Datum::Array(F64({2})), float64())),
            "1.5");
}

TEST(ArithmeticTest, Decimals) {
  auto a = Make<Int128>(decimal128(5, 2), {12345, -100});  // 123.45, -1.00
  auto b = Make<Int128>(decimal128(4, 1), {15, 30});       // 1.5, 3.0
  EXPECT_EQ(
      ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(a), Datum::Array(b), decimal128(7, 2))),
      "124.95,2.00");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kMultiply, Datum::Array(a), Datum::Array(b),
                              decimal128(10, 3))),
            "185.175,-3.000");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kDivide, Datum::Array(a), Datum::Array(b),
                              decimal128(12, 6))),
            "82.300000,-0.333333");
  EXPECT_FALSE(
      Arithmetic(ArithmeticOp::kAdd, Datum::Array(a), Datum::Array(a), decimal128(4, 2)).ok());
  EXPECT_EQ(
      ErrorOf(Arithmetic(ArithmeticOp::kDivide, Datum::Array(a),
                         Datum::Array(Make<Int128>(decimal128(4, 1), {0, 1})), decimal128(12, 6))),
      "Arrow error: Divide by zero error");
}

TEST(ArithmeticTest, Temporal) {
  auto d = Make<int32_t>(date32(), {18321});  // 2020-02-29
  auto ym = Make<int32_t>(interval(IntervalUnit::kYearMonth), {12});
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(d), Datum::Array(ym), date32())),
            "2021-02-28");
  auto b = *MakeBuilder(interval(IntervalUnit::kMonthDayNano));
  auto* ib = static_cast<PrimitiveBuilder<IntervalMonthDayNano>*>(b.get());
  ASSERT_TRUE(ib->Append({1, 1, 3600LL * 1000000000}).ok());
  auto iv = *ib->Finish();
  auto ts = Make<int64_t>(timestamp(TimeUnit::kSecond), {1580428800});  // 2020-01-31
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(ts), Datum::Array(iv),
                              timestamp(TimeUnit::kSecond))),
            "2020-03-01T01:00:00");
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(iv), Datum::Array(ts),
                              timestamp(TimeUnit::kSecond))),
            "2020-03-01T01:00:00");
  auto ts2 = Make<int64_t>(timestamp(TimeUnit::kSecond), {1580428800 + 90});
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kSubtract, Datum::Array(ts2), Datum::Array(ts),
                              duration(TimeUnit::kMillisecond))),
            "PT90S");
  auto d2 = Make<int32_t>(date32(), {18331});
  EXPECT_EQ(ShowOk(Arithmetic(ArithmeticOp::kSubtract, Datum::Array(d2), Datum::Array(d), int64())),
            "10");
  // Zoned timestamps add days in local time (DST in New York on 2021-03-14).
  auto tz = timestamp(TimeUnit::kSecond, "America/New_York");
  auto before = Make<int64_t>(tz, {1615611600});  // 2021-03-13T00:00:00-05:00
  auto b2 = *MakeBuilder(interval(IntervalUnit::kMonthDayNano));
  ASSERT_TRUE(
      static_cast<PrimitiveBuilder<IntervalMonthDayNano>*>(b2.get())->Append({0, 1, 0}).ok());
  EXPECT_EQ(
      ShowOk(Arithmetic(ArithmeticOp::kAdd, Datum::Array(before), Datum::Array(*b2->Finish()), tz)),
      "2021-03-14T00:00:00-05:00");
}

}  // namespace
}  // namespace quiver::compute
