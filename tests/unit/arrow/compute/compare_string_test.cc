// String array vs scalar comparisons (the kernel for `col = 'x'` and IN
// lists) must agree with the general row comparator, which the same
// comparison takes when the scalar is spelled out as a full array.
#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver::compute {
namespace {

using testing::Show;
using testing::Str;

const CompareOp kOps[] = {CompareOp::kEq,   CompareOp::kNotEq, CompareOp::kLt,
                          CompareOp::kLtEq, CompareOp::kGt,    CompareOp::kGtEq};

// Every op, scalar on either side, against the array-vs-array result.
void CheckAgainstRowPath(const ArrayPtr& arr, const ArrayPtr& one) {
  const int64_t n = arr->length();
  std::vector<std::string> rep(n, std::string(GetBinaryView(*one, 0)));
  auto full = Str(rep, {}, one->type());
  for (CompareOp op : kOps) {
    auto fast = Compare(op, Datum::Array(arr), Datum::Scalar(one));
    auto slow = Compare(op, Datum::Array(arr), Datum::Array(full));
    ASSERT_TRUE(fast.ok() && slow.ok());
    EXPECT_EQ(Show(*fast), Show(*slow)) << static_cast<int>(op);
    auto fast_l = Compare(op, Datum::Scalar(one), Datum::Array(arr));
    auto slow_l = Compare(op, Datum::Array(full), Datum::Array(arr));
    ASSERT_TRUE(fast_l.ok() && slow_l.ok());
    EXPECT_EQ(Show(*fast_l), Show(*slow_l)) << static_cast<int>(op);
  }
}

TEST(CompareStringTest, AgreesWithRowComparator) {
  const std::vector<std::string> v = {"AIR", "AIR REG", "",     "AI",  "MAIL", "air",
                                      "AIR", "TRUCK",   "\xff", "AIR", "A"};
  const std::vector<bool> valid = {true, true, true, false, true, true,
                                   true, true, true, true,  true};
  for (const auto& type : {utf8(), large_utf8()}) {
    auto arr = Str(v, valid, type);
    for (const std::string s : {"AIR", "", "AIR REG", "\xff\xff", "B"}) {
      CheckAgainstRowPath(arr, Str({s}, {}, type));
      CheckAgainstRowPath(arr->Slice(3, 7), Str({s}, {}, type));  // offset, odd length
    }
  }
}

TEST(CompareStringTest, ExpectedBitsAndNulls) {
  auto arr = Str({"AIR", "AIR REG", "SHIP", "AIR"}, {true, true, true, false});
  auto eq = Compare(CompareOp::kEq, Datum::Array(arr), Datum::Scalar(Str({"AIR"})));
  ASSERT_TRUE(eq.ok());
  EXPECT_EQ(Show(*eq), "true,false,false,null");
  auto lt = Compare(CompareOp::kLt, Datum::Scalar(Str({"AIR"})), Datum::Array(arr));
  ASSERT_TRUE(lt.ok());
  EXPECT_EQ(Show(*lt), "false,true,true,null");
  auto null_scalar = Compare(CompareOp::kEq, Datum::Array(arr), Datum::Scalar(Str({"x"}, {false})));
  ASSERT_TRUE(null_scalar.ok());
  EXPECT_EQ(Show(*null_scalar), "null,null,null,null");
  auto empty = Compare(CompareOp::kEq, Datum::Array(arr->Slice(0, 0)), Datum::Scalar(Str({"AIR"})));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)->length(), 0);
}

}  // namespace
}  // namespace quiver::compute
