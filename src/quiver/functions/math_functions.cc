// Math functions: abs, rounding, logarithms, powers, trigonometry, integer
// number theory and NaN helpers, with DataFusion's names and result types.
#include <cmath>
#include <limits>
#include <random>

#include "quiver/functions/function_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {
namespace {

bool IsNumericOrNull(const DataType& t) { return t.is_numeric() || t.id() == TypeId::kNull; }

/// Float32 stays Float32 (when every argument is one); anything else numeric
/// becomes Float64.
Result<std::vector<DataTypePtr>> CoerceToFloat(const std::string& name,
                                               const std::vector<DataTypePtr>& args,
                                               size_t min_args, size_t max_args,
                                               const std::vector<std::string>& candidates) {
  if (args.size() < min_args || args.size() > max_args) {
    return SignatureError(name, args, candidates);
  }
  bool all_f32 = !args.empty();
  for (const auto& t : args) {
    if (!IsNumericOrNull(*t)) return SignatureError(name, args, candidates);
    if (t->id() != TypeId::kFloat32) all_f32 = false;
  }
  return std::vector<DataTypePtr>(args.size(), all_f32 ? float32() : float64());
}

using UnaryFn = double (*)(double);

template <typename T>
Result<ArrayPtr> MapUnary(const Datum& d, int64_t n, UnaryFn f) {
  NumReader<T> r(d);
  NumWriter<T> w(d.type()->id() == TypeId::kFloat32 ? float32() : float64(), n);
  T* out = w.values();
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(f(static_cast<double>(r.Get(i))));
  QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity({d}, n));
  w.SetValidity(std::move(validity));
  return w.Finish();
}

class FloatUnary : public ScalarUDF {
 public:
  FloatUnary(std::string name, UnaryFn fn, std::vector<std::string> aliases = {})
      : name_(std::move(name)), fn_(fn), aliases_(std::move(aliases)) {}
  std::string name() const override { return name_; }
  std::vector<std::string> aliases() const override { return aliases_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceToFloat(name_, a, 1, 1, {"Float64", "Float32"});
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override {
    return a[0]->id() == TypeId::kFloat32 ? float32() : float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    ArrayPtr out;
    if (args[0].type()->id() == TypeId::kFloat32) {
      QUIVER_ASSIGN_OR_RAISE(out, MapUnary<float>(args[0], n, fn_));
    } else {
      QUIVER_ASSIGN_OR_RAISE(out, MapUnary<double>(args[0], n, fn_));
    }
    return Wrap(std::move(out), args);
  }

 private:
  std::string name_;
  UnaryFn fn_;
  std::vector<std::string> aliases_;
};

double Signum(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : x); }
double Cot(double x) { return 1.0 / std::tan(x); }
double Degrees(double x) { return x * (180.0 / M_PI); }
double Radians(double x) { return x * (M_PI / 180.0); }
double Ln(double x) { return std::log(x); }
double Sqrt(double x) { return std::sqrt(x); }

// ---- abs: keeps the integer / float / decimal type ----

