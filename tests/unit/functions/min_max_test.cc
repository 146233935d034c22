// min/max accumulators against a straightforward reference: strings of every
// layout (prefix ties, embedded zero bytes, bytes >= 0x80, long values),
// nulls, filters, sliced inputs, one and many groups, partial states merged.
#include <optional>
#include <random>

#include "test_util.h"

namespace quiver::testing {
namespace {

std::unique_ptr<GroupsAccumulator> Make(const std::string& name, const DataTypePtr& type) {
  static FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterCoreAggregates(r);
    return r;
  }();
  auto fn = registry->GetAggregate(name);
  EXPECT_NE(fn, nullptr);
  AggregateArgs args{{type}, type, false};
  auto acc = fn->CreateAccumulator(args);
  EXPECT_TRUE(acc.ok()) << acc.status().ToString();
  return std::move(*acc);
}

std::string RandomString(std::mt19937_64& rng) {
  static const std::string kPrefixes[] = {"", "commonpr", "commonprefix_", "z"};
  static const char kAlphabet[] = {'a', 'b', '\0', '\xff', '\x80', 'Z'};
  std::string s = kPrefixes[rng() % 4];
  const int len = static_cast<int>(rng() % 14);
  for (int i = 0; i < len; ++i) s.push_back(kAlphabet[rng() % sizeof(kAlphabet)]);
  return s;
}

std::vector<std::optional<std::string>> Reference(
    bool is_max, const std::vector<std::string>& values, const std::vector<bool>& valid,
    const std::vector<bool>& keep, const std::vector<uint32_t>& groups, int64_t num_groups) {
  std::vector<std::optional<std::string>> out(num_groups);
  for (size_t i = 0; i < values.size(); ++i) {
    if (!valid[i] || !keep[i]) continue;
    auto& cur = out[groups[i]];
    // std::string compares as unsigned bytes (char_traits<char>::compare is memcmp).
    if (!cur || (is_max ? *cur < values[i] : values[i] < *cur)) cur = values[i];
  }
  return out;
}

void CheckStrings(const DataTypePtr& type, int64_t num_groups, bool with_filter, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int64_t n = 3000;
  const int64_t pad = 3;  // the input is a slice starting at row `pad`
  std::vector<std::string> values(n + pad);
  std::vector<bool> valid(n + pad), keep(n + pad), filter_valid(n + pad);
  std::vector<uint32_t> groups(n);
  for (int64_t i = 0; i < n + pad; ++i) {
    values[i] = RandomString(rng);
    valid[i] = rng() % 7 != 0;
    keep[i] = !with_filter || rng() % 3 != 0;
    filter_valid[i] = !with_filter || rng() % 11 != 0;
  }
  // The last group never gets a row: its result is NULL.
  for (int64_t i = 0; i < n; ++i) {
    groups[i] = static_cast<uint32_t>(num_groups == 1 ? 0 : rng() % (num_groups - 1));
  }
  auto arr = ArrayFromVector<std::string>(type, values, valid);
  ASSERT_TRUE(arr.ok()) << arr.status().ToString();
  auto filt = ArrayFromVector<bool>(boolean(), keep, filter_valid);
  ASSERT_TRUE(filt.ok());
  ArrayPtr input = (*arr)->Slice(pad, n);
  ArrayPtr filter = (*filt)->Slice(pad, n);
  std::vector<std::string> ref_values(values.begin() + pad, values.end());
  std::vector<bool> ref_valid(valid.begin() + pad, valid.end());
  std::vector<bool> ref_keep(n);
  for (int64_t i = 0; i < n; ++i) ref_keep[i] = keep[i + pad] && filter_valid[i + pad];

  for (bool is_max : {false, true}) {
    SCOPED_TRACE(type->ToString() + (is_max ? " max" : " min") + " groups " +
                 std::to_string(num_groups));
    // Two partial accumulators over batches of uneven sizes, merged.
    auto a = Make(is_max ? "max" : "min", type);
    auto b = Make(is_max ? "max" : "min", type);
    auto final_acc = Make(is_max ? "max" : "min", type);
    int64_t start = 0;
    for (int64_t len : {0, 1, 700, 1299, 1000}) {
      auto* acc = start < 1500 ? a.get() : b.get();
      ArrayPtr fslice = with_filter ? filter->Slice(start, len) : nullptr;
      const auto* f = with_filter ? static_cast<const BooleanArray*>(fslice.get()) : nullptr;
      ASSERT_TRUE(
          acc->Update({input->Slice(start, len)}, groups.data() + start, f, num_groups).ok());
      start += len;
    }
    ASSERT_EQ(start, n);
    std::vector<uint32_t> identity(num_groups);
    for (int64_t g = 0; g < num_groups; ++g) identity[g] = static_cast<uint32_t>(g);
    for (auto* acc : {a.get(), b.get()}) {
      auto st = acc->State();
      ASSERT_TRUE(st.ok());
      ASSERT_TRUE(final_acc->Merge(*st, identity.data(), num_groups).ok());
    }
    auto out = final_acc->Evaluate();
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->type()->Equals(*type));
    ASSERT_EQ((*out)->length(), num_groups);
    auto expected = Reference(is_max, ref_values, ref_valid, ref_keep, groups, num_groups);
    for (int64_t g = 0; g < num_groups; ++g) {
      if (!expected[g]) {
        EXPECT_TRUE((*out)->IsNull(g)) << g;
      } else {
        ASSERT_TRUE((*out)->IsValid(g)) << g;
        EXPECT_EQ(std::string(GetBinaryView(**out, g)), *expected[g]) << g;
      }
    }
  }
}

