// Statistical aggregates: var/var_samp/var_pop, stddev/stddev_samp/
// stddev_pop, covar_samp/covar_pop, corr, regr_*. Per-group moments are kept with
// Welford's update and merged with Chan's pairwise formula, so partial
// aggregation is exact in the same way as a single pass.
#include <cmath>

#include "quiver/functions/aggregate_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {
namespace {

/// Count, means and co-moments of one group over one or two columns.
struct Moments {
  uint64_t n = 0;
  double mean_x = 0, mean_y = 0;
  double m2_x = 0, m2_y = 0, c = 0;

  void Add(double x, double y) {
    ++n;
    double dx = x - mean_x;
    mean_x += dx / static_cast<double>(n);
    double dy = y - mean_y;
    mean_y += dy / static_cast<double>(n);
    m2_x += dx * (x - mean_x);
    m2_y += dy * (y - mean_y);
    c += dx * (y - mean_y);
  }
  void Merge(const Moments& o) {
    if (o.n == 0) return;
    if (n == 0) {
      *this = o;
      return;
    }
    double total = static_cast<double>(n + o.n);
    double dx = o.mean_x - mean_x, dy = o.mean_y - mean_y;
    double w = static_cast<double>(n) * static_cast<double>(o.n) / total;
    m2_x += o.m2_x + dx * dx * w;
    m2_y += o.m2_y + dy * dy * w;
    c += o.c + dx * dy * w;
    mean_x += dx * static_cast<double>(o.n) / total;
    mean_y += dy * static_cast<double>(o.n) / total;
    n += o.n;
  }
};

enum class Stat {
  kVarSamp,
  kVarPop,
  kStddevSamp,
  kStddevPop,
  kCovarSamp,
  kCovarPop,
  kCorr,
  // regr_*(y, x): the first argument is the dependent variable.
  kRegrSlope,
  kRegrIntercept,
  kRegrCount,
  kRegrR2,
  kRegrAvgx,
  kRegrAvgy,
  kRegrSxx,
  kRegrSyy,
  kRegrSxy,
};

bool IsRegr(Stat s) { return s >= Stat::kRegrSlope; }

bool IsBivariate(Stat s) {
  return s == Stat::kCovarSamp || s == Stat::kCovarPop || s == Stat::kCorr || IsRegr(s);
}

/// regr_* of one group's moments (x slots hold y, y slots hold x); false
/// for NULL.
bool Regression(Stat stat, const Moments& m, double* out) {
  const double syy = m.m2_x, sxx = m.m2_y, sxy = m.c;
  if (stat == Stat::kRegrCount) {
    *out = static_cast<double>(m.n);
    return true;
  }
  if (m.n == 0) return false;
  switch (stat) {
    case Stat::kRegrAvgx: *out = m.mean_y; return true;
    case Stat::kRegrAvgy: *out = m.mean_x; return true;
    case Stat::kRegrSxx: *out = sxx; return true;
    case Stat::kRegrSyy: *out = syy; return true;
    case Stat::kRegrSxy: *out = sxy; return true;
    default: break;
  }
  if (m.n < 2 || sxx == 0) return false;
  const double slope = sxy / sxx;
  switch (stat) {
    case Stat::kRegrSlope: *out = slope; return true;
    case Stat::kRegrIntercept: *out = m.mean_x - slope * m.mean_y; return true;
    default: *out = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy); return true;  // r2
  }
}

