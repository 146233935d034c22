// Status and Result<T>: errors as values. Every fallible call in Quiver
// returns one of these; nothing throws across the public API.
//
// This lives in the arrow layer (the lowest one) because arrays, builders and
// the C Data Interface need errors too; every other layer uses it from here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace quiver {

/// What went wrong. The display prefixes follow DataFusion's error messages so
/// that scripts written against DataFusion match our errors.
enum class ErrorKind : uint8_t {
  kOk = 0,
  kParse,               // "SQL error: ParserError(...)"
  kPlan,                // "Error during planning: ..."
  kSchema,              // "Schema error: ..."
  kExecution,           // "Execution error: ..."
  kArrow,               // "Arrow error: ..." (kernels, casts, overflow)
  kIO,                  // "IO error: ..."
  kNotImplemented,      // "This feature is not implemented: ..."
  kResourcesExhausted,  // "Resources exhausted: ..."
  kConfiguration,       // "Invalid or Unsupported Configuration: ..."
  kCancelled,           // "Execution error: query cancelled"
  kInternal,            // "Internal error: ..."
};

/// Where in the SQL text an error points; 1-based, 0 when unknown.
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorKind kind, std::string message, SourceLocation loc = {});
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status Parse(std::string msg, SourceLocation loc = {}) {
    return Status(ErrorKind::kParse, std::move(msg), loc);
  }
  static Status Plan(std::string msg, SourceLocation loc = {}) {
    return Status(ErrorKind::kPlan, std::move(msg), loc);
  }
  static Status Schema(std::string msg) { return Status(ErrorKind::kSchema, std::move(msg)); }
  static Status Execution(std::string msg) { return Status(ErrorKind::kExecution, std::move(msg)); }
  static Status Arrow(std::string msg) { return Status(ErrorKind::kArrow, std::move(msg)); }
  static Status IO(std::string msg) { return Status(ErrorKind::kIO, std::move(msg)); }
  static Status NotImplemented(std::string msg) {
    return Status(ErrorKind::kNotImplemented, std::move(msg));
  }
  static Status ResourcesExhausted(std::string msg) {
    return Status(ErrorKind::kResourcesExhausted, std::move(msg));
  }
  static Status Configuration(std::string msg) {
    return Status(ErrorKind::kConfiguration, std::move(msg));
  }
  static Status Cancelled(std::string msg = "query cancelled") {
    return Status(ErrorKind::kCancelled, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(ErrorKind::kInternal, std::move(msg)); }

  bool ok() const { return state_ == nullptr; }
  ErrorKind kind() const { return state_ ? state_->kind : ErrorKind::kOk; }
  /// The bare message, without the kind prefix.
  const std::string& message() const;
  SourceLocation location() const { return state_ ? state_->loc : SourceLocation{}; }

  /// Same kind and location, message prefixed with context ("reading x.csv: ...").
  Status WithContext(const std::string& context) const;
  /// Same error, pointing at a SQL location (kept when one is already set).
  Status WithLocation(SourceLocation loc) const;

  /// Display form: kind prefix, message, and " at line L, column C" when known.
  std::string ToString() const;
  static const char* KindName(ErrorKind kind);

 private:
  struct State {
    ErrorKind kind;
    std::string message;
    SourceLocation loc;
  };
  std::unique_ptr<State> state_;
};

/// A value or an error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result built from an OK status");
  }
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : v_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return v_.index() == 1; }
  const Status& status() const& {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  Status status() && { return ok() ? Status::OK() : std::move(std::get<Status>(v_)); }

  T& operator*() & { return std::get<T>(v_); }
  const T& operator*() const& { return std::get<T>(v_); }
  T&& operator*() && { return std::move(std::get<T>(v_)); }
  T* operator->() { return &std::get<T>(v_); }
  const T* operator->() const { return &std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::move(std::get<T>(v_)); }
  T ValueOr(T fallback) && { return ok() ? std::move(std::get<T>(v_)) : std::move(fallback); }

 private:
  std::variant<Status, T> v_;
};

namespace internal {
inline Status ToStatus(const Status& s) { return s; }
inline Status ToStatus(Status&& s) { return std::move(s); }
template <typename T>
Status ToStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace quiver

#define QUIVER_CONCAT_IMPL(a, b) a##b
#define QUIVER_CONCAT(a, b) QUIVER_CONCAT_IMPL(a, b)

/// Returns from the enclosing function when `expr` (a Status) is an error.
#define QUIVER_RETURN_NOT_OK(expr)                                    \
  do {                                                                \
    ::quiver::Status _quiver_st = ::quiver::internal::ToStatus(expr); \
    if (!_quiver_st.ok()) return _quiver_st;                          \
  } while (false)

#define QUIVER_ASSIGN_OR_RAISE_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = std::move(tmp).value()

/// `QUIVER_ASSIGN_OR_RAISE(auto x, MakeX());` declares x or returns the error.
#define QUIVER_ASSIGN_OR_RAISE(lhs, rexpr) \
  QUIVER_ASSIGN_OR_RAISE_IMPL(QUIVER_CONCAT(_quiver_r_, __LINE__), lhs, rexpr)