template <typename T>
Result<ArrayPtr> AbsInt(const Datum& d, int64_t n) {
  NumReader<T> r(d);
  NumWriter<T> w(d.type(), n);
  for (int64_t i = 0; i < n; ++i) {
    T v = r.Get(i);
    if constexpr (std::is_signed_v<T>) {
      if (v == std::numeric_limits<T>::min() && !r.IsNull(i)) {
        return Status::Arrow("Arithmetic overflow: " + d.type()->ToString() + " overflow on abs(" +
                             std::to_string(v) + ")");
      }
      w.values()[i] = v < 0 ? static_cast<T>(-v) : v;
    } else {
      w.values()[i] = v;
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity({d}, n));
  w.SetValidity(std::move(validity));
  return w.Finish();
}

class Abs : public ScalarUDF {
 public:
  std::string name() const override { return "abs"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (a.size() != 1 || !IsNumericOrNull(*a[0]) || a[0]->id() == TypeId::kFloat16) {
      return SignatureError("abs", a, {"Any"});
    }
    if (a[0]->id() == TypeId::kNull) return std::vector<DataTypePtr>{float64()};
    return a;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[0]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    const Datum& d = args[0];
    Result<ArrayPtr> out = Status::NotImplemented("abs of " + d.type()->ToString());
    switch (d.type()->id()) {
      case TypeId::kInt8: out = AbsInt<int8_t>(d, n); break;
      case TypeId::kInt16: out = AbsInt<int16_t>(d, n); break;
      case TypeId::kInt32: out = AbsInt<int32_t>(d, n); break;
      case TypeId::kInt64: out = AbsInt<int64_t>(d, n); break;
      case TypeId::kUInt8: out = AbsInt<uint8_t>(d, n); break;
      case TypeId::kUInt16: out = AbsInt<uint16_t>(d, n); break;
      case TypeId::kUInt32: out = AbsInt<uint32_t>(d, n); break;
      case TypeId::kUInt64: out = AbsInt<uint64_t>(d, n); break;
      case TypeId::kFloat32:
        out = MapUnary<float>(d, n, [](double x) { return std::fabs(x); });
        break;
      case TypeId::kFloat64:
        out = MapUnary<double>(d, n, [](double x) { return std::fabs(x); });
        break;
      case TypeId::kDecimal128: {
        NumReader<Int128> r(d);
        NumWriter<Int128> w(d.type(), n);
        for (int64_t i = 0; i < n; ++i) {
          Int128 v = r.Get(i);
          w.values()[i] = v < Int128(0) ? -v : v;
        }
        QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity({d}, n));
        w.SetValidity(std::move(validity));
        out = w.Finish();
        break;
      }
      default: break;
    }
    QUIVER_ASSIGN_OR_RAISE(auto arr, std::move(out));
    return Wrap(std::move(arr), args);
  }
};

// ---- binary float functions: atan2, power (floats), log(b, x), nanvl ----

using BinaryFn = double (*)(double, double);

template <typename T>
Result<ArrayPtr> MapBinary(const Datum& a, const Datum& b, int64_t n, BinaryFn f,
                           const DataTypePtr& type) {
  NumReader<T> ra(a);
  NumReader<T> rb(b);
  NumWriter<T> w(type, n);
  T* out = w.values();
  for (int64_t i = 0; i < n; ++i) {
    out[i] = static_cast<T>(f(static_cast<double>(ra.Get(i)), static_cast<double>(rb.Get(i))));
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity({a, b}, n));
  w.SetValidity(std::move(validity));
  return w.Finish();
}

