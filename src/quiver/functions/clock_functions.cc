// now() (alias current_timestamp), current_date() (alias today) and
// current_time(): the statement's instant (logical/statement_clock.h), bound
// when the call is planned so that every call in one statement agrees.
// now() is UTC ("+00:00"); the date and time are those of UTC, as in
// DataFusion.
#include "quiver/functions/clock_functions.h"

#include "quiver/functions/function_util.h"
#include "quiver/logical/statement_clock.h"

namespace quiver::functions {

namespace {

enum class Clock { kNow, kDate, kTime };

constexpr int64_t kNanosPerDay = 86400LL * 1000000000LL;

int64_t FloorDivBy(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

class ClockFunction : public ScalarUDF {
 public:
  ClockFunction(Clock clock, std::optional<int64_t> instant) : clock_(clock), instant_(instant) {}

  std::string name() const override {
    switch (clock_) {
      case Clock::kNow: return "now";
      case Clock::kDate: return "current_date";
      case Clock::kTime: return "current_time";
    }
    return "now";
  }
  std::vector<std::string> aliases() const override {
    if (clock_ == Clock::kNow) return {"current_timestamp"};
    if (clock_ == Clock::kDate) return {"today"};
    return {};
  }
  Volatility volatility() const override { return Volatility::kStable; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& a) const override {
    if (!a.empty()) return SignatureError(name(), a, {""});
    return a;
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    switch (clock_) {
      case Clock::kNow: return timestamp(TimeUnit::kNanosecond, "+00:00");
      case Clock::kDate: return date32();
      case Clock::kTime: return time64(TimeUnit::kNanosecond);
    }
    return timestamp(TimeUnit::kNanosecond, "+00:00");
  }
  Result<Datum> Invoke(const std::vector<Datum>&, int64_t) const override {
    int64_t ns = instant_ ? *instant_ : StatementClock::NowNanos();
    ArrayPtr out;
    switch (clock_) {
      case Clock::kNow: {
        NumWriter<int64_t> w(timestamp(TimeUnit::kNanosecond, "+00:00"), 1);
        w.values()[0] = ns;
        QUIVER_ASSIGN_OR_RAISE(out, w.Finish());
        break;
      }
      case Clock::kDate: {
        NumWriter<int32_t> w(date32(), 1);
        w.values()[0] = static_cast<int32_t>(FloorDivBy(ns, kNanosPerDay));
        QUIVER_ASSIGN_OR_RAISE(out, w.Finish());
        break;
      }
      case Clock::kTime: {
        NumWriter<int64_t> w(time64(TimeUnit::kNanosecond), 1);
        w.values()[0] = ns - FloorDivBy(ns, kNanosPerDay) * kNanosPerDay;
        QUIVER_ASSIGN_OR_RAISE(out, w.Finish());
        break;
      }
    }
    return Datum::Scalar(out);
  }
  // The planned call keeps the instant of the statement being planned.
  Result<std::shared_ptr<const ScalarUDF>> Bind(
      const std::vector<std::shared_ptr<const Expr>>&) const override {
    return std::shared_ptr<const ScalarUDF>(
        std::make_shared<ClockFunction>(clock_, StatementClock::NowNanos()));
  }

 private:
  Clock clock_;
  std::optional<int64_t> instant_;
};

}  // namespace

void RegisterClockFunctions(FunctionRegistry* registry) {
  for (Clock c : {Clock::kNow, Clock::kDate, Clock::kTime}) {
    registry->Register(std::make_shared<ClockFunction>(c, std::nullopt));
  }
}

}  // namespace quiver::functions
