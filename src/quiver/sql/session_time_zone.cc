#include "quiver/sql/session_time_zone.h"

#include "quiver/arrow/temporal.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

Result<DataTypePtr> ConvertDataTypeInSession(const sql::DataType& type,
                                             const ConfigOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto t, ConvertDataType(type));
  bool zoned =
      type.time_zone == sql::TimeZoneSpec::kWith || type.time_zone == sql::TimeZoneSpec::kTz;
  if (!zoned || t->id() != TypeId::kTimestamp) return t;
  std::string tz = options.GetString("datafusion.execution.time_zone");
  if (!temporal::TimeZone::Parse(tz).ok()) {
    return Status::Arrow("Parser error: Invalid timezone \"" + tz + "\": failed to parse timezone");
  }
  return timestamp(t->unit(), tz);
}

}  // namespace quiver
