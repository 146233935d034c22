#include <gtest/gtest.h>

#include "quiver/logical/logical_plan.h"
#include "quiver/logical/type_coercion.h"

namespace quiver {
namespace {

TEST(TypeCoercionTest, NumericAndComparison) {
  EXPECT_EQ(NumericCoercion(int32(), int64())->ToString(), "Int64");
  EXPECT_EQ(NumericCoercion(int8(), uint8())->ToString(), "Int16");
  EXPECT_EQ(NumericCoercion(int64(), float32())->ToString(), "Float64");
  EXPECT_EQ(NumericCoercion(decimal128(10, 2), int32())->ToString(), "Decimal128(12, 2)");
  EXPECT_EQ(ComparisonCoercion(utf8(), large_utf8())->ToString(), "LargeUtf8");
  EXPECT_EQ(ComparisonCoercion(date32(), timestamp(TimeUnit::kNanosecond))->ToString(),
            "Timestamp(Nanosecond, None)");
  EXPECT_EQ(ComparisonCoercion(null(), int16())->ToString(), "Int16");
  EXPECT_EQ(ComparisonCoercion(boolean(), date32()), nullptr);
}

TEST(TypeCoercionTest, BinaryOperators) {
  auto add = CoerceBinary(int32(), Operator::kPlus, int64());
  ASSERT_TRUE(add.ok());
  EXPECT_EQ(add->result->ToString(), "Int64");
  auto dec = CoerceBinary(decimal128(10, 2), Operator::kMultiply, decimal128(5, 1));
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(dec->result->ToString(), "Decimal128(16, 3)");
  auto date = CoerceBinary(date32(), Operator::kPlus, interval(IntervalUnit::kMonthDayNano));
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->result->ToString(), "Date32");
  auto bad = CoerceBinary(utf8(), Operator::kPlus, int64());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().kind(), ErrorKind::kPlan);
  EXPECT_FALSE(CoerceBinary(int64(), Operator::kAnd, boolean()).ok());
}

class FakeSource : public TableSource {
 public:
  SchemaPtr schema() const override {
    return quiver::schema({field("a", int64()), field("b", utf8())});
  }
};

TEST(LogicalPlanTest, SchemasAndDisplay) {
  auto scan = *MakeTableScan(TableReference::Bare("t"), std::make_shared<FakeSource>());
  auto filter = *MakeFilter(scan, Binary(Col(Column{TableReference::Bare("t"), "a"}), Operator::kGt,
                                         LitInt64(1)));
  auto proj = *MakeProjection(filter, {Col(Column{TableReference::Bare("t"), "b"}),
                                       Alias(LitInt64(2), "two")});
  EXPECT_EQ(proj->ToString(),
            "Projection: t.b, Int64(2) AS two\n  Filter: t.a > Int64(1)\n    TableScan: t");
  EXPECT_EQ(proj->schema->num_fields(), 2);
  EXPECT_EQ(proj->schema->field(1)->name(), "two");
  EXPECT_FALSE(proj->schema->field(1)->nullable());
  // A non-boolean predicate and duplicate output names are plan errors.
  EXPECT_FALSE(MakeFilter(scan, LitInt64(1)).ok());
  EXPECT_FALSE(MakeProjection(scan, {Col("a"), Col("a")}).ok());
  // Unknown columns name the closest candidate.
  auto missing = GetType(Col("aa"), *scan->schema);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("Did you mean 't.a'"), std::string::npos);
}

TEST(LogicalPlanTest, ValuesUnifiesColumnTypes) {
  auto values = MakeValues({{LitInt64(1), LitNull()}, {Lit(ScalarValue::Float64(2.5)), LitString("x")}});
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)->schema->field(0)->type()->ToString(), "Float64");
  EXPECT_EQ((*values)->schema->field(1)->type()->ToString(), "Utf8");
  EXPECT_FALSE(MakeValues({{LitInt64(1)}, {LitInt64(1), LitInt64(2)}}).ok());
}

}  // namespace
}  // namespace quiver
