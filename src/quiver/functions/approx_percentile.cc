// approx_percentile_cont(x, p [, max_size]), approx_percentile_cont_with_weight
// (x, w, p) and approx_median(x). Each group keeps its (value, weight) points;
// the estimate treats every point as a t-digest centroid and interpolates
// between neighbouring centroids around the rank p * total_weight, which is
// what a t-digest answers while it holds fewer points than its size limit.
#include <algorithm>
#include <cmath>

#include "quiver/functions/aggregate_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {
namespace {

using Types = std::vector<DataTypePtr>;

struct Point {
  double value;
  double weight;
};

/// Quantile q of points sorted by value (t-digest estimate over singleton
/// centroids). `points` must not be empty.
double EstimateQuantile(const std::vector<Point>& c, double q) {
  const size_t n = c.size();
  double total = 0;
  for (const auto& p : c) total += p.weight;
  if (q <= 0) return c.front().value;
  if (q >= 1) return c.back().value;
  const double rank = q * total;
  size_t pos = 0;
  double before = 0;  // weight of the centroids before pos
  if (q > 0.5) {
    double t = total;
    pos = 0;
    for (size_t k = n; k-- > 0;) {
      t -= c[k].weight;
      if (rank >= t) {
        pos = k;
        break;
      }
    }
    before = t;
  } else {
    pos = n - 1;
    double t = 0;
    for (size_t k = 0; k < n; ++k) {
      if (rank < t + c[k].weight) {
        pos = k;
        break;
      }
      t += c[k].weight;
    }
    before = t;
  }
  double delta = 0, lo = c.front().value, hi = c.back().value;
  if (n > 1) {
    if (pos == 0) {
      delta = c[1].value - c[0].value;
      hi = c[1].value;
    } else if (pos == n - 1) {
      delta = c[n - 1].value - c[n - 2].value;
      lo = c[n - 2].value;
    } else {
      delta = (c[pos + 1].value - c[pos - 1].value) / 2;
      lo = c[pos - 1].value;
      hi = c[pos + 1].value;
    }
  }
  double v = c[pos].value + ((rank - before) / c[pos].weight - 0.5) * delta;
  return std::clamp(v, lo, hi);
}

class PercentileAccumulator : public GroupsAccumulator {
 public:
  PercentileAccumulator(DataTypePtr out, double q, bool weighted)
      : out_(std::move(out)), q_(q), weighted_(weighted) {}

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    points_.resize(total);
    QUIVER_ASSIGN_OR_RAISE(auto xs, compute::Cast(values[0], float64()));
    QUIVER_ASSIGN_OR_RAISE(auto ws, compute::Cast(weighted_ ? values[1] : values[0], float64()));
    NumReader<double> x(Datum::Array(xs));
    NumReader<double> w(Datum::Array(ws));
    RowFilter keep(filter);
    for (int64_t i = 0; i < xs->length(); ++i) {
      if (!keep(i) || x.IsNull(i) || w.IsNull(i)) continue;
      points_[ids[i]].push_back({x.Get(i), weighted_ ? w.Get(i) : 1.0});
    }
    return Status::OK();
  }

  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    points_.resize(total);
    if (states.empty()) return Status::OK();  // sizing only (window frames)
    const auto& vl = static_cast<const ListArray&>(*states[0]);
    const auto& wl = static_cast<const ListArray&>(*states[1]);
    NumReader<double> v(Datum::Array(vl.values()));
    NumReader<double> w(Datum::Array(wl.values()));
    for (int64_t r = 0; r < vl.length(); ++r) {
      if (vl.IsNull(r)) continue;
      for (int32_t k = vl.value_offset(r); k < vl.value_offset(r + 1); ++k) {
        int32_t kw = wl.value_offset(r) + (k - vl.value_offset(r));
        points_[ids[r]].push_back({v.Get(k), w.Get(kw)});
      }
    }
    return Status::OK();
  }

  Result<std::vector<ArrayPtr>> State() override {
    std::vector<ArrayPtr> out;
    for (int field = 0; field < 2; ++field) {
      QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(list(float64())));
      auto* lb = static_cast<ListBuilder*>(builder.get());
      auto* vb = static_cast<PrimitiveBuilder<double>*>(lb->value_builder());
      for (const auto& g : points_) {
        QUIVER_RETURN_NOT_OK(lb->Append(true));
        for (const auto& p : g) QUIVER_RETURN_NOT_OK(vb->Append(field == 0 ? p.value : p.weight));
      }
      QUIVER_ASSIGN_OR_RAISE(auto a, lb->Finish());
      out.push_back(a);
    }
    points_.clear();
    return out;
  }

  Result<ArrayPtr> Evaluate() override {
    const int64_t n = static_cast<int64_t>(points_.size());
    NumWriter<double> w(float64(), n);
    for (int64_t i = 0; i < n; ++i) {
      auto& g = points_[i];
      if (g.empty()) {
        w.SetNull(i);
        continue;
      }
      // NaN sorts last, as the largest value.
      std::sort(g.begin(), g.end(), [](const Point& a, const Point& b) {
        if (std::isnan(a.value)) return false;
        if (std::isnan(b.value)) return true;
        return a.value < b.value;
      });
      w.values()[i] = EstimateQuantile(g, q_);
    }
    points_.clear();
    QUIVER_ASSIGN_OR_RAISE(auto d, w.Finish());
    // Integer results truncate toward zero, like a float to integer cast.
    return compute::Cast(d, out_);
  }

  int64_t MemorySize() const override {
    int64_t s = static_cast<int64_t>(points_.capacity() * sizeof(std::vector<Point>));
    for (const auto& g : points_) s += static_cast<int64_t>(g.capacity() * sizeof(Point));
    return s;
  }

 private:
  DataTypePtr out_;
  double q_;
  bool weighted_;
  std::vector<std::vector<Point>> points_;
};

