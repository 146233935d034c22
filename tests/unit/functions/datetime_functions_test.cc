#include "test_util.h"

namespace quiver::testing {

Datum Ts(const std::vector<int64_t>& v, TimeUnit unit = TimeUnit::kNanosecond,
         const std::string& tz = "") {
  return Arr<int64_t>(timestamp(unit, tz), v);
}

TEST(DatetimeFunctions, DatePart) {
  // 2024-02-29T13:45:30.5Z
  int64_t t = 1709214330500000000LL;
  auto ts = Ts({t});
  EXPECT_EQ(Eval("date_part", {SStr("year"), ts}), "2024");
  EXPECT_EQ(Eval("date_part", {SStr("month"), ts}), "2");
  EXPECT_EQ(Eval("date_part", {SStr("quarter"), ts}), "1");
  EXPECT_EQ(Eval("date_part", {SStr("day"), ts}), "29");
  EXPECT_EQ(Eval("date_part", {SStr("hour"), ts}), "13");
  EXPECT_EQ(Eval("date_part", {SStr("minute"), ts}), "45");
  EXPECT_EQ(Eval("date_part", {SStr("second"), ts}), "30.5");
  EXPECT_EQ(Eval("date_part", {SStr("dow"), ts}), "4");
  EXPECT_EQ(Eval("date_part", {SStr("doy"), ts}), "60");
  EXPECT_EQ(Eval("date_part", {SStr("week"), ts}), "9");
  EXPECT_EQ(Eval("date_part", {SStr("epoch"), ts}), "1709214330.5");
  EXPECT_EQ(Eval("date_part", {SStr("hour"), Ts({t}, TimeUnit::kNanosecond, "+08:00")}), "21");
  EXPECT_EQ(Eval("date_part", {SStr("year"), Arr<int32_t>(date32(), {0})}), "1970");
  EXPECT_NE(Eval("date_part", {SStr("fortnight"), ts}).find("not supported"), std::string::npos);
}

TEST(DatetimeFunctions, DateTrunc) {
  int64_t t = 1709214330500000000LL;  // 2024-02-29T13:45:30.5
  auto show = [&](const char* g) {
    auto r = Call("date_trunc", {SStr(g), Ts({t})});
    if (!r.ok()) return r.status().ToString();
    return ScalarValue::FromArray(r->array, 0).ValueToString();
  };
  EXPECT_EQ(show("year"), "2024-01-01T00:00:00");
  EXPECT_EQ(show("quarter"), "2024-01-01T00:00:00");
  EXPECT_EQ(show("month"), "2024-02-01T00:00:00");
  EXPECT_EQ(show("week"), "2024-02-26T00:00:00");
  EXPECT_EQ(show("day"), "2024-02-29T00:00:00");
  EXPECT_EQ(show("hour"), "2024-02-29T13:00:00");
  EXPECT_EQ(show("second"), "2024-02-29T13:45:30");
}

TEST(DatetimeFunctions, Conversions) {
  auto r = Call("to_timestamp", {Str({"2020-09-08T13:42:29Z", "x"}, {true, false})});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Show(*r), "2020-09-08T13:42:29,NULL");
  EXPECT_EQ(Eval("to_timestamp_seconds", {I64({0})}), "1970-01-01T00:00:00");
  EXPECT_EQ(Eval("to_timestamp", {I64({1})}), "1970-01-01T00:00:01");
  EXPECT_NE(Eval("to_timestamp", {SStr("garbage")}).find("Error parsing timestamp"),
            std::string::npos);
  EXPECT_EQ(Eval("make_date", {Arr<int32_t>(int32(), {2024}), Arr<int32_t>(int32(), {2}),
                               Arr<int32_t>(int32(), {29})}),
            "2024-02-29");
  EXPECT_NE(Eval("make_date", {Arr<int32_t>(int32(), {2023}), Arr<int32_t>(int32(), {2}),
                               Arr<int32_t>(int32(), {29})})
                .find("Unable to parse date"),
            std::string::npos);
  EXPECT_EQ(Eval("from_unixtime", {I64({86400})}), "1970-01-02T00:00:00");
  EXPECT_EQ(Eval("to_unixtime", {Ts({1500000000}, TimeUnit::kSecond)}), "1500000000");
  auto now = Call("now", {});
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->is_scalar);
  EXPECT_EQ(now->type()->ToString(), "Timestamp(Nanosecond, Some(\"+00:00\"))");
}

}  // namespace quiver::testing
