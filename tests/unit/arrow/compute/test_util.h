// Helpers for compute kernel tests: build arrays from literals and print
// results compactly ("1,null,3").
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver::compute::testing {

template <typename T>
ArrayPtr Make(const DataTypePtr& type, const std::vector<T>& values,
              const std::vector<bool>& valid = {}) {
  auto r = ArrayFromVector<T>(type, values, valid);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

inline ArrayPtr I64(const std::vector<int64_t>& v, const std::vector<bool>& valid = {}) {
  return Make<int64_t>(int64(), v, valid);
}
inline ArrayPtr I32(const std::vector<int32_t>& v, const std::vector<bool>& valid = {}) {
  return Make<int32_t>(int32(), v, valid);
}
inline ArrayPtr F64(const std::vector<double>& v, const std::vector<bool>& valid = {}) {
  return Make<double>(float64(), v, valid);
}
inline ArrayPtr Str(const std::vector<std::string>& v, const std::vector<bool>& valid = {},
                    const DataTypePtr& type = utf8()) {
  return Make<std::string>(type, v, valid);
}
inline ArrayPtr Bool(const std::vector<bool>& v, const std::vector<bool>& valid = {}) {
  return Make<bool>(boolean(), v, valid);
}

/// "1,null,3" (display form of every value).
inline std::string Show(const ArrayPtr& a) {
  std::string out;
  for (int64_t i = 0; i < a->length(); ++i) {
    if (i) out += ",";
    out += a->IsNull(i) ? "null" : FormatValue(*a, i);
  }
  return out;
}

template <typename T>
std::string ShowOk(const Result<T>& r) {
  if (!r.ok()) return "ERROR: " + r.status().ToString();
  return Show(*r);
}

inline std::string ErrorOf(const Result<ArrayPtr>& r) {
  return r.ok() ? "OK: " + Show(*r) : r.status().ToString();
}

}  // namespace quiver::compute::testing
