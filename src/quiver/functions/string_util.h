// Row loops for string functions: every argument read through a broadcasting
// StringReader / NumReader, nulls in -> null out, results written in one pass.
// The callables are lambdas of the including .cc, so each instantiation stays
// local to its family.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quiver/functions/function_util.h"
#include "quiver/common/utf8.h"

namespace quiver::functions {

/// Row outcome of a string kernel callable.
enum RowResult : int { kRowError = -1, kRowNull = 0, kRowValue = 1 };

/// True if row i of any argument is null.
class NullChecker {
 public:
  explicit NullChecker(const std::vector<Datum>& args) {
    for (const auto& a : args) {
      if (a.type()->id() == TypeId::kNull) {
        all_null_ = true;
      } else if (a.array->null_count() > 0) {
        cols_.push_back({a.array->null_bitmap_data(), a.array->offset(), a.is_scalar ? 0 : 1});
      }
    }
  }
  bool AnyNull(int64_t i) const {
    if (all_null_) return true;
    for (const auto& c : cols_) {
      if (!bit_util::GetBit(c.bits, c.offset + i * c.stride)) return true;
    }
    return false;
  }

 private:
  struct Col {
    const uint8_t* bits;
    int64_t offset;
    int64_t stride;
  };
  std::vector<Col> cols_;
  bool all_null_ = false;
};

inline Status RowError(const Status* e) {
  return e && !e->ok() ? *e : Status::Execution("function failed on a row");
}

/// f(i, std::string& out) -> RowResult; on kRowError, `*row_error` (set by
/// the callable) is returned.
template <typename F>
Result<Datum> MapToString(const std::vector<Datum>& args, int64_t num_rows, DataTypePtr type, F&& f,
                          const Status* row_error = nullptr) {
  int64_t n = OutputLength(args, num_rows);
  NullChecker nulls(args);
  StringWriter w(std::move(type), n);
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      w.AppendNull();
      continue;
    }
    size_t mark = w.data().size();
    int r = f(i, w.data());
    if (r == kRowError) return RowError(row_error);
    if (r == kRowNull) {
      w.data().resize(mark);
      w.AppendNull();
    } else {
      w.Commit();
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
  return Wrap(std::move(out), args);
}

/// f(i, T* out) -> RowResult; T is the storage type of `type`.
template <typename T, typename F>
Result<Datum> MapToNum(const std::vector<Datum>& args, int64_t num_rows, DataTypePtr type, F&& f,
                       const Status* row_error = nullptr) {
  int64_t n = OutputLength(args, num_rows);
  NullChecker nulls(args);
  NumWriter<T> w(std::move(type), n);
  T* out = w.values();
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      w.SetNull(i);
      continue;
    }
    int r = f(i, &out[i]);
    if (r == kRowError) return RowError(row_error);
    if (r == kRowNull) w.SetNull(i);
  }
  QUIVER_ASSIGN_OR_RAISE(auto arr, w.Finish());
  return Wrap(std::move(arr), args);
}

/// f(i) -> bool.
template <typename F>
Result<Datum> MapToBool(const std::vector<Datum>& args, int64_t num_rows, F&& f) {
  int64_t n = OutputLength(args, num_rows);
  NullChecker nulls(args);
  BoolWriter w(n);
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      w.SetNull(i);
    } else {
      w.Set(i, f(i));
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto arr, w.Finish());
  return Wrap(std::move(arr), args);
}

// ---- UTF-8 helpers ----

/// Number of code points.
int64_t Utf8Length(std::string_view s);
/// Byte offset of code point `chars` (clamped to s.size()).
size_t Utf8Advance(std::string_view s, int64_t chars);
/// Decodes the code point at byte `pos`, advancing pos (invalid bytes read as themselves).
uint32_t Utf8Decode(std::string_view s, size_t* pos);
/// Unicode lower/upper case of one code point.
uint32_t ToLowerCp(uint32_t cp);
uint32_t ToUpperCp(uint32_t cp);
bool IsAlnumCp(uint32_t cp);
/// Splits into code points.
std::vector<uint32_t> Utf8CodePoints(std::string_view s);

/// Int32 for Utf8/Utf8View, Int64 for LargeUtf8 (length-like results).
inline DataTypePtr LengthType(const DataTypePtr& t) {
  return t->id() == TypeId::kLargeUtf8 || t->id() == TypeId::kLargeBinary ? int64() : int32();
}

}  // namespace quiver::functions
