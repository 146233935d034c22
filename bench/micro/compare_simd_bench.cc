// Comparison kernels with the run-time dispatched AVX2 path against the
// scalar loop (argument 0 = scalar only, 1 = AVX2 when the CPU has it), on
// 1M-row columns compared with a constant and with another column.
#include <benchmark/benchmark.h>

#include <random>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compare_simd.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver::compute {
namespace {

constexpr int64_t kRows = 1 << 20;

template <typename T>
ArrayPtr RandomColumn(const DataTypePtr& type, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<T> v(kRows);
  for (auto& x : v) x = static_cast<T>(rng() % 1000);
  return *ArrayFromVector<T>(type, v);
}

template <typename T>
void BM_Compare(benchmark::State& state, const DataTypePtr& type, bool with_scalar) {
  auto prev = internal::SetMaxSimdLevel(state.range(0) ? internal::SimdLevel::kAvx2
                                                       : internal::SimdLevel::kNone);
  auto a = RandomColumn<T>(type, 1);
  auto b = with_scalar ? *ArrayFromVector<T>(type, {T(500)}) : RandomColumn<T>(type, 2);
  Datum right = with_scalar ? Datum::Scalar(b) : Datum::Array(b);
  for (auto _ : state) {
    auto r = Compare(CompareOp::kLt, Datum::Array(a), right);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetLabel(internal::ActiveSimdLevel() == internal::SimdLevel::kAvx2 ? "avx2" : "scalar");
  internal::SetMaxSimdLevel(prev);
}

void BM_CompareInt16Scalar(benchmark::State& s) { BM_Compare<int16_t>(s, int16(), true); }
void BM_CompareInt32Scalar(benchmark::State& s) { BM_Compare<int32_t>(s, int32(), true); }
void BM_CompareInt64Scalar(benchmark::State& s) { BM_Compare<int64_t>(s, int64(), true); }
void BM_CompareInt64Array(benchmark::State& s) { BM_Compare<int64_t>(s, int64(), false); }
BENCHMARK(BM_CompareInt16Scalar)->Arg(0)->Arg(1);
BENCHMARK(BM_CompareInt32Scalar)->Arg(0)->Arg(1);
BENCHMARK(BM_CompareInt64Scalar)->Arg(0)->Arg(1);
BENCHMARK(BM_CompareInt64Array)->Arg(0)->Arg(1);

}  // namespace
}  // namespace quiver::compute
