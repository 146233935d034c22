// The instant a statement runs at. DataFusion evaluates now(),
// current_date() and current_time() once per query, so every call in one
// statement returns the same value; the planner opens a StatementClock while
// it plans a statement and the clock functions bind to its instant.
#pragma once

#include <cstdint>

namespace quiver {

class StatementClock {
 public:
  /// Starts the statement's instant on this thread unless an enclosing
  /// StatementClock already did (nested planners share it).
  StatementClock();
  ~StatementClock();
  StatementClock(const StatementClock&) = delete;
  StatementClock& operator=(const StatementClock&) = delete;

  /// Nanoseconds since the Unix epoch: the open statement's instant, or the
  /// system clock when no statement is being planned on this thread.
  static int64_t NowNanos();

 private:
  bool owner_ = false;
};

}  // namespace quiver
