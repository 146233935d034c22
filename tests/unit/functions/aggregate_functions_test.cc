#include "quiver/arrow/type_string.h"
#include "test_util.h"

namespace quiver::testing {

/// Runs an aggregate over `values` in groups, through two partial
/// accumulators merged into a final one (split at `split`).
std::string Agg(const std::string& name, const std::vector<Datum>& values,
                const std::vector<uint32_t>& groups, int64_t num_groups, int64_t split) {
  auto fn = Registry().GetAggregate(name);
  if (!fn) return "no aggregate " + name;
  std::vector<DataTypePtr> types;
  for (const auto& v : values) types.push_back(v.type());
  auto coerced = fn->CoerceTypes(types);
  if (!coerced.ok()) return "ERR:" + coerced.status().ToString();
  auto rt = fn->ReturnType(*coerced);
  if (!rt.ok()) return "ERR:" + rt.status().ToString();
  AggregateArgs args{*coerced, *rt, false};
  auto a = fn->CreateAccumulator(args);
  auto b = fn->CreateAccumulator(args);
  auto final_acc = fn->CreateAccumulator(args);
  int64_t n = values[0].length();
  std::vector<ArrayPtr> first, second;
  for (const auto& v : values) {
    first.push_back(v.array->Slice(0, split));
    second.push_back(v.array->Slice(split, n - split));
  }
  if (!(*a)->Update(first, groups.data(), nullptr, num_groups).ok()) return "update failed";
  auto st = (*b)->Update(second, groups.data() + split, nullptr, num_groups);
  if (!st.ok()) return "ERR:" + st.ToString();
  std::vector<uint32_t> identity(num_groups);
  for (int64_t g = 0; g < num_groups; ++g) identity[g] = static_cast<uint32_t>(g);
  for (auto* acc : {&*a, &*b}) {
    auto s = (*acc)->State();
    if (!s.ok()) return "ERR:" + s.status().ToString();
    auto m = (*final_acc)->Merge(*s, identity.data(), num_groups);
    if (!m.ok()) return "ERR:" + m.ToString();
  }
  auto out = (*final_acc)->Evaluate();
  if (!out.ok()) return "ERR:" + out.status().ToString();
  if (!(*out)->type()->Equals(**rt)) return "type mismatch " + (*out)->type()->ToString();
  return Show(Datum::Array(*out));
}

TEST(Aggregates, VarianceFamily) {
  auto v = F64({1, 2, 3, 4, 10, 0}, {true, true, true, true, true, false});
  std::vector<uint32_t> g = {0, 0, 0, 0, 1, 1};
  EXPECT_EQ(Agg("var", {v}, g, 2, 3), "1.6666666666666667,NULL");
  EXPECT_EQ(Agg("var_pop", {v}, g, 3, 2), "1.25,0,NULL");
  EXPECT_EQ(Agg("stddev_pop", {v}, g, 2, 1), "1.118033988749895,0");
  EXPECT_EQ(Agg("stddev", {F64({2, 4, 4, 4, 5, 5, 7, 9})}, std::vector<uint32_t>(8, 0), 1, 4),
            "2.138089935299395");
  auto x = F64({1, 2, 3, 4});
  auto y = F64({2, 4, 6, 9});
  std::vector<uint32_t> z(4, 0);
  EXPECT_EQ(Agg("covar_pop", {x, y}, z, 1, 2), "2.875");
  EXPECT_EQ(Agg("covar_samp", {x, y}, z, 1, 1), "3.8333333333333335");
  auto c = Agg("corr", {x, x}, z, 1, 2);
  EXPECT_EQ(c, "1");
  EXPECT_NE(Agg("var", {Str({"a"})}, {0}, 1, 0).find("No function matches"), std::string::npos);
}

TEST(Aggregates, BoolBitMedian) {
  auto b = Arr<bool>(boolean(), {true, false, true, true}, {true, true, true, false});
  std::vector<uint32_t> g = {0, 0, 1, 2};
  EXPECT_EQ(Agg("bool_and", {b}, g, 3, 1), "false,true,NULL");
  EXPECT_EQ(Agg("bool_or", {b}, g, 3, 2), "true,true,NULL");
  auto i = I64({12, 10, 6, 3});
  std::vector<uint32_t> one(4, 0);
  EXPECT_EQ(Agg("bit_and", {i}, one, 1, 2), "0");
  EXPECT_EQ(Agg("bit_or", {i}, one, 1, 2), "15");
  EXPECT_EQ(Agg("bit_xor", {i}, one, 1, 2), "3");
  EXPECT_EQ(Agg("median", {I64({5, 1, 3, 2})}, one, 1, 2), "2");
  EXPECT_EQ(Agg("median", {F64({5, 1, 3, 2})}, one, 1, 3), "2.5");
  EXPECT_EQ(Agg("median", {F64({5, 1, 3})}, {0, 1, 0}, 3, 1), "4,1,NULL");
}

TEST(Aggregates, ApproxDistinct) {
  std::vector<int64_t> vals;
  std::vector<uint32_t> g;
  for (int k = 0; k < 3000; ++k) {
    vals.push_back(k % 1000);
    g.push_back(k % 2);
  }
  vals.push_back(1);
  g.push_back(2);
  auto out = Agg("approx_distinct", {I64(vals)}, g, 4, 1500);
  // 500 distinct values in each of groups 0/1 (within HLL error), 1 in group 2.
  auto comma = out.find(',');
  int64_t first = std::stoll(out.substr(0, comma));
  EXPECT_NEAR(first, 500, 25);
  EXPECT_TRUE(out.ends_with(",1,0")) << out;
}

TEST(TypeString, Parse) {
  for (const char* s : {"Int64", "Utf8", "LargeUtf8", "Timestamp(Nanosecond, None)", "Date32",
                        "Timestamp(Microsecond, Some(\"+08:00\"))", "Dictionary(Int32, Utf8)",
                        "Decimal128(5, 2)", "Interval(MonthDayNano)", "Duration(Second)",
                        "Time32(Millisecond)", "FixedSizeBinary(4)", "Time64(Nanosecond)"}) {
    auto t = ParseArrowTypeString(s);
    ASSERT_TRUE(t.ok()) << s << ": " << t.status().ToString();
    EXPECT_EQ((*t)->ToString(), s);
  }
  auto l = ParseArrowTypeString("LargeList(List(Int64))");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ((*l)->id(), TypeId::kLargeList);
  EXPECT_EQ((*l)->value_type()->value_type()->id(), TypeId::kInt64);
  auto f = ParseArrowTypeString("FixedSizeList(3, Int64)");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->list_size(), 3);
  auto bad = ParseArrowTypeString("unknown");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Error unrecognized word: unknown"), std::string::npos);
  EXPECT_FALSE(ParseArrowTypeString("Timestamp(Nanosecond, Some(\"+25:00\"))").ok());
  EXPECT_FALSE(ParseArrowTypeString("Int64)").ok());
  EXPECT_FALSE(ParseArrowTypeString("Decimal128(99, 2)").ok());
  EXPECT_EQ(Eval("arrow_typeof", {I64({1, 2})}), "S:Int64");
}

}  // namespace quiver::testing
