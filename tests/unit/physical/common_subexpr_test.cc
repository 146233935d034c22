#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/physical/common_subexpr.h"

namespace quiver {
namespace {

PhysicalExprPtr Col(int i, DataTypePtr t) {
  return std::make_shared<ColumnExpr>("c" + std::to_string(i), i, std::move(t), true);
}
PhysicalExprPtr Lit(int64_t v) { return std::make_shared<LiteralExpr>(ScalarValue::Int64(v)); }
PhysicalExprPtr Lit32(int32_t v) { return std::make_shared<LiteralExpr>(ScalarValue::Int32(v)); }
PhysicalExprPtr Add(PhysicalExprPtr a, PhysicalExprPtr b) {
  auto t = a->type();
  return std::make_shared<BinaryExpr>(std::move(a), Operator::kPlus, std::move(b), t);
}
PhysicalExprPtr CastTo64(PhysicalExprPtr a) {
  return std::make_shared<CastExpr>(std::move(a), int64(), false);
}

TEST(SharedSubexprs, CastSharedByEveryArgumentIsComputedOnce) {
  auto input = schema({field("c0", int16()), field("c1", int64())});
  auto x = CastTo64(Col(0, int16()));
  auto shared = ExtractSharedSubexprs({x, Add(x, Lit(1)), Add(CastTo64(Col(0, int16())), Lit(2)),
                                       nullptr, Add(Col(1, int64()), Lit(1))},
                                      input);
  ASSERT_EQ(shared.common.size(), 1u);
  EXPECT_EQ(shared.common[0]->ToString(), x->ToString());
  EXPECT_EQ(shared.extended_schema->num_fields(), 3);
  ASSERT_EQ(shared.rewritten.size(), 5u);
  EXPECT_EQ(shared.rewritten[0]->ToString(), "__common_expr_1@2");
  EXPECT_EQ(shared.rewritten[3], nullptr);
  // c1 + 1 occurs once: untouched.
  EXPECT_EQ(shared.rewritten[4]->ToString(), Add(Col(1, int64()), Lit(1))->ToString());

  // Evaluating the rewritten expressions on the extended batch gives the
  // originals' values.
  auto c0 = *ArrayFromVector<int16_t>(int16(), {1, -2, 0}, {true, true, false});
  auto c1 = *ArrayFromVector<int64_t>(int64(), {10, 20, 30});
  auto batch = RecordBatch::Make(input, 3, {c0, c1});
  auto extended = AppendSharedColumns(shared, *batch);
  ASSERT_TRUE(extended.ok());
  std::vector<PhysicalExprPtr> originals = {x, Add(x, Lit(1)), Add(x, Lit(2))};
  for (size_t i = 0; i < originals.size(); ++i) {
    auto want = originals[i]->EvaluateToArray(*batch);
    auto got = shared.rewritten[i]->EvaluateToArray(**extended);
    ASSERT_TRUE(want.ok() && got.ok());
    EXPECT_TRUE((*want)->Equals(**got)) << i;
  }
}

TEST(SharedSubexprs, LiteralTypesAndShortCircuitOperatorsAreRespected) {
  auto input = schema({field("c0", int32())});
  // Same text, different literal types: not merged.
  auto a = std::make_shared<BinaryExpr>(Col(0, int32()), Operator::kPlus, Lit32(1), int32());
  auto b = std::make_shared<BinaryExpr>(Col(0, int32()), Operator::kPlus, Lit(1), int64());
  auto s1 = ExtractSharedSubexprs({a, b}, input);
  EXPECT_TRUE(s1.common.empty());
  EXPECT_EQ(s1.rewritten[0], a);
  // Under AND/OR nothing is hoisted (the right side may run on some rows only).
  auto gt = std::make_shared<BinaryExpr>(a, Operator::kGt, Lit32(3), boolean());
  auto both = std::make_shared<BinaryExpr>(gt, Operator::kAnd, gt, boolean());
  auto s2 = ExtractSharedSubexprs({both}, input);
  EXPECT_TRUE(s2.common.empty());
  EXPECT_EQ(s2.rewritten[0], both);
}

}  // namespace
}  // namespace quiver
