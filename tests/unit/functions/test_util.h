// Helpers for the function-library tests: build arguments, call a function
// through the registry the way the planner does, and print results compactly.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/common/scalar_value.h"
#include "quiver/functions/builtin.h"

namespace quiver::testing {

using compute::Datum;

inline FunctionRegistry& Registry() {
  static FunctionRegistry* r = [] {
    auto* reg = new FunctionRegistry();
    RegisterScalarFunctions(reg);
    return reg;
  }();
  return *r;
}

template <typename T>
Datum Arr(const DataTypePtr& type, const std::vector<T>& v, const std::vector<bool>& valid = {}) {
  auto a = ArrayFromVector<T>(type, v, valid);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return Datum::Array(*a);
}
template <typename T>
Datum Sc(const DataTypePtr& type, T v, bool valid = true) {
  auto a = ArrayFromVector<T>(type, {v}, {valid});
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return Datum::Scalar(*a);
}
inline Datum Str(const std::vector<std::string>& v, const std::vector<bool>& valid = {}) {
  return Arr<std::string>(utf8(), v, valid);
}
inline Datum SStr(const std::string& v) { return Sc<std::string>(utf8(), v); }
inline Datum I64(const std::vector<int64_t>& v, const std::vector<bool>& valid = {}) {
  return Arr<int64_t>(int64(), v, valid);
}
inline Datum F64(const std::vector<double>& v, const std::vector<bool>& valid = {}) {
  return Arr<double>(float64(), v, valid);
}
inline Datum NullScalar(const DataTypePtr& t) {
  return Datum::Scalar(ScalarValue::Null(t).array());
}

/// Coerces, checks the coerced types are the given ones (else returns the
/// coercion error or a mismatch), invokes, and checks the result type.
inline Result<Datum> Call(const std::string& name, const std::vector<Datum>& args,
                          int64_t num_rows = -1) {
  auto fn = Registry().GetScalar(name);
  if (!fn) return Status::Plan("no function " + name);
  std::vector<DataTypePtr> types;
  for (const auto& a : args) types.push_back(a.type());
  QUIVER_ASSIGN_OR_RAISE(auto coerced, fn->CoerceTypes(types));
  for (size_t i = 0; i < types.size(); ++i) {
    if (!coerced[i]->Equals(*types[i])) {
      return Status::Internal("argument " + std::to_string(i) + " needs a cast to " +
                              coerced[i]->ToString());
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto rt, fn->ReturnType(coerced));
  if (num_rows < 0) {
    num_rows = 1;
    for (const auto& a : args) {
      if (!a.is_scalar) num_rows = a.length();
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, fn->Invoke(args, num_rows));
  if (!out.type()->Equals(*rt)) {
    return Status::Internal("result type " + out.type()->ToString() + " but declared " +
                            rt->ToString());
  }
  return out;
}

/// "1,NULL,3" (with "S:" in front for a scalar result).
inline std::string Show(const Datum& d) {
  std::string s = d.is_scalar ? "S:" : "";
  for (int64_t i = 0; i < d.length(); ++i) {
    if (i) s += ",";
    std::string v = ScalarValue::FromArray(d.array, i).ValueToString();
    // Floats print as "2.0"; tests compare the short form "2".
    if (d.type()->is_floating() && v.size() > 2 && v.ends_with(".0")) v.resize(v.size() - 2);
    s += v;
  }
  return s;
}

inline std::string Eval(const std::string& name, const std::vector<Datum>& args) {
  auto r = Call(name, args);
  if (!r.ok()) return "ERR:" + r.status().ToString();
  return Show(*r);
}

}  // namespace quiver::testing
