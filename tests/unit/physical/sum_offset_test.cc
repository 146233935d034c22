#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/functions/builtin.h"
#include "quiver/logical/function_registry.h"
#include "quiver/physical/sum_offset.h"

namespace quiver {
namespace {

AggregateUDFPtr Sum() {
  static FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterCoreAggregates(r);
    return r;
  }();
  return registry->GetAggregate("sum");
}

PhysicalExprPtr Widened(DataTypePtr from) {
  return std::make_shared<CastExpr>(std::make_shared<ColumnExpr>("x", 0, std::move(from), true),
                                    int64(), false);
}
PhysicalExprPtr Lit(int64_t v) { return std::make_shared<LiteralExpr>(ScalarValue::Int64(v)); }
PhysicalExprPtr Bin(PhysicalExprPtr a, Operator op, PhysicalExprPtr b) {
  return std::make_shared<BinaryExpr>(std::move(a), op, std::move(b), int64());
}

TEST(SumOffset, MatchesOnlyWhereTheAdditionCannotOverflow) {
  AggregateArgs args{{int64()}, int64(), false};
  auto fn = Sum();
  auto m = MatchSumOffset(*fn, false, args, Bin(Widened(int16()), Operator::kPlus, Lit(5)));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->offset, 5);
  m = MatchSumOffset(*fn, false, args, Bin(Lit(3), Operator::kPlus, Widened(int32())));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->offset, 3);
  m = MatchSumOffset(*fn, false, args, Bin(Widened(uint32()), Operator::kMinus, Lit(7)));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->offset, -7);
  // 7 - x is not an offset; DISTINCT, Int64 columns and huge offsets are left alone.
  EXPECT_FALSE(MatchSumOffset(*fn, false, args, Bin(Lit(7), Operator::kMinus, Widened(int16()))));
  EXPECT_FALSE(MatchSumOffset(*fn, true, args, Bin(Widened(int16()), Operator::kPlus, Lit(1))));
  auto col64 = std::make_shared<ColumnExpr>("b", 0, int64(), true);
  EXPECT_FALSE(MatchSumOffset(*fn, false, args, Bin(col64, Operator::kPlus, Lit(1))));
  EXPECT_FALSE(MatchSumOffset(*fn, false, args,
                              Bin(Widened(int16()), Operator::kPlus, Lit(int64_t{1} << 40))));
}

TEST(SumOffset, PartialStatesMergeAndEmptyGroupsAreNull) {
  auto a = MakeSumOffsetAccumulator(10);
  auto b = MakeSumOffsetAccumulator(10);
  auto final_acc = MakeSumOffsetAccumulator(10);
  auto v1 = *ArrayFromVector<int64_t>(int64(), {1, 2, 3, 4}, {true, false, true, true});
  auto v2 = *ArrayFromVector<int64_t>(int64(), {INT64_MAX, 5}, {true, true});
  std::vector<uint32_t> g1 = {0, 0, 1, 0}, g2 = {0, 1};
  ASSERT_TRUE(a->Update({v1->Slice(1)}, g1.data() + 1, nullptr, 3).ok());
  ASSERT_TRUE(b->Update({v2}, g2.data(), nullptr, 3).ok());
  std::vector<uint32_t> identity = {0, 1, 2};
  for (auto* acc : {a.get(), b.get()}) {
    auto st = acc->State();
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(final_acc->Merge(*st, identity.data(), 3).ok());
  }
  auto out = final_acc->Evaluate();
  ASSERT_TRUE(out.ok());
  const auto& r = static_cast<const Int64Array&>(**out);
  // Group 0: (4 + 10) + (INT64_MAX + 10) wrapping; group 1: (3 + 10) + (5 + 10).
  EXPECT_EQ(r.Value(0), static_cast<int64_t>(uint64_t{14} + uint64_t{INT64_MAX} + 10));
  EXPECT_EQ(r.Value(1), 28);
  EXPECT_TRUE(r.IsNull(2));
}

}  // namespace
}  // namespace quiver