class FloatBinary : public ScalarUDF {
 public:
  FloatBinary(std::string name, BinaryFn fn) : name_(std::move(name)), fn_(fn) {}
  std::string name() const override { return name_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceToFloat(name_, a, 2, 2, {"Float64, Float64", "Float32, Float32"});
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override {
    return a[0]->id() == TypeId::kFloat32 ? float32() : float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    ArrayPtr out;
    if (args[0].type()->id() == TypeId::kFloat32 && args[1].type()->id() == TypeId::kFloat32) {
      QUIVER_ASSIGN_OR_RAISE(out, MapBinary<float>(args[0], args[1], n, fn_, float32()));
    } else {
      QUIVER_ASSIGN_OR_RAISE(out, MapBinary<double>(args[0], args[1], n, fn_, float64()));
    }
    return Wrap(std::move(out), args);
  }

 private:
  std::string name_;
  BinaryFn fn_;
};

double NanVl(double x, double y) { return std::isnan(x) ? y : x; }
double LogBase(double base, double x) { return std::log(x) / std::log(base); }

/// log(x) is log10; log(base, x) any base.
class Log : public ScalarUDF {
 public:
  std::string name() const override { return "log"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceToFloat("log", a, 1, 2, {"Float64", "Float32", "Float64, Float64"});
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override {
    return a.back()->id() == TypeId::kFloat32 ? float32() : float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    if (args.size() == 1)
      return FloatUnary("log", [](double x) { return std::log10(x); }).Invoke(args, num_rows);
    return FloatBinary("log", LogBase).Invoke(args, num_rows);
  }
};

// ---- round / trunc with optional decimal places ----

template <typename T, bool kRound>
Result<ArrayPtr> RoundTo(const Datum& x, const Datum* places, int64_t n, const DataTypePtr& t) {
  NumReader<T> rx(x);
  NumWriter<T> w(t, n);
  T* out = w.values();
  std::vector<Datum> all{x};
  if (places) {
    NumReader<int64_t> rp(*places);
    for (int64_t i = 0; i < n; ++i) {
      int64_t d = rp.Get(i);
      if (d > INT32_MAX || d < INT32_MIN) {
        return Status::Execution(
            "Invalid values for decimal places: Cast error: Can't cast value " + std::to_string(d) +
            " to type Int32");
      }
      double scale = std::pow(10.0, static_cast<double>(d));
      double v = static_cast<double>(rx.Get(i)) * scale;
      out[i] = static_cast<T>((kRound ? std::round(v) : std::trunc(v)) / scale);
    }
    all.push_back(*places);
  } else {
    for (int64_t i = 0; i < n; ++i) {
      double v = static_cast<double>(rx.Get(i));
      out[i] = static_cast<T>(kRound ? std::round(v) : std::trunc(v));
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity(all, n));
  w.SetValidity(std::move(validity));
  return w.Finish();
}

template <bool kRound>
class RoundFn : public ScalarUDF {
 public:
  std::string name() const override { return kRound ? "round" : "trunc"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    std::vector<std::string> cands = {"Float64, Int64", "Float32, Int64", "Float64", "Float32"};
    if (a.empty() || a.size() > 2) return SignatureError(name(), a, cands);
    QUIVER_ASSIGN_OR_RAISE(auto out, CoerceToFloat(name(), {a[0]}, 1, 1, cands));
    if (a.size() == 2) {
      if (!(a[1]->is_integer() || a[1]->id() == TypeId::kNull)) {
        return SignatureError(name(), a, cands);
      }
      out.push_back(int64());
    }
    return out;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override {
    return a[0]->id() == TypeId::kFloat32 ? float32() : float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    const Datum* places = args.size() > 1 ? &args[1] : nullptr;
    ArrayPtr out;
    if (args[0].type()->id() == TypeId::kFloat32) {
      QUIVER_ASSIGN_OR_RAISE(out, (RoundTo<float, kRound>(args[0], places, n, float32())));
    } else {
      QUIVER_ASSIGN_OR_RAISE(out, (RoundTo<double, kRound>(args[0], places, n, float64())));
    }
    return Wrap(std::move(out), args);
  }
};

// ---- power: Int64 ^ Int64 -> Int64, otherwise Float64 ----

class Power : public ScalarUDF {
 public:
  std::string name() const override { return "power"; }
  std::vector<std::string> aliases() const override { return {"pow"}; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    std::vector<std::string> cands = {"Int64, Int64", "Float64, Float64"};
    if (a.size() != 2) return SignatureError("power", a, cands);
    bool ints = true;
    for (const auto& t : a) {
      if (!IsNumericOrNull(*t)) return SignatureError("power", a, cands);
      if (!t->is_integer()) ints = false;
    }
    return std::vector<DataTypePtr>(2, ints ? int64() : float64());
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& a) const override { return a[0]; }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    if (args[0].type()->id() != TypeId::kInt64) {
      QUIVER_ASSIGN_OR_RAISE(
          auto out,
          MapBinary<double>(
              args[0], args[1], n, [](double b, double e) { return std::pow(b, e); }, float64()));
      return Wrap(std::move(out), args);
    }
    NumReader<int64_t> rb(args[0]);
    NumReader<int64_t> re(args[1]);
    NumWriter<int64_t> w(int64(), n);
    for (int64_t i = 0; i < n; ++i) {
      if (rb.IsNull(i) || re.IsNull(i)) continue;
      int64_t base = rb.Get(i);
      int64_t e = re.Get(i);
      if (e < 0) {
        return Status::Arrow("Arithmetic overflow: Exponent " + std::to_string(e) +
                             " in integer computation is out of bounds.");
      }
      int64_t acc = 1;
      if (base == -1) {
        acc = e % 2 ? -1 : 1;
      } else if (base == 0 || base == 1) {
        acc = e == 0 ? 1 : base;
      } else {
        for (int64_t k = 0; k < e; ++k) {  // |base| >= 2: overflows within 63 steps
          if (__builtin_mul_overflow(acc, base, &acc)) {
            return Status::Arrow("Arithmetic overflow: Overflow happened on: " +
                                 std::to_string(base) + " ^ " + std::to_string(e));
          }
        }
      }
      w.values()[i] = acc;
    }
    QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity(args, n));
    w.SetValidity(std::move(validity));
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), args);
  }
};

