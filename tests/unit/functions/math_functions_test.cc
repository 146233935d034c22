#include <cmath>

#include "test_util.h"

namespace quiver::testing {

TEST(MathFunctions, UnaryFloat) {
  EXPECT_EQ(Eval("sqrt", {F64({4, 9, 0}, {true, true, false})}), "2,3,NULL");
  EXPECT_EQ(Eval("ceil", {F64({1.2, -1.2})}), "2,-1");
  EXPECT_EQ(Eval("floor", {Sc<double>(float64(), -1.5)}), "S:-2");
  EXPECT_EQ(Eval("signum", {F64({-3, 0, 2})}), "-1,0,1");
  EXPECT_EQ(Eval("cbrt", {Arr<float>(float32(), {27})}), "3");
  EXPECT_EQ(Eval("log", {F64({100})}), "2");
  EXPECT_EQ(Eval("log", {F64({2}), F64({8})}), "3");
  EXPECT_EQ(Eval("degrees", {F64({0})}), "0");
  EXPECT_NE(Eval("sqrt", {Str({"a"})})
                .find("No function matches the given name and argument "
                      "types 'sqrt(Utf8)'"),
            std::string::npos);
}

TEST(MathFunctions, CoercionToFloat) {
  auto fn = Registry().GetScalar("sqrt");
  auto t = fn->CoerceTypes({int64()});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)[0]->ToString(), "Float64");
}

TEST(MathFunctions, Abs) {
  EXPECT_EQ(Eval("abs", {I64({-1, 2, 0}, {true, true, false})}), "1,2,NULL");
  EXPECT_EQ(Eval("abs", {Arr<int8_t>(int8(), {-5})}), "5");
  EXPECT_EQ(Eval("abs", {F64({-1.5})}), "1.5");
  EXPECT_NE(Eval("abs", {I64({INT64_MIN})}).find("overflow"), std::string::npos);
  // A null in an overflowing slot is not an error.
  EXPECT_EQ(Eval("abs", {I64({INT64_MIN}, {false})}), "NULL");
}

TEST(MathFunctions, RoundTrunc) {
  EXPECT_EQ(Eval("round", {F64({1.5, -1.5, 2.449})}), "2,-2,2");
  EXPECT_EQ(Eval("round", {F64({2.449, 125}), Sc<int64_t>(int64(), 2)}), "2.45,125");
  EXPECT_EQ(Eval("round", {F64({125}), Sc<int64_t>(int64(), -1)}), "130");
  EXPECT_EQ(Eval("trunc", {F64({-1.7, 3.14159}), I64({0, 3})}), "-1,3.141");
  EXPECT_NE(Eval("round", {F64({1}), I64({2147483648})}).find("Invalid values for decimal places"),
            std::string::npos);
}

TEST(MathFunctions, PowerAndIntegers) {
  EXPECT_EQ(Eval("power", {I64({2, -2, 1}), I64({10, 3, 100})}), "1024,-8,1");
  EXPECT_EQ(Eval("pow", {F64({4}), F64({0.5})}), "2");
  EXPECT_NE(Eval("power", {I64({2}), I64({64})}).find("overflow"), std::string::npos);
  EXPECT_EQ(Eval("gcd", {I64({12, 0, -4}), I64({18, 0, 6})}), "6,0,2");
  EXPECT_EQ(Eval("lcm", {I64({4, 0}), I64({6, 5})}), "12,0");
  EXPECT_EQ(Eval("factorial", {I64({0, 10, 20})}), "1,3628800,2432902008176640000");
  EXPECT_NE(Eval("factorial", {I64({21})}).find("Overflow"), std::string::npos);
}

TEST(MathFunctions, PredicatesAndConstants) {
  EXPECT_EQ(Eval("isnan", {F64({NAN, 1}, {true, true})}), "true,false");
  EXPECT_EQ(Eval("iszero", {F64({0, 1}, {true, false})}), "true,NULL");
  EXPECT_EQ(Eval("nanvl", {F64({NAN, 1}), F64({5, 6})}), "5,1");
  EXPECT_EQ(Eval("pi", {}), "S:3.141592653589793");
  auto r = Call("random", {}, 5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->length(), 5);
}

TEST(MathFunctions, SlicedInput) {
  auto a = F64({1, 4, 9, 16}, {true, false, true, true}).array->Slice(1, 3);
  EXPECT_EQ(Eval("sqrt", {Datum::Array(a)}), "NULL,3,4");
}

TEST(ConditionalFunctions, Coalesce) {
  EXPECT_EQ(Eval("coalesce", {I64({1, 0, 0}, {true, false, false}),
                              I64({5, 6, 0}, {true, true, false}), Sc<int64_t>(int64(), 9)}),
            "1,6,9");
  EXPECT_EQ(Eval("coalesce", {Sc<int64_t>(int64(), 0, false), Sc<int64_t>(int64(), 3)}), "S:3");
  EXPECT_EQ(Eval("nvl", {Str({"a", ""}, {true, false}), SStr("z")}), "a,z");
  EXPECT_EQ(Eval("ifnull", {Str({"a", ""}, {true, false}), SStr("z")}), "a,z");
  auto t = Registry().GetScalar("coalesce")->CoerceTypes({int32(), int64()});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)[0]->ToString(), "Int64");
}

TEST(ConditionalFunctions, NullIfNvl2) {
  EXPECT_EQ(Eval("nullif", {I64({1, 2, 3}), I64({1, 0, 3}, {true, true, false})}), "NULL,2,3");
  EXPECT_EQ(Eval("nvl2", {I64({1, 0}, {true, false}), SStr("yes"), SStr("no")}), "yes,no");
}

TEST(ConditionalFunctions, GreatestLeast) {
  EXPECT_EQ(Eval("greatest",
                 {I64({1, 5, 0}, {true, true, false}), I64({3, 2, 7}), Sc<int64_t>(int64(), 4)}),
            "4,5,7");
  EXPECT_EQ(
      Eval("least", {I64({1, 5, 0}, {true, true, false}), I64({3, 2, 0}, {true, true, false})}),
      "1,2,NULL");
  EXPECT_EQ(Eval("greatest", {SStr("a"), SStr("b")}), "S:b");
}

}  // namespace quiver::testing