class MomentsAccumulator : public GroupsAccumulator {
 public:
  explicit MomentsAccumulator(Stat stat) : stat_(stat) {}

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* groups,
                const BooleanArray* filter, int64_t total_num_groups) override {
    groups_.resize(total_num_groups);
    Datum dx = Datum::Array(values[0]);
    Datum dy = Datum::Array(values.size() > 1 ? values[1] : values[0]);
    NumReader<double> x(dx), y(dy);
    RowFilter keep(filter);
    int64_t n = values[0]->length();
    for (int64_t i = 0; i < n; ++i) {
      if (!keep(i) || x.IsNull(i) || y.IsNull(i)) continue;
      groups_[groups[i]].Add(x.Get(i), y.Get(i));
    }
    return Status::OK();
  }

  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* groups,
               int64_t total_num_groups) override {
    groups_.resize(total_num_groups);
    if (states.empty()) return Status::OK();  // sizing only (window frames)
    int64_t n = states[0]->length();
    NumReader<uint64_t> cnt(Datum::Array(states[0]));
    std::vector<NumReader<double>> f;
    for (size_t k = 1; k < states.size(); ++k) f.emplace_back(Datum::Array(states[k]));
    for (int64_t i = 0; i < n; ++i) {
      Moments m;
      m.n = cnt.Get(i);
      m.mean_x = f[0].Get(i);
      m.m2_x = f[1].Get(i);
      if (f.size() > 2) {
        m.mean_y = f[2].Get(i);
        m.m2_y = f[3].Get(i);
        m.c = f[4].Get(i);
      }
      groups_[groups[i]].Merge(m);
    }
    return Status::OK();
  }

  Result<std::vector<ArrayPtr>> State() override {
    int64_t g = static_cast<int64_t>(groups_.size());
    NumWriter<uint64_t> cnt(uint64(), g);
    std::vector<NumWriter<double>> f(IsBivariate(stat_) ? 5 : 2, NumWriter<double>(float64(), g));
    for (int64_t i = 0; i < g; ++i) {
      const Moments& m = groups_[i];
      cnt.values()[i] = m.n;
      f[0].values()[i] = m.mean_x;
      f[1].values()[i] = m.m2_x;
      if (f.size() > 2) {
        f[2].values()[i] = m.mean_y;
        f[3].values()[i] = m.m2_y;
        f[4].values()[i] = m.c;
      }
    }
    std::vector<ArrayPtr> out;
    QUIVER_ASSIGN_OR_RAISE(auto c, cnt.Finish());
    out.push_back(c);
    for (auto& w : f) {
      QUIVER_ASSIGN_OR_RAISE(auto a, w.Finish());
      out.push_back(a);
    }
    groups_.clear();
    return out;
  }

  Result<ArrayPtr> Evaluate() override {
    int64_t g = static_cast<int64_t>(groups_.size());
    if (IsRegr(stat_)) return EvaluateRegression();
    NumWriter<double> w(float64(), g);
    for (int64_t i = 0; i < g; ++i) {
      const Moments& m = groups_[i];
      double n = static_cast<double>(m.n);
      bool sample =
          stat_ == Stat::kVarSamp || stat_ == Stat::kStddevSamp || stat_ == Stat::kCovarSamp;
      if (m.n == 0 || (sample && m.n < 2)) {
        w.SetNull(i);
        continue;
      }
      double div = sample ? n - 1 : n;
      double v = 0;
      switch (stat_) {
        case Stat::kVarSamp:
        case Stat::kVarPop: v = m.m2_x / div; break;
        case Stat::kStddevSamp:
        case Stat::kStddevPop: v = std::sqrt(m.m2_x / div); break;
        case Stat::kCovarSamp:
        case Stat::kCovarPop: v = m.c / div; break;
        case Stat::kCorr: {
          if (m.n < 2 || m.m2_x == 0 || m.m2_y == 0) {
            w.SetNull(i);
            continue;
          }
          v = m.c / std::sqrt(m.m2_x * m.m2_y);
          break;
        }
        default: break;
      }
      w.values()[i] = v;
    }
    groups_.clear();
    return w.Finish();
  }

  int64_t MemorySize() const override {
    return static_cast<int64_t>(groups_.capacity() * sizeof(Moments));
  }

 private:
  Result<ArrayPtr> EvaluateRegression() {
    int64_t g = static_cast<int64_t>(groups_.size());
    if (stat_ == Stat::kRegrCount) {
      NumWriter<uint64_t> w(uint64(), g);
      for (int64_t i = 0; i < g; ++i) w.values()[i] = groups_[i].n;
      groups_.clear();
      return w.Finish();
    }
    NumWriter<double> w(float64(), g);
    for (int64_t i = 0; i < g; ++i) {
      if (!Regression(stat_, groups_[i], &w.values()[i])) w.SetNull(i);
    }
    groups_.clear();
    return w.Finish();
  }

  Stat stat_;
  std::vector<Moments> groups_;
};

class StatAggregate : public AggregateUDF {
 public:
  StatAggregate(std::string name, std::vector<std::string> aliases, Stat stat)
      : name_(std::move(name)), aliases_(std::move(aliases)), stat_(stat) {}
  std::string name() const override { return name_; }
  std::vector<std::string> aliases() const override { return aliases_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    size_t arity = IsBivariate(stat_) ? 2 : 1;
    return CoerceNumericToFloat64(name_, a, arity);
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return stat_ == Stat::kRegrCount ? uint64() : float64();
  }
  bool nullable() const override { return stat_ != Stat::kRegrCount; }
  bool empty_is_zero() const override { return stat_ == Stat::kRegrCount; }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    std::vector<FieldPtr> f = {field("count", uint64()), field("mean", float64()),
                               field("m2", float64())};
    if (IsBivariate(stat_)) {
      f = {field("count", uint64()),  field("mean1", float64()), field("m2_1", float64()),
           field("mean2", float64()), field("m2_2", float64()),  field("algo_const", float64())};
    }
    return f;
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs&) const override {
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<MomentsAccumulator>(stat_));
  }

 private:
  std::string name_;
  std::vector<std::string> aliases_;
  Stat stat_;
};

}  // namespace

void RegisterStatisticalAggregates(FunctionRegistry* r) {
  auto add = [&](const char* name, std::vector<std::string> aliases, Stat s) {
    r->Register(std::make_shared<StatAggregate>(name, std::move(aliases), s));
  };
  add("var", {"var_samp", "var_sample"}, Stat::kVarSamp);
  add("var_pop", {"var_population"}, Stat::kVarPop);
  add("stddev", {"stddev_samp"}, Stat::kStddevSamp);
  add("stddev_pop", {}, Stat::kStddevPop);
  add("covar_samp", {"covar"}, Stat::kCovarSamp);
  add("covar_pop", {}, Stat::kCovarPop);
  add("corr", {}, Stat::kCorr);
  add("regr_slope", {}, Stat::kRegrSlope);
  add("regr_intercept", {}, Stat::kRegrIntercept);
  add("regr_count", {}, Stat::kRegrCount);
  add("regr_r2", {}, Stat::kRegrR2);
  add("regr_avgx", {}, Stat::kRegrAvgx);
  add("regr_avgy", {}, Stat::kRegrAvgy);
  add("regr_sxx", {}, Stat::kRegrSxx);
  add("regr_syy", {}, Stat::kRegrSyy);
  add("regr_sxy", {}, Stat::kRegrSxy);
}

}  // namespace quiver::functions