// ---- integer functions: gcd, lcm, factorial ----

uint64_t UGcd(uint64_t a, uint64_t b) {
  while (b != 0) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}
uint64_t UAbs(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

enum class IntOp { kGcd, kLcm, kFactorial };

class IntegerFn : public ScalarUDF {
 public:
  IntegerFn(std::string name, IntOp op) : name_(std::move(name)), op_(op) {}
  std::string name() const override { return name_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    size_t arity = op_ == IntOp::kFactorial ? 1 : 2;
    std::vector<std::string> cands = {arity == 1 ? "Int64" : "Int64, Int64"};
    if (a.size() != arity) return SignatureError(name_, a, cands);
    for (const auto& t : a) {
      if (!(t->is_integer() || t->id() == TypeId::kNull)) return SignatureError(name_, a, cands);
    }
    return std::vector<DataTypePtr>(arity, int64());
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override { return int64(); }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    NumReader<int64_t> ra(args[0]);
    NumReader<int64_t> rb(args.size() > 1 ? args[1] : args[0]);
    NumWriter<int64_t> w(int64(), n);
    for (int64_t i = 0; i < n; ++i) {
      if (ra.IsNull(i) || rb.IsNull(i)) continue;
      int64_t a = ra.Get(i);
      int64_t b = rb.Get(i);
      uint64_t r = 0;
      switch (op_) {
        case IntOp::kGcd: r = UGcd(UAbs(a), UAbs(b)); break;
        case IntOp::kLcm: {
          if (a == 0 || b == 0) break;
          uint64_t g = UGcd(UAbs(a), UAbs(b));
          if (__builtin_mul_overflow(UAbs(a) / g, UAbs(b), &r) || r > INT64_MAX) {
            return Status::Arrow("Arithmetic overflow: Signed integer overflow in LCM(" +
                                 std::to_string(a) + ", " + std::to_string(b) + ")");
          }
          break;
        }
        case IntOp::kFactorial: {
          int64_t acc = 1;
          for (int64_t k = 2; k <= a; ++k) {
            if (__builtin_mul_overflow(acc, k, &acc)) {
              return Status::Arrow("Arithmetic overflow: Overflow happened on FACTORIAL(" +
                                   std::to_string(a) + ")");
            }
          }
          r = static_cast<uint64_t>(acc);
          break;
        }
      }
      if (op_ == IntOp::kGcd && r > INT64_MAX) {
        return Status::Arrow("Arithmetic overflow: Signed integer overflow in GCD(" +
                             std::to_string(a) + ", " + std::to_string(b) + ")");
      }
      w.values()[i] = static_cast<int64_t>(r);
    }
    QUIVER_ASSIGN_OR_RAISE(auto validity, CombinedValidity(args, n));
    w.SetValidity(std::move(validity));
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), args);
  }

 private:
  std::string name_;
  IntOp op_;
};

// ---- predicates: isnan, iszero ----

class FloatPredicate : public ScalarUDF {
 public:
  FloatPredicate(std::string name, bool (*fn)(double)) : name_(std::move(name)), fn_(fn) {}
  std::string name() const override { return name_; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    return CoerceToFloat(name_, a, 1, 1, {"Float64", "Float32"});
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return boolean();
  }
  Result<Datum> Invoke(const std::vector<Datum>& args, int64_t num_rows) const override {
    int64_t n = OutputLength(args, num_rows);
    BoolWriter w(n);
    if (args[0].type()->id() == TypeId::kFloat32) {
      NumReader<float> r(args[0]);
      for (int64_t i = 0; i < n; ++i) w.Set(i, fn_(r.Get(i)));
    } else {
      NumReader<double> r(args[0]);
      for (int64_t i = 0; i < n; ++i) w.Set(i, fn_(r.Get(i)));
    }
    NumReader<double> nulls(args[0]);
    for (int64_t i = 0; i < n; ++i) {
      if (nulls.IsNull(i)) w.SetNull(i);
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), args);
  }

 private:
  std::string name_;
  bool (*fn_)(double);
};

