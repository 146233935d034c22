// SQL types that depend on the session: `TIMESTAMP WITH TIME ZONE` and
// `TIMESTAMPTZ` carry datafusion.execution.time_zone, as in DataFusion (and
// PostgreSQL), so `ts::TIMESTAMPTZ` reads a naive timestamp in that zone.
#pragma once

#include "quiver/arrow/type.h"
#include "quiver/common/config.h"
#include "quiver/sql/ast.h"

namespace quiver {

/// ConvertDataType with the session time zone for zoned timestamps; errors as
/// Arrow does when that zone does not parse.
Result<DataTypePtr> ConvertDataTypeInSession(const sql::DataType& type,
                                             const ConfigOptions& options);

}  // namespace quiver
