// Built-in window functions: ranking (row_number, rank, dense_rank,
// percent_rank, cume_dist, ntile), offsets (lag, lead) and values in the
// frame (first_value, last_value, nth_value). Offset and value functions
// compute the source row of every output row and gather with one Take, so
// they work for every type.
#include "quiver/arrow/builder.h"
#include "quiver/functions/builtin.h"

namespace quiver {

namespace {

using Positions = std::vector<int64_t>;

// Gathers values[pos[i]], null where valid[i] is false.
Result<ArrayPtr> Gather(const ArrayPtr& values, const Positions& pos,
                        const std::vector<bool>& valid) {
  QUIVER_ASSIGN_OR_RAISE(auto idx, ArrayFromVector(int64(), pos, valid));
  return compute::Take(values, *idx);
}

Status ArgCount(const std::string& name, const std::vector<DataTypePtr>& args, size_t lo,
                size_t hi) {
  if (args.size() < lo || args.size() > hi) {
    std::string want =
        lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
    return Status::Plan("The function '" + name + "' expects " + want + " argument" +
                        (hi == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
  }
  return Status::OK();
}

// Calls fn(row, partition_start, partition_end) for every row.
template <typename Fn>
void ForEachRow(const WindowInput& in, Fn&& fn) {
  const auto& off = in.partition_offsets;
  for (size_t p = 0; p + 1 < off.size(); ++p) {
    for (int64_t i = off[p]; i < off[p + 1]; ++i) fn(i, off[p], off[p + 1]);
  }
}

// ---- ranking ----

enum class RankKind { kRowNumber, kRank, kDenseRank, kPercentRank, kCumeDist, kNtile };

class RankEvaluator : public PartitionEvaluator {
 public:
  RankEvaluator(RankKind kind, uint64_t buckets) : kind_(kind), buckets_(buckets) {}
  Result<ArrayPtr> Evaluate(const WindowInput& in) override {
    const int64_t n = in.num_rows;
    if (kind_ == RankKind::kPercentRank || kind_ == RankKind::kCumeDist) {
      std::vector<double> out(n);
      ForEachRow(in, [&](int64_t i, int64_t ps, int64_t pe) {
        double size = static_cast<double>(pe - ps);
        if (kind_ == RankKind::kCumeDist) {
          out[i] = static_cast<double>(in.peer_end[i] - ps) / size;
        } else {
          out[i] = size <= 1 ? 0.0 : static_cast<double>(in.peer_start[i] - ps) / (size - 1);
        }
      });
      return ArrayFromVector(float64(), out);
    }
    std::vector<uint64_t> out(n);
    uint64_t dense = 0;
    ForEachRow(in, [&](int64_t i, int64_t ps, int64_t pe) {
      switch (kind_) {
        case RankKind::kRowNumber: out[i] = static_cast<uint64_t>(i - ps + 1); break;
        case RankKind::kRank: out[i] = static_cast<uint64_t>(in.peer_start[i] - ps + 1); break;
        case RankKind::kDenseRank:
          if (i == ps) dense = 0;
          if (in.peer_start[i] == i) ++dense;
          out[i] = dense;
          break;
        case RankKind::kNtile: {
          // The first (size % buckets) buckets hold one row more.
          uint64_t size = static_cast<uint64_t>(pe - ps);
          uint64_t k = static_cast<uint64_t>(i - ps);
          uint64_t b = std::min(buckets_, size);
          uint64_t q = size / b, r = size % b;
          uint64_t big = r * (q + 1);
          out[i] = k < big ? k / (q + 1) + 1 : r + (k - big) / q + 1;
          break;
        }
        default: break;
      }
    });
    return ArrayFromVector(uint64(), out);
  }

 private:
  RankKind kind_;
  uint64_t buckets_;
};

class RankFunction : public WindowUDF {
 public:
  RankFunction(std::string name, RankKind kind) : name_(std::move(name)), kind_(kind) {}
  std::string name() const override { return name_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(
      const std::vector<DataTypePtr>& args) const override {
    if (kind_ == RankKind::kNtile) {
      QUIVER_RETURN_NOT_OK(ArgCount(name_, args, 1, 1));
      if (!args[0]->is_integer() && args[0]->id() != TypeId::kNull) {
        return Status::Plan("NTILE requires a positive integer");
      }
      return args;
    }
    QUIVER_RETURN_NOT_OK(ArgCount(name_, args, 0, 0));
    return args;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return kind_ == RankKind::kPercentRank || kind_ == RankKind::kCumeDist ? float64() : uint64();
  }
  bool nullable() const override { return false; }
  Result<std::unique_ptr<PartitionEvaluator>> CreateEvaluator(const WindowArgs& a) const override {
    uint64_t buckets = 0;
    if (kind_ == RankKind::kNtile) {
      if (a.literals.empty() || !a.literals[0]) {
        return Status::NotImplemented(
            "There is only support Literal types for field at idx: 0 in Window Function");
      }
      const ScalarValue& v = *a.literals[0];
      if (v.is_null())
        return Status::Execution("NTILE requires a positive integer, but finds NULL");
      if (v.type()->is_unsigned_integer()) {
        buckets = v.GetUInt64();
      } else if (v.GetInt64() > 0) {
        buckets = static_cast<uint64_t>(v.GetInt64());
      }
      if (buckets == 0) return Status::Execution("NTILE requires a positive integer");
    }
    return std::unique_ptr<PartitionEvaluator>(std::make_unique<RankEvaluator>(kind_, buckets));
  }

 private:
  std::string name_;
  RankKind kind_;
};

// ---- shared by the value functions: positions of non-null rows ----

// valid_before[i] = number of non-null rows in [0, i); where[k] = row of
// the k-th non-null row.
struct NonNullIndex {
  std::vector<int64_t> valid_before;
  std::vector<int64_t> where;
  explicit NonNullIndex(const Array& v) {
    const int64_t n = v.length();
    valid_before.resize(n + 1);
    for (int64_t i = 0; i < n; ++i) {
      valid_before[i] = static_cast<int64_t>(where.size());
      if (v.IsValid(i)) where.push_back(i);
    }
    valid_before[n] = static_cast<int64_t>(where.size());
  }
};

// ---- lag / lead ----

class OffsetEvaluator : public PartitionEvaluator {
 public:
  OffsetEvaluator(int64_t shift, bool ignore_nulls) : shift_(shift), ignore_nulls_(ignore_nulls) {}
  Result<ArrayPtr> Evaluate(const WindowInput& in) override {
    const int64_t n = in.num_rows;
    ArrayPtr values = in.args[0];
    const bool has_default = in.args.size() > 2;
    if (has_default) {
      // Rows past the partition take the default: values, then defaults.
      QUIVER_ASSIGN_OR_RAISE(values, compute::Concatenate({in.args[0], in.args[2]}));
    }
    Positions pos(n, 0);
    std::vector<bool> valid(n, true);
    std::unique_ptr<NonNullIndex> nn;
    if (ignore_nulls_) nn = std::make_unique<NonNullIndex>(*in.args[0]);
    ForEachRow(in, [&](int64_t i, int64_t ps, int64_t pe) {
      int64_t src;
      if (!ignore_nulls_ || shift_ == 0) {
        src = i + shift_;
      } else if (shift_ < 0) {
        int64_t k = nn->valid_before[i] + shift_;  // the |shift|-th non-null row before i
        src = k >= 0 ? nn->where[k] : -1;
      } else {
        int64_t k = nn->valid_before[i + 1] + shift_ - 1;
        src = k < static_cast<int64_t>(nn->where.size()) ? nn->where[k] : pe;
      }
      if (src >= ps && src < pe) {
        pos[i] = src;
      } else if (has_default) {
        pos[i] = n + i;
      } else {
        valid[i] = false;
      }
    });
    return Gather(values, pos, valid);
  }

 private:
  int64_t shift_;
  bool ignore_nulls_;
};

class OffsetFunction : public WindowUDF {
 public:
  explicit OffsetFunction(bool lead) : lead_(lead) {}
  std::string name() const override { return lead_ ? "lead" : "lag"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(
      const std::vector<DataTypePtr>& args) const override {
    QUIVER_RETURN_NOT_OK(ArgCount(name(), args, 1, 3));
    std::vector<DataTypePtr> out = args;
    if (out.size() > 1) {
      if (!out[1]->is_integer() && out[1]->id() != TypeId::kNull) {
        return Status::Plan(name() + " requires an integer offset, got " + out[1]->ToString());
      }
      out[1] = int64();
    }
    if (out.size() > 2 && out[0]->id() != TypeId::kNull) out[2] = out[0];
    return out;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    QUIVER_RETURN_NOT_OK(ArgCount(name(), args, 1, 3));
    return args[0];
  }
  Result<std::unique_ptr<PartitionEvaluator>> CreateEvaluator(const WindowArgs& a) const override {
    int64_t offset = 1;
    if (a.input_types.size() > 1) {
      if (!a.literals[1]) {
        return Status::NotImplemented(
            "There is only support Literal types for field at idx: 1 in Window Function");
      }
      if (!a.literals[1]->is_null()) offset = a.literals[1]->GetInt64();
    }
    return std::unique_ptr<PartitionEvaluator>(
        std::make_unique<OffsetEvaluator>(lead_ ? offset : -offset, a.ignore_nulls));
  }

 private:
  bool lead_;
};

// ---- first_value / last_value / nth_value ----

enum class ValueKind { kFirst, kLast, kNth };

class ValueEvaluator : public PartitionEvaluator {
 public:
  ValueEvaluator(ValueKind kind, int64_t n, bool ignore_nulls)
      : kind_(kind), n_(n), ignore_nulls_(ignore_nulls) {}
  Result<ArrayPtr> Evaluate(const WindowInput& in) override {
    const int64_t rows = in.num_rows;
    Positions pos(rows, 0);
    std::vector<bool> valid(rows, false);
    std::unique_ptr<NonNullIndex> nn;
    if (ignore_nulls_) nn = std::make_unique<NonNullIndex>(*in.args[0]);
    // Which entry of the frame: k-th from the start (k >= 0) or from the end.
    int64_t k = kind_ == ValueKind::kFirst  ? 0
                : kind_ == ValueKind::kLast ? -1
                : n_ > 0                    ? n_ - 1
                                            : n_;
    for (int64_t i = 0; i < rows; ++i) {
      int64_t fs = in.frame_start[i], fe = in.frame_end[i];
      if (fs >= fe) continue;
      int64_t src;
      if (!ignore_nulls_) {
        src = k >= 0 ? fs + k : fe + k;
        if (src < fs || src >= fe) continue;
      } else {
        int64_t lo = nn->valid_before[fs], hi = nn->valid_before[fe];  // non-nulls in frame
        int64_t j = k >= 0 ? lo + k : hi + k;
        if (j < lo || j >= hi) continue;
        src = nn->where[j];
      }
      pos[i] = src;
      valid[i] = true;
    }
    return Gather(in.args[0], pos, valid);
  }

 private:
  ValueKind kind_;
  int64_t n_;
  bool ignore_nulls_;
};

class ValueFunction : public WindowUDF {
 public:
  ValueFunction(std::string name, ValueKind kind) : name_(std::move(name)), kind_(kind) {}
  std::string name() const override { return name_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(
      const std::vector<DataTypePtr>& args) const override {
    size_t want = kind_ == ValueKind::kNth ? 2 : 1;
    QUIVER_RETURN_NOT_OK(ArgCount(name_, args, want, want));
    std::vector<DataTypePtr> out = args;
    if (kind_ == ValueKind::kNth) out[1] = int64();
    return out;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    if (args.empty()) return Status::Plan("The function '" + name_ + "' expects arguments");
    return args[0];
  }
  bool uses_window_frame() const override { return true; }
  Result<std::unique_ptr<PartitionEvaluator>> CreateEvaluator(const WindowArgs& a) const override {
    int64_t n = 1;
    if (kind_ == ValueKind::kNth) {
      if (a.literals.size() < 2 || !a.literals[1] || a.literals[1]->is_null()) {
        return Status::Execution(
            "Internal error: Expects a literal integer for the N of nth_value");
      }
      n = a.literals[1]->GetInt64();
      if (n == 0) return Status::Execution("NTH_VALUE expects n to be non-zero");
    }
    return std::unique_ptr<PartitionEvaluator>(
        std::make_unique<ValueEvaluator>(kind_, n, a.ignore_nulls));
  }

 private:
  std::string name_;
  ValueKind kind_;
};

}  // namespace

void RegisterWindowFunctions(FunctionRegistry* registry) {
  registry->Register(
      WindowUDFPtr(std::make_shared<RankFunction>("row_number", RankKind::kRowNumber)));
  registry->Register(WindowUDFPtr(std::make_shared<RankFunction>("rank", RankKind::kRank)));
  registry->Register(
      WindowUDFPtr(std::make_shared<RankFunction>("dense_rank", RankKind::kDenseRank)));
  registry->Register(
      WindowUDFPtr(std::make_shared<RankFunction>("percent_rank", RankKind::kPercentRank)));
  registry->Register(
      WindowUDFPtr(std::make_shared<RankFunction>("cume_dist", RankKind::kCumeDist)));
  registry->Register(WindowUDFPtr(std::make_shared<RankFunction>("ntile", RankKind::kNtile)));
  registry->Register(WindowUDFPtr(std::make_shared<OffsetFunction>(false)));
  registry->Register(WindowUDFPtr(std::make_shared<OffsetFunction>(true)));
  registry->Register(
      WindowUDFPtr(std::make_shared<ValueFunction>("first_value", ValueKind::kFirst)));
  registry->Register(WindowUDFPtr(std::make_shared<ValueFunction>("last_value", ValueKind::kLast)));
  registry->Register(WindowUDFPtr(std::make_shared<ValueFunction>("nth_value", ValueKind::kNth)));
}

}  // namespace quiver
