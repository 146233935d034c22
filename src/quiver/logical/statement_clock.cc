#include "quiver/logical/statement_clock.h"

#include <chrono>
#include <optional>

namespace quiver {

namespace {

thread_local std::optional<int64_t> statement_instant;

int64_t SystemNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

StatementClock::StatementClock() {
  if (!statement_instant) {
    statement_instant = SystemNanos();
    owner_ = true;
  }
}

StatementClock::~StatementClock() {
  if (owner_) statement_instant.reset();
}

int64_t StatementClock::NowNanos() {
  return statement_instant ? *statement_instant : SystemNanos();
}

}  // namespace quiver
