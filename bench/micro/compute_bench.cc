// Micro-benchmarks of the hot compute kernels on 1M-row int64 columns.
#include <benchmark/benchmark.h>

#include <random>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver::compute {
namespace {

constexpr int64_t kRows = 1 << 20;

ArrayPtr RandomInt64(int64_t n, int64_t range, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> v(n);
  for (auto& x : v) x = static_cast<int64_t>(rng() % range);
  return *ArrayFromVector<int64_t>(int64(), v);
}

void BM_CompareInt64Scalar(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000, 1);
  auto s = *ArrayFromVector<int64_t>(int64(), {500});
  for (auto _ : state) {
    auto r = Compare(CompareOp::kLt, Datum::Array(a), Datum::Scalar(s));
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_CompareInt64Scalar);

void BM_FilterInt64Half(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000, 2);
  auto s = *ArrayFromVector<int64_t>(int64(), {500});
  auto mask = *Compare(CompareOp::kLt, Datum::Array(a), Datum::Scalar(s));
  for (auto _ : state) {
    auto r = Filter(a, static_cast<const BooleanArray&>(*mask));
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_FilterInt64Half);

void BM_TakeInt64Random(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1 << 30, 3);
  auto idx = RandomInt64(kRows, kRows, 4);
  for (auto _ : state) {
    auto r = Take(a, *idx);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_TakeInt64Random);

void BM_SortInt64(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1 << 30, 5);
  const int64_t limit = state.range(0);
  for (auto _ : state) {
    auto r = SortIndices({{a}}, limit);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SortInt64)->Arg(-1)->Arg(100);

void BM_HashInt64(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1 << 30, 6);
  std::vector<uint64_t> hashes(kRows);
  for (auto _ : state) {
    std::fill(hashes.begin(), hashes.end(), 0);
    auto st = HashColumns({a}, hashes.data());
    benchmark::DoNotOptimize(st);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_HashInt64);

}  // namespace
}  // namespace quiver::compute
