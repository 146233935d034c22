#include "quiver/physical/sum_offset.h"

#include <vector>

#include "quiver/arrow/builder.h"

namespace quiver {

namespace {

// Literal offsets up to 2^32 and widened values of at most 32 bits keep
// every x + k far inside Int64.
constexpr int64_t kMaxOffset = int64_t{1} << 32;

// x widened from an integer type of at most 32 bits to Int64.
bool IsWidenedNarrowInt(const PhysicalExprPtr& e) {
  auto* cast = dynamic_cast<const CastExpr*>(e.get());
  if (!cast || cast->try_cast() || e->type()->id() != TypeId::kInt64) return false;
  const DataType& from = *cast->Children()[0]->type();
  return from.is_integer() && from.bit_width() <= 32;
}

std::optional<int64_t> SmallInt64Literal(const PhysicalExprPtr& e) {
  auto* lit = dynamic_cast<const LiteralExpr*>(e.get());
  if (!lit || lit->value().is_null() || lit->type()->id() != TypeId::kInt64) return std::nullopt;
  const int64_t k = static_cast<const Int64Array&>(*lit->value().array()).Value(0);
  if (k > kMaxOffset || k < -kMaxOffset) return std::nullopt;
  return k;
}

inline int64_t WrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t WrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

class SumOffsetAccumulator : public GroupsAccumulator {
 public:
  explicit SumOffsetAccumulator(int64_t offset) : offset_(offset) {}

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    const auto& v = static_cast<const Int64Array&>(*values[0]);
    const int64_t* raw = v.raw_values();
    const int64_t n = v.length();
    if (v.null_count() == 0 && !filter) {
      if (total == 1) {
        int64_t acc = 0;  // a plain running sum vectorizes
        for (int64_t i = 0; i < n; ++i) acc = WrapAdd(acc, raw[i]);
        sums_[0] = WrapAdd(sums_[0], acc);
        counts_[0] += n;
        return Status::OK();
      }
      for (int64_t i = 0; i < n; ++i) {
        sums_[ids[i]] = WrapAdd(sums_[ids[i]], raw[i]);
        ++counts_[ids[i]];
      }
      return Status::OK();
    }
    for (int64_t i = 0; i < n; ++i) {
      if (v.IsNull(i)) continue;
      if (filter && !(filter->IsValid(i) && filter->Value(i))) continue;
      sums_[ids[i]] = WrapAdd(sums_[ids[i]], raw[i]);
      ++counts_[ids[i]];
    }
    return Status::OK();
  }

  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    Resize(total);
    if (states.empty()) return Status::OK();
    const auto& s = static_cast<const Int64Array&>(*states[0]);
    for (int64_t i = 0; i < s.length(); ++i) {
      if (s.IsNull(i)) continue;
      merged_[ids[i]] = WrapAdd(merged_[ids[i]], s.Value(i));
      merged_seen_[ids[i]] = 1;
    }
    return Status::OK();
  }

  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, Evaluate());
    return std::vector<ArrayPtr>{a};
  }

  Result<ArrayPtr> Evaluate() override {
    Int64Builder b(int64());
    QUIVER_RETURN_NOT_OK(b.Reserve(static_cast<int64_t>(sums_.size())));
    for (size_t g = 0; g < sums_.size(); ++g) {
      if (counts_[g] == 0 && !merged_seen_[g]) {
        QUIVER_RETURN_NOT_OK(b.AppendNull());
        continue;
      }
      // sum(x + k) = sum(x) + k * count(x), all modulo 2^64 like sum's.
      const int64_t v = WrapAdd(WrapAdd(sums_[g], WrapMul(offset_, counts_[g])), merged_[g]);
      QUIVER_RETURN_NOT_OK(b.Append(v));
    }
    return b.Finish();
  }

  int64_t MemorySize() const override { return static_cast<int64_t>(sums_.size() * 25); }

  void CopyInputs(const SumOffsetAccumulator& from) {
    sums_ = from.sums_;
    counts_ = from.counts_;
    Resize(static_cast<int64_t>(sums_.size()));
  }

 private:
  void Resize(int64_t total) {
    sums_.resize(total, 0);
    counts_.resize(total, 0);
    merged_.resize(total, 0);
    merged_seen_.resize(total, 0);
  }
  int64_t offset_;
  std::vector<int64_t> sums_;    // of x over this accumulator's own rows
  std::vector<int64_t> counts_;  // non-null x among them
  std::vector<int64_t> merged_;  // partial sums (offsets included) merged in
  std::vector<uint8_t> merged_seen_;
};

}  // namespace

std::optional<SumOffset> MatchSumOffset(const AggregateUDF& fn, bool distinct,
                                        const AggregateArgs& args, const PhysicalExprPtr& arg) {
  if (distinct || fn.name() != "sum" || !args.return_type ||
      args.return_type->id() != TypeId::kInt64 || !arg) {
    return std::nullopt;
  }
  auto* bin = dynamic_cast<const BinaryExpr*>(arg.get());
  if (!bin || arg->type()->id() != TypeId::kInt64) return std::nullopt;
  const auto children = arg->Children();
  if (bin->op() == Operator::kPlus) {
    for (int side = 0; side < 2; ++side) {
      auto k = SmallInt64Literal(children[1 - side]);
      if (k && IsWidenedNarrowInt(children[side])) return SumOffset{children[side], *k};
    }
  } else if (bin->op() == Operator::kMinus) {
    auto k = SmallInt64Literal(children[1]);
    if (k && IsWidenedNarrowInt(children[0])) return SumOffset{children[0], -*k};
  }
  return std::nullopt;
}

std::unique_ptr<GroupsAccumulator> MakeSumOffsetAccumulator(int64_t offset) {
  return std::make_unique<SumOffsetAccumulator>(offset);
}

void CopySumOffsetInputs(const GroupsAccumulator& from, GroupsAccumulator* to) {
  static_cast<SumOffsetAccumulator*>(to)->CopyInputs(
      static_cast<const SumOffsetAccumulator&>(from));
}

}  // namespace quiver
