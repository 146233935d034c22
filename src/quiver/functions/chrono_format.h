// strftime-style date/time formatting and parsing with the specifiers of
// the Rust chrono crate (%Y %m %d %H %M %S %f %.f %z %:z %#z %+ %c %s ...),
// which DataFusion's to_char and to_timestamp(x, format...) use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/status.h"

namespace quiver::functions {

/// A local date and time plus its UTC offset.
struct DateTimeFields {
  int64_t year = 1970;
  int32_t month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t nanos = 0;           // fraction of the second
  int64_t days = 0;            // local days since 1970-01-01
  int32_t offset_seconds = 0;  // local = UTC + offset
};

/// Fields of the instant `utc_nanos` seen at `offset_seconds` east of UTC.
DateTimeFields FieldsFromUtcNanos(int64_t utc_nanos, int32_t offset_seconds);

/// Appends `f` formatted by `format`; false for an unknown specifier.
bool FormatDateTime(std::string_view format, const DateTimeFields& f, std::string* out);

/// Parses `input` by `format` into UTC nanoseconds (no offset in the input
/// means UTC). Errors carry chrono's reasons: "input contains invalid
/// characters", "bad or unsupported format string", "trailing input", ...
Status ParseDateTime(std::string_view input, std::string_view format, int64_t* utc_nanos);

}  // namespace quiver::functions
