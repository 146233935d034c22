#include <cmath>

#include "test_util.h"

namespace quiver::compute {
namespace {

using namespace testing;  // NOLINT

Result<ArrayPtr> TryCast(const ArrayPtr& a, const DataTypePtr& to) {
  CastOptions o;
  o.to_null_on_error = true;
  return Cast(a, to, o);
}

TEST(CastTest, NumericRanges) {
  EXPECT_EQ(ShowOk(Cast(I64({1, -5, 127}, {true, false, true}), int8())), "1,null,127");
  EXPECT_EQ(ErrorOf(Cast(I64({300}), int8())),
            "Arrow error: Cast error: Can't cast value 300 to type Int8");
  EXPECT_EQ(ShowOk(TryCast(I64({300, 3}), int8())), "null,3");
  EXPECT_FALSE(Cast(I64({-1}), uint32()).ok());
  EXPECT_EQ(ShowOk(Cast(F64({1.9, -1.9, 0.5}), int32())), "1,-1,0");
  EXPECT_FALSE(Cast(F64({NAN}), int32()).ok());
  EXPECT_FALSE(Cast(F64({1e19}), int64()).ok());
  EXPECT_EQ(ShowOk(Cast(F64({1e19}), uint64())), "10000000000000000000");
  EXPECT_EQ(ShowOk(Cast(I64({0, 5}), boolean())), "false,true");
  EXPECT_EQ(ShowOk(Cast(Bool({true, false}), float64())), "1.0,0.0");
  EXPECT_EQ(ShowOk(Cast(I32({7}), float32())), "7.0");
}

TEST(CastTest, Decimals) {
  auto d = Make<Int128>(decimal128(6, 3), {12345, -12355, 500});  // 12.345 -12.355 0.500
  EXPECT_EQ(ShowOk(Cast(d, decimal128(5, 2))), "12.35,-12.36,0.50");
  EXPECT_EQ(ShowOk(Cast(d, int64())), "12,-12,0");
  EXPECT_EQ(ShowOk(Cast(d, float64())), "12.345,-12.355,0.5");
  EXPECT_FALSE(Cast(d, decimal128(3, 2)).ok());
  EXPECT_EQ(ShowOk(Cast(I64({12, -3}), decimal128(5, 2))), "12.00,-3.00");
  EXPECT_FALSE(Cast(I64({1000}), decimal128(5, 2)).ok());
  EXPECT_EQ(ShowOk(Cast(F64({1.005, 2.5}), decimal128(5, 1))), "1.0,2.5");
  EXPECT_EQ(ShowOk(Cast(Str({"1.235", "-0.5", "1e2", ".5"}), decimal128(6, 2))),
            "1.24,-0.50,100.00,0.50");
  EXPECT_FALSE(Cast(Str({"abc"}), decimal128(6, 2)).ok());
  EXPECT_EQ(ShowOk(Cast(d, utf8())), "12.345,-12.355,0.500");
  EXPECT_EQ(ShowOk(Cast(d, decimal256(40, 3))), "12.345,-12.355,0.500");
}

TEST(CastTest, StringToNumbersAndBool) {
  EXPECT_EQ(ShowOk(Cast(Str({"1", "-20", "+3"}), int32())), "1,-20,3");
  EXPECT_EQ(ErrorOf(Cast(Str({"zoo"}), int64())),
            "Arrow error: Cast error: Cannot cast string 'zoo' to value of Int64 type");
  EXPECT_EQ(ErrorOf(Cast(Str({""}), int32())),
            "Arrow error: Cast error: Cannot cast string '' to value of Int32 type");
  EXPECT_FALSE(Cast(Str({" 1"}), int32()).ok());
  EXPECT_FALSE(Cast(Str({"1.5"}), int32()).ok());
  EXPECT_EQ(ShowOk(TryCast(Str({"x", "4"}, {}, large_utf8()), int64())), "null,4");
  EXPECT_EQ(ShowOk(Cast(Str({"1.5", "-1e3", "NaN", "inf"}, {}, utf8_view()), float64())),
            "1.5,-1000.0,NaN,inf");
  EXPECT_EQ(ShowOk(Cast(Str({"true", "F", "YES", "no", "1", "0"}), boolean())),
            "true,false,true,false,true,false");
  EXPECT_FALSE(Cast(Str({"maybe"}), boolean()).ok());
}

TEST(CastTest, StringToTemporal) {
  EXPECT_EQ(ShowOk(Cast(Str({"2020-02-29", "1969-12-31"}), date32())), "2020-02-29,1969-12-31");
  EXPECT_FALSE(Cast(Str({"2021-02-29"}), date32()).ok());
  EXPECT_EQ(ShowOk(Cast(Str({"12:34:56.789", "00:00"}), time64(TimeUnit::kMicrosecond))),
            "12:34:56.789,00:00:00");
  EXPECT_EQ(ShowOk(Cast(Str({"2020-01-01T10:00:00", "2020-01-01 10:00:00.123456789Z",
                             "2020-01-01T10:00:00+02:00"}),
                        timestamp(TimeUnit::kNanosecond))),
            "2020-01-01T10:00:00,2020-01-01T10:00:00.123456789,2020-01-01T08:00:00");
  EXPECT_EQ(ShowOk(Cast(Str({"2020-01-01T10:00:00"}), timestamp(TimeUnit::kSecond, "+05:00"))),
            "2020-01-01T10:00:00+05:00");
  EXPECT_EQ(ErrorOf(Cast(Str({"I AM NOT A TIMESTAMP"}), timestamp(TimeUnit::kNanosecond))),
            "Arrow error: Parser error: Error parsing timestamp from 'I AM NOT A TIMESTAMP': "
            "error parsing date");
  EXPECT_EQ(ShowOk(Cast(Str({"1 day 2 hours", "3 months", "1.5 seconds"}),
                        interval(IntervalUnit::kMonthDayNano))),
            "0 years 0 mons 1 days 2 hours 0 mins 0.000000000 secs,"
            "0 years 3 mons 0 days 0 hours 0 mins 0.000000000 secs,"
            "0 years 0 mons 0 days 0 hours 0 mins 1.500000000 secs");
}

TEST(CastTest, ToString) {
  EXPECT_EQ(ShowOk(Cast(F64({1.0, 0.1, 1e20, 1e-7, NAN}), utf8())), "1.0,0.1,1e20,1e-7,NaN");
  EXPECT_EQ(ShowOk(Cast(Make<float>(float32(), {0.1f}), utf8())), "0.1");
  EXPECT_EQ(ShowOk(Cast(Bool({true, false}, {true, false}), large_utf8())), "true,null");
  EXPECT_EQ(ShowOk(Cast(Make<int32_t>(date32(), {0}), utf8_view())), "1970-01-01");
  EXPECT_EQ(
      ShowOk(Cast(Make<int64_t>(timestamp(TimeUnit::kMillisecond, "+01:00"), {1500}), utf8())),
      "1970-01-01T01:00:01.500+01:00");
}

TEST(CastTest, TemporalToTemporal) {
  auto ts = Make<int64_t>(timestamp(TimeUnit::kMillisecond), {86400000 + 3723004, -1});
  EXPECT_EQ(ShowOk(Cast(ts, date32())), "1970-01-02,1969-12-31");
  EXPECT_EQ(ShowOk(Cast(ts, timestamp(TimeUnit::kSecond))),
            "1970-01-02T01:02:03,1969-12-31T23:59:59");
  EXPECT_EQ(ShowOk(Cast(ts, time64(TimeUnit::kMillisecond))), "01:02:03.004,23:59:59.999");
  EXPECT_EQ(ShowOk(Cast(Make<int32_t>(date32(), {1}), timestamp(TimeUnit::kSecond))),
            "1970-01-02T00:00:00");
  auto utc = Make<int64_t>(timestamp(TimeUnit::kSecond, "+00:00"), {0});
  EXPECT_EQ(ShowOk(Cast(utc, timestamp(TimeUnit::kSecond, "+02:00"))), "1970-01-01T02:00:00+02:00");
  EXPECT_EQ(ShowOk(Cast(I64({5}), timestamp(TimeUnit::kSecond))), "1970-01-01T00:00:05");
  EXPECT_EQ(ShowOk(Cast(Make<int32_t>(date32(), {3}), int64())), "3");
  EXPECT_FALSE(Cast(Make<int64_t>(timestamp(TimeUnit::kSecond), {INT64_MAX / 10}),
                    timestamp(TimeUnit::kNanosecond))
                   .ok());
}

TEST(CastTest, StructuralCasts) {
  EXPECT_EQ(ShowOk(Cast(MakeArray(ArrayData::Make(null(), 2, {nullptr}, 2)), int64())),
            "null,null");
  auto dict = Str({"1", "2", "1"}, {}, dictionary(int32(), utf8()));
  EXPECT_EQ(ShowOk(Cast(dict, int64())), "1,2,1");
  auto enc = Cast(Str({"a", "b", "a"}), dictionary(int8(), utf8()));
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ((*enc)->type_id(), TypeId::kDictionary);
  EXPECT_EQ(Show(*enc), "a,b,a");
  EXPECT_EQ(ShowOk(Cast(Str({"ab"}, {}, binary()), utf8())), "ab");
  EXPECT_FALSE(Cast(Str({"\xff"}, {}, binary()), utf8()).ok());
  EXPECT_EQ(ShowOk(Cast(Str({"ab", "c"}, {}, large_utf8()), binary())), "6162,63");

  auto lb = *MakeBuilder(list(int32()));
  auto* l = static_cast<ListBuilder*>(lb.get());
  ASSERT_TRUE(l->Append().ok());
  ASSERT_TRUE(static_cast<Int32Builder*>(l->value_builder())->Append(1).ok());
  ASSERT_TRUE(static_cast<Int32Builder*>(l->value_builder())->Append(2).ok());
  ASSERT_TRUE(l->AppendNull().ok());
  auto lists = *l->Finish();
  EXPECT_EQ(ShowOk(Cast(lists, list(utf8()))), "[1, 2],null");
  EXPECT_EQ(ShowOk(Cast(lists, large_list(int64()))), "[1, 2],null");
  EXPECT_EQ(ErrorOf(Cast(lists, fixed_size_list(int32(), 4))),
            "Arrow error: Cast error: Cannot cast to FixedSizeList(4): value at index 0 has "
            "length 2");
  EXPECT_TRUE(Cast(lists, fixed_size_list(int32(), 2)).ok());

  auto st = struct_({field("a", int32())});
  auto sb = *MakeBuilder(st);
  auto* s = static_cast<StructBuilder*>(sb.get());
  ASSERT_TRUE(s->Append().ok());
  ASSERT_TRUE(static_cast<Int32Builder*>(s->field_builder(0))->Append(7).ok());
  auto structs = *s->Finish();
  EXPECT_EQ(ShowOk(Cast(structs, struct_({field("b", int64())}))), "{b: 7}");
  EXPECT_TRUE(CanCast(*int64(), *utf8()));
  EXPECT_FALSE(CanCast(*int64(), *binary()));
}

}  // namespace
}  // namespace quiver::compute