enum class Kind { kCont, kWithWeight, kMedian };

std::string TypeList(const Types& a) {
  std::string s = "[";
  for (size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + a[i]->ToString();
  return s + "]";
}

bool IsNumber(const DataType& t) { return t.is_integer() || t.is_floating() || t.is_decimal(); }

class ApproxPercentile : public AggregateUDF {
 public:
  explicit ApproxPercentile(Kind kind) : kind_(kind) {}
  std::string name() const override {
    switch (kind_) {
      case Kind::kCont: return "approx_percentile_cont";
      case Kind::kWithWeight: return "approx_percentile_cont_with_weight";
      default: return "approx_median";
    }
  }
  Result<Types> CoerceTypes(const Types& a) const override {
    Status mismatch =
        Status::Plan("Error during planning: Coercion from " + TypeList(a) +
                     " to the signature OneOf([Exact([Int8, Float64]), ...]) failed.");
    if (kind_ == Kind::kMedian) {
      if (a.size() != 1 || !IsNumber(*a[0])) return SignatureError(name(), a, {"Any"});
      return Types{ValueType(a[0])};
    }
    if (kind_ == Kind::kCont) {
      if (a.size() < 2 || a.size() > 3 || !IsNumber(*a[0]) || !a[1]->is_floating() ||
          (a.size() == 3 && !a[2]->is_integer())) {
        return mismatch;
      }
      Types out{ValueType(a[0]), float64()};
      if (a.size() == 3) out.push_back(a[2]);
      return out;
    }
    if (a.size() != 3 || !IsNumber(*a[0]) || !IsNumber(*a[1]) || !a[2]->is_floating()) {
      return mismatch;
    }
    return Types{ValueType(a[0]), float64(), float64()};
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override {
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceTypes(a));
    return c[0]->is_decimal() ? float64() : c[0];
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    return std::vector<FieldPtr>{field("values", list(float64())),
                                 field("weights", list(float64()))};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& args) const override {
    if (args.distinct) {
      return Status::NotImplemented(Upper(name()) + "(DISTINCT) aggregations are not available");
    }
    double q = 0.5;
    if (kind_ != Kind::kMedian) {
      size_t at = kind_ == Kind::kCont ? 1 : 2;
      const auto& lit = at < args.literals.size() ? args.literals[at] : std::nullopt;
      if (!lit || lit->is_null()) {
        return Status::Plan("Percentile value for '" + Upper(name()) + "' must be a literal");
      }
      q = lit->GetDouble();
      if (!(q >= 0 && q <= 1)) {
        return Status::Plan("Percentile value must be between 0.0 and 1.0 inclusive, " +
                            std::to_string(q) + " is invalid");
      }
      if (kind_ == Kind::kCont && args.literals.size() > 2) {
        const auto& size = args.literals[2];
        if (!size || size->is_null() || size->GetInt64() <= 0) {
          return Status::NotImplemented(
              "Tdigest max_size value for 'APPROX_PERCENTILE_CONT' must be UInt > 0 literal "
              "(got data type " +
              args.input_types[2]->ToString() + ").");
        }
      }
    }
    return std::unique_ptr<GroupsAccumulator>(
        std::make_unique<PercentileAccumulator>(args.return_type, q, kind_ == Kind::kWithWeight));
  }

 private:
  static DataTypePtr ValueType(const DataTypePtr& t) { return t; }
  static std::string Upper(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
  }
  Kind kind_;
};

}  // namespace

void RegisterApproxPercentile(FunctionRegistry* r) {
  r->Register(std::make_shared<ApproxPercentile>(Kind::kCont));
  r->Register(std::make_shared<ApproxPercentile>(Kind::kWithWeight));
  r->Register(std::make_shared<ApproxPercentile>(Kind::kMedian));
}

}  // namespace quiver::functions