TEST(MinMaxString, OneGroupEveryLayout) {
  for (const auto& t :
       {utf8(), large_utf8(), utf8_view(), binary(), large_binary(), binary_view()}) {
    CheckStrings(t, 1, false, 1);
    CheckStrings(t, 1, true, 2);
  }
}

TEST(MinMaxString, ManyGroupsEveryLayout) {
  for (const auto& t : {utf8(), large_utf8(), utf8_view(), binary_view()}) {
    CheckStrings(t, 2, false, 3);
    CheckStrings(t, 50, false, 4);
    CheckStrings(t, 50, true, 5);
    CheckStrings(t, 2500, true, 6);
  }
}

TEST(MinMaxString, EmptyAndAllNull) {
  auto acc = Make("max", utf8());
  auto empty = ArrayFromVector<std::string>(utf8(), {});
  ASSERT_TRUE(acc->Update({*empty}, nullptr, nullptr, 1).ok());
  auto nulls = ArrayFromVector<std::string>(utf8(), {"x", "y"}, {false, false});
  std::vector<uint32_t> ids = {0, 1};
  ASSERT_TRUE(acc->Update({*nulls}, ids.data(), nullptr, 2).ok());
  auto out = acc->Evaluate();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(Show(Datum::Array(*out)), "NULL,NULL");
}

TEST(MinMaxPrimitive, DenseAndNullablePathsAgree) {
  std::mt19937_64 rng(7);
  const int64_t n = 2000;
  std::vector<int32_t> v(n);
  std::vector<bool> valid(n);
  for (int64_t i = 0; i < n; ++i) {
    v[i] = static_cast<int32_t>(rng());
    valid[i] = rng() % 5 != 0;
  }
  auto dense = ArrayFromVector<int32_t>(int32(), v);
  auto sparse = ArrayFromVector<int32_t>(int32(), v, valid);
  for (int64_t groups : {1, 13}) {
    std::vector<uint32_t> ids(n);
    for (int64_t i = 0; i < n; ++i) ids[i] = static_cast<uint32_t>(i % groups);
    for (bool is_max : {false, true}) {
      for (bool with_nulls : {false, true}) {
        auto acc = Make(is_max ? "max" : "min", int32());
        // Two batches, the second a slice with an offset.
        ArrayPtr in = with_nulls ? *sparse : *dense;
        ASSERT_TRUE(acc->Update({in->Slice(0, 700)}, ids.data(), nullptr, groups).ok());
        ASSERT_TRUE(acc->Update({in->Slice(700)}, ids.data() + 700, nullptr, groups).ok());
        auto out = acc->Evaluate();
        ASSERT_TRUE(out.ok());
        const auto& res = static_cast<const Int32Array&>(**out);
        for (int64_t g = 0; g < groups; ++g) {
          std::optional<int32_t> best;
          for (int64_t i = g; i < n; i += groups) {
            if (with_nulls && !valid[i]) continue;
            if (!best || (is_max ? v[i] > *best : v[i] < *best)) best = v[i];
          }
          ASSERT_TRUE(best.has_value());
          EXPECT_EQ(res.Value(g), *best);
        }
      }
    }
  }
}

TEST(MinMaxPrimitive, NaNIsGreatest) {
  auto v = F64({1.5, std::nan(""), -2.0, 3.0});
  std::vector<uint32_t> one(4, 0);
  auto mx = Make("max", float64());
  auto mn = Make("min", float64());
  ASSERT_TRUE(mx->Update({v.array}, one.data(), nullptr, 1).ok());
  ASSERT_TRUE(mn->Update({v.array}, one.data(), nullptr, 1).ok());
  EXPECT_EQ(Show(Datum::Array(*mx->Evaluate())), "NaN");
  EXPECT_EQ(Show(Datum::Array(*mn->Evaluate())), "-2");
}

}  // namespace
}  // namespace quiver::testing
