// CREATE EXTERNAL TABLE ... PARTITIONED BY: which columns come from the
// directories, with DataFusion's checks against the files already on disk.
#pragma once

#include <vector>

#include "quiver/datasource/partitioning.h"
#include "quiver/sql/ast.h"

namespace quiver {

struct PartitionedSchema {
  SchemaPtr file_schema;  // declared columns minus partition columns; null: infer
  std::vector<PartitionColumn> partition_columns;
};

/// Splits the table's columns: typed PARTITIONED BY entries are extra
/// columns, untyped ones name declared columns (Utf8 when none are declared).
/// `declared` is the schema of ct.columns plus the typed partition entries
/// (null when there are none). Checks that the location is a directory and
/// that partition directories on disk start with these columns.
Result<PartitionedSchema> PlanPartitionedTable(const sql::CreateExternalTable& ct,
                                               const SchemaPtr& declared,
                                               const std::string& extension);

/// ct.columns followed by the PARTITIONED BY entries that carry a type.
std::vector<sql::ColumnDef> ColumnsWithTypedPartitions(const sql::CreateExternalTable& ct);

}  // namespace quiver