// ---- constants: pi, random ----

class Pi : public ScalarUDF {
 public:
  std::string name() const override { return "pi"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (!a.empty()) return SignatureError("pi", a, {""});
    return a;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>&, int64_t) const override {
    NumWriter<double> w(float64(), 1);
    w.values()[0] = M_PI;
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Datum::Scalar(std::move(out));
  }
};

class Random : public ScalarUDF {
 public:
  std::string name() const override { return "random"; }
  Volatility volatility() const override { return Volatility::kVolatile; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (!a.empty()) return SignatureError("random", a, {""});
    return a;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return float64();
  }
  Result<Datum> Invoke(const std::vector<Datum>&, int64_t num_rows) const override {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    int64_t n = std::max<int64_t>(num_rows, 1);
    NumWriter<double> w(float64(), n);
    for (int64_t i = 0; i < n; ++i) w.values()[i] = dist(rng);
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Datum::Array(std::move(out));
  }
};

}  // namespace

void RegisterMathFunctions(FunctionRegistry* r) {
  r->Register(std::make_shared<Abs>());
  auto unary = [&](const char* name, UnaryFn f, std::vector<std::string> aliases = {}) {
    r->Register(std::make_shared<FloatUnary>(name, f, std::move(aliases)));
  };
  unary("ceil", [](double x) { return std::ceil(x); });
  unary("floor", [](double x) { return std::floor(x); });
  unary("sqrt", Sqrt);
  unary("cbrt", [](double x) { return std::cbrt(x); });
  unary("exp", [](double x) { return std::exp(x); });
  unary("ln", Ln);
  unary("log2", [](double x) { return std::log2(x); });
  unary("log10", [](double x) { return std::log10(x); });
  unary("signum", Signum);
  unary("sin", [](double x) { return std::sin(x); });
  unary("cos", [](double x) { return std::cos(x); });
  unary("tan", [](double x) { return std::tan(x); });
  unary("asin", [](double x) { return std::asin(x); });
  unary("acos", [](double x) { return std::acos(x); });
  unary("atan", [](double x) { return std::atan(x); });
  unary("sinh", [](double x) { return std::sinh(x); });
  unary("cosh", [](double x) { return std::cosh(x); });
  unary("tanh", [](double x) { return std::tanh(x); });
  unary("asinh", [](double x) { return std::asinh(x); });
  unary("acosh", [](double x) { return std::acosh(x); });
  unary("atanh", [](double x) { return std::atanh(x); });
  unary("cot", Cot);
  unary("degrees", Degrees);
  unary("radians", Radians);
  r->Register(std::make_shared<RoundFn<true>>());
  r->Register(std::make_shared<RoundFn<false>>());
  r->Register(std::make_shared<Log>());
  r->Register(std::make_shared<Power>());
  r->Register(
      std::make_shared<FloatBinary>("atan2", [](double y, double x) { return std::atan2(y, x); }));
  r->Register(std::make_shared<FloatBinary>("nanvl", NanVl));
  r->Register(std::make_shared<IntegerFn>("gcd", IntOp::kGcd));
  r->Register(std::make_shared<IntegerFn>("lcm", IntOp::kLcm));
  r->Register(std::make_shared<IntegerFn>("factorial", IntOp::kFactorial));
  r->Register(std::make_shared<FloatPredicate>("isnan", [](double x) { return std::isnan(x); }));
  r->Register(std::make_shared<FloatPredicate>("iszero", [](double x) { return x == 0.0; }));
  r->Register(std::make_shared<Pi>());
  r->Register(std::make_shared<Random>());
}

}  // namespace quiver::functions
