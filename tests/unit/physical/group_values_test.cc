#include <gtest/gtest.h>

#include <climits>
#include <map>
#include <random>

#include "quiver/arrow/builder.h"
#include "quiver/physical/group_values.h"

namespace quiver {
namespace {

TEST(GroupValuesTest, InlineAndArenaKeysWithNulls) {
  // Int32 keys fit the inline path; strings go to the arena.
  for (bool strings : {false, true}) {
    GroupValues gv({strings ? utf8() : int32()});
    ArrayPtr keys;
    if (strings) {
      keys = *ArrayFromVector<std::string>(utf8(), {"a", "b", "a", "", "x"},
                                           {true, true, true, true, false});
    } else {
      keys = *ArrayFromVector<int32_t>(int32(), {1, 2, 1, 0, 0}, {true, true, true, true, false});
    }
    std::vector<uint32_t> ids;
    ASSERT_TRUE(gv.Intern({keys}, &ids).ok());
    EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 0, 2, 3}));
    ASSERT_TRUE(gv.Intern({keys->Slice(1, 2)}, &ids).ok());
    EXPECT_EQ(ids, (std::vector<uint32_t>{1, 0}));
    auto emitted = *gv.Emit();
    EXPECT_EQ(emitted[0]->length(), 4);
    EXPECT_TRUE(emitted[0]->IsNull(3));
  }
}

TEST(GroupValuesTest, ManyGroupsGrowTheTable) {
  GroupValues gv({int64(), utf8()});
  Int64Builder a(int64());
  StringBuilder b(utf8());
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE(a.Append(i % 5000).ok());
    ASSERT_TRUE(b.Append(i % 2 ? "odd" : "even").ok());
  }
  std::vector<uint32_t> ids;
  ASSERT_TRUE(gv.Intern({*a.Finish(), *b.Finish()}, &ids).ok());
  EXPECT_EQ(gv.num_groups(), 5000);  // i % 5000 fixes the parity
}

}  // namespace
}  // namespace quiver

namespace quiver {
namespace {

// Interns random batches (sliced, with nulls) and checks that equal rows
// and only equal rows share a group, against a map of the rows' text.
void CheckAgainstReference(const std::vector<DataTypePtr>& types, int64_t distinct, uint64_t seed) {
  std::mt19937_64 rng(seed);
  GroupValues gv(types);
  std::map<std::string, uint32_t> reference;
  for (int batch = 0; batch < 6; ++batch) {
    const int64_t n = batch == 2 ? 0 : 1 + static_cast<int64_t>(rng() % 3000);
    const int64_t pad = batch % 3;
    std::vector<ArrayPtr> keys;
    std::vector<std::string> text(n);
    for (const auto& t : types) {
      std::vector<bool> valid(n + pad);
      std::vector<int64_t> v(n + pad);
      for (int64_t i = 0; i < n + pad; ++i) {
        valid[i] = rng() % 10 != 0;
        // Negative values and the width's extremes exercise every byte.
        v[i] = static_cast<int64_t>(rng() % distinct) - distinct / 2;
        if (rng() % 50 == 0) v[i] = INT64_MIN;
      }
      ArrayPtr a;
      std::vector<std::string> shown;  // each value as the reference sees it
      switch (t->id()) {
        case TypeId::kInt8: {
          std::vector<int8_t> x(v.begin(), v.end());
          for (int8_t y : x) shown.push_back(std::to_string(y));
          a = *ArrayFromVector<int8_t>(t, x, valid);
          break;
        }
        case TypeId::kInt32: {
          std::vector<int32_t> x(v.begin(), v.end());
          for (int32_t y : x) shown.push_back(std::to_string(y));
          a = *ArrayFromVector<int32_t>(t, x, valid);
          break;
        }
        case TypeId::kInt64:
          for (int64_t y : v) shown.push_back(std::to_string(y));
          a = *ArrayFromVector<int64_t>(t, v, valid);
          break;
        default: {
          for (int64_t y : v) shown.push_back(y % 3 == 0 ? "" : "s" + std::to_string(y));
          a = *ArrayFromVector<std::string>(t, shown, valid);
        }
      }
      a = a->Slice(pad, n);
      for (int64_t i = 0; i < n; ++i) {
        text[i] += (a->IsNull(i) ? "N" : "V" + shown[i + pad]) + "|";
      }
      keys.push_back(a);
    }
    std::vector<uint32_t> ids;
    ASSERT_TRUE(gv.Intern(keys, &ids).ok());
    ASSERT_EQ(static_cast<int64_t>(ids.size()), n);
    for (int64_t i = 0; i < n; ++i) {
      auto [it, added] = reference.emplace(text[i], ids[i]);
      ASSERT_EQ(it->second, ids[i]) << text[i];
    }
    ASSERT_EQ(gv.num_groups(), static_cast<int64_t>(reference.size()));
  }
  // Emitted keys re-intern to their own ids.
  auto emitted = gv.Emit();
  ASSERT_TRUE(emitted.ok());
  std::vector<uint32_t> ids;
  ASSERT_TRUE(gv.Intern(*emitted, &ids).ok());
  for (size_t g = 0; g < ids.size(); ++g) ASSERT_EQ(ids[g], g);
  EXPECT_EQ(gv.num_groups(), static_cast<int64_t>(reference.size()));
}

TEST(GroupValuesTest, SingleFixedKeyMatchesReference) {
  CheckAgainstReference({int64()}, 5000, 1);
  CheckAgainstReference({int64()}, 1 << 30, 2);  // nearly all distinct: many grows
  CheckAgainstReference({int32()}, 300, 3);
  CheckAgainstReference({int8()}, 200, 4);
}

TEST(GroupValuesTest, CompositeKeysMatchReference) {
  CheckAgainstReference({int32(), int32()}, 100, 5);  // 10 bytes: inline
  CheckAgainstReference({int64(), int64()}, 100, 6);  // 18 bytes: fixed, arena
  CheckAgainstReference({utf8(), int64()}, 400, 7);   // variable
  CheckAgainstReference({large_utf8()}, 100000, 8);
  CheckAgainstReference({utf8_view(), int8()}, 50, 9);
}

TEST(GroupValuesTest, FloatKeysGroupByBitPattern) {
  GroupValues gv({float64()});
  auto a = *ArrayFromVector<double>(float64(), {1.5, 1.5, -0.0, 0.0, 2.0, 0.0}, {});
  std::vector<uint32_t> ids;
  ASSERT_TRUE(gv.Intern({a}, &ids).ok());
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 2, 3, 2}));
}

}  // namespace
}  // namespace quiver
