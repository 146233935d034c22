// The run-time dispatched AVX2 comparison kernels against the scalar loop:
// every operator, width, operand shape, length tail and array offset.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compare_simd.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver::compute {
namespace {

using internal::SimdLevel;

// Restores the SIMD cap when a test ends.
class SimdCap {
 public:
  explicit SimdCap(SimdLevel level) : previous_(internal::SetMaxSimdLevel(level)) {}
  ~SimdCap() { internal::SetMaxSimdLevel(previous_); }

 private:
  SimdLevel previous_;
};

template <typename T>
ArrayPtr Random(const DataTypePtr& type, int64_t n, int range, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(static_cast<size_t>(n));
  // A narrow range makes equal values common; extremes test signedness.
  for (auto& x : v) {
    int r = static_cast<int>(rng() % (range + 2));
    x = r == range       ? std::numeric_limits<T>::min()
        : r == range + 1 ? std::numeric_limits<T>::max()
                         : static_cast<T>(r - range / 2);
  }
  return *ArrayFromVector<T>(type, v);
}

std::vector<bool> Bits(const ArrayPtr& a) {
  const auto& b = static_cast<const BooleanArray&>(*a);
  std::vector<bool> out;
  for (int64_t i = 0; i < b.length(); ++i) out.push_back(b.IsValid(i) && b.Value(i));
  return out;
}

template <typename T>
void CheckType(const DataTypePtr& type) {
  const CompareOp ops[] = {CompareOp::kEq,   CompareOp::kNotEq, CompareOp::kLt,
                           CompareOp::kLtEq, CompareOp::kGt,    CompareOp::kGtEq};
  for (int64_t n : {0, 1, 7, 31, 32, 33, 100, 1000}) {
    ArrayPtr l = Random<T>(type, n + 3, 6, 1), r = Random<T>(type, n + 3, 6, 2);
    // Offsets that are not a multiple of the vector width.
    ArrayPtr ls = l->Slice(3, n), rs = r->Slice(1, n);
    ArrayPtr scalar = r->Slice(0, 1);
    for (CompareOp op : ops) {
      for (int shape = 0; shape < 3; ++shape) {
        Datum a = shape == 1 ? Datum::Scalar(scalar) : Datum::Array(ls);
        Datum b = shape == 2 ? Datum::Scalar(scalar) : Datum::Array(rs);
        std::vector<bool> want, got;
        {
          SimdCap cap(SimdLevel::kNone);
          want = Bits(*Compare(op, a, b));
        }
        got = Bits(*Compare(op, a, b));
        EXPECT_EQ(got, want) << type->ToString() << " n=" << n << " op=" << static_cast<int>(op)
                             << " shape=" << shape;
      }
    }
  }
}

TEST(CompareSimdTest, MatchesScalarLoop) {
  if (internal::ActiveSimdLevel() == SimdLevel::kNone) GTEST_SKIP() << "no AVX2 on this CPU";
  CheckType<int16_t>(int16());
  CheckType<int32_t>(int32());
  CheckType<int32_t>(date32());
  CheckType<int64_t>(int64());
}

TEST(CompareSimdTest, CapTurnsVectorPathOff) {
  SimdCap cap(SimdLevel::kNone);
  EXPECT_EQ(internal::ActiveSimdLevel(), SimdLevel::kNone);
  int64_t x = 1;
  uint8_t out = 0;
  EXPECT_FALSE(internal::CompareSignedSimd(CompareOp::kEq, 8, &x, true, &x, true, 1, &out));
}

}  // namespace
}  // namespace quiver::compute
