#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/physical/join_probe.h"

namespace quiver {
namespace {

using Pairs = std::vector<std::pair<uint32_t, uint32_t>>;

// Random key column of `type` (int32, int64, date32 or utf8) with values in
// [0, distinct) and about one null in `null_every` rows (0: none).
ArrayPtr RandomKeys(const DataTypePtr& type, int64_t n, int distinct, int null_every,
                    std::mt19937_64* rng) {
  std::vector<bool> valid(n);
  std::vector<int64_t> v(n);
  for (int64_t i = 0; i < n; ++i) {
    v[i] = static_cast<int64_t>((*rng)() % distinct);
    valid[i] = null_every == 0 || (*rng)() % null_every != 0;
  }
  if (type->id() == TypeId::kUtf8) {
    std::vector<std::string> s;
    for (auto x : v) s.push_back("k" + std::to_string(x));
    return *ArrayFromVector<std::string>(type, s, valid);
  }
  if (type->id() == TypeId::kInt64) return *ArrayFromVector<int64_t>(type, v, valid);
  std::vector<int32_t> v32(v.begin(), v.end());
  return *ArrayFromVector<int32_t>(type, v32, valid);
}

// Every (probe, build) pair with equal keys, in probe order, by brute force.
Pairs Reference(const std::vector<ArrayPtr>& build, const std::vector<ArrayPtr>& probe,
                bool null_equals_null, bool first_only) {
  Pairs out;
  const int64_t nb = build.empty() ? 0 : build[0]->length();
  const int64_t np = probe.empty() ? 0 : probe[0]->length();
  auto text = [](const std::vector<ArrayPtr>& cols) {
    std::vector<std::vector<std::string>> t(cols.size());
    for (size_t k = 0; k < cols.size(); ++k) {
      for (int64_t i = 0; i < cols[k]->length(); ++i)
        t[k].push_back(cols[k]->Slice(i, 1)->ToString());
    }
    return t;
  };
  const auto bt = text(build), pt = text(probe);
  for (int64_t p = 0; p < np; ++p) {
    for (int64_t b = 0; b < nb; ++b) {
      bool eq = true;
      for (size_t k = 0; k < build.size() && eq; ++k) {
        bool bn = build[k]->IsNull(b), pn = probe[k]->IsNull(p);
        if (bn || pn) {
          eq = null_equals_null && bn && pn;
        } else {
          eq = bt[k][b] == pt[k][p];
        }
      }
      if (!eq) continue;
      out.emplace_back(static_cast<uint32_t>(p), static_cast<uint32_t>(b));
      if (first_only) break;
    }
  }
  return out;
}

// Probes in steps of `limit` pairs and collects everything.
Pairs Probe(const std::vector<ArrayPtr>& build, const std::vector<ArrayPtr>& probe,
            bool null_equals_null, bool first_only, size_t limit) {
  JoinHashTable table;
  const int64_t nb = build[0]->length();
  EXPECT_TRUE(table.Build(build, nb, null_equals_null).ok());
  JoinProbe jp;
  EXPECT_TRUE(jp.Start(&table, probe, probe[0]->length(), null_equals_null, first_only).ok());
  Pairs out;
  std::vector<uint32_t> pi, bi;
  for (int guard = 0; guard < 100000; ++guard) {
    pi.clear();
    bi.clear();
    bool done = jp.Next(limit, &pi, &bi);
    EXPECT_LE(pi.size(), limit);
    for (size_t i = 0; i < pi.size(); ++i) out.emplace_back(pi[i], bi[i]);
    if (done) return out;
    EXPECT_FALSE(pi.empty());  // an unfinished step always makes progress
  }
  ADD_FAILURE() << "probe did not finish";
  return out;
}

void CheckRandom(const std::vector<DataTypePtr>& types, int64_t nb, int64_t np, int distinct,
                 int null_every, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<ArrayPtr> build, probe;
  for (const auto& t : types) {
    // Slices with offsets, so that value pointers must honour them.
    build.push_back(RandomKeys(t, nb + 3, distinct, null_every, &rng)->Slice(3, nb));
    probe.push_back(RandomKeys(t, np + 5, distinct, null_every, &rng)->Slice(5, np));
  }
  for (bool nen : {false, true}) {
    for (bool first_only : {false, true}) {
      Pairs want = Reference(build, probe, nen, first_only);
      for (size_t limit : {size_t{1}, size_t{3}, size_t{1024}}) {
        EXPECT_EQ(Probe(build, probe, nen, first_only, limit), want)
            << "types=" << types.size() << " first=" << types[0]->ToString() << " nb=" << nb
            << " np=" << np << " nen=" << nen << " first_only=" << first_only << " limit=" << limit;
      }
    }
  }
}

TEST(JoinProbeTest, SingleFixedWidthKeys) {
  uint64_t seed = 1;
  for (const auto& t : {int32(), int64(), date32()}) {
    CheckRandom({t}, 200, 300, 50, 0, seed++);   // duplicates, no nulls
    CheckRandom({t}, 200, 300, 500, 7, seed++);  // mostly unique, nulls
    CheckRandom({t}, 300, 100, 3, 5, seed++);    // long chains
  }
}

TEST(JoinProbeTest, GenericKeys) {
  CheckRandom({utf8()}, 150, 200, 40, 6, 11);
  CheckRandom({int32(), utf8()}, 150, 200, 6, 8, 12);
  CheckRandom({int64(), int64()}, 200, 200, 5, 0, 13);
}

TEST(JoinProbeTest, EmptySides) {
  std::mt19937_64 rng(3);
  auto some = RandomKeys(int64(), 10, 4, 3, &rng);
  auto none = some->Slice(0, 0);
  for (bool nen : {false, true}) {
    EXPECT_TRUE(Probe({none}, {some}, nen, false, 4).empty());
    EXPECT_TRUE(Probe({some}, {none}, nen, false, 4).empty());
  }
}

}  // namespace
}  // namespace quiver
