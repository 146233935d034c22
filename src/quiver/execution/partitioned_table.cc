#include "quiver/execution/partitioned_table.h"

#include "quiver/datasource/listing_table.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

std::string DebugList(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
  return s + "]";
}

}  // namespace

std::vector<sql::ColumnDef> ColumnsWithTypedPartitions(const sql::CreateExternalTable& ct) {
  std::vector<sql::ColumnDef> out = ct.columns;
  for (const auto& p : ct.partition_columns) {
    if (p.type) out.push_back(p);
  }
  return out;
}

Result<PartitionedSchema> PlanPartitionedTable(const sql::CreateExternalTable& ct,
                                               const SchemaPtr& declared,
                                               const std::string& extension) {
  PartitionedSchema out;
  std::vector<std::string> names;
  for (const auto& p : ct.partition_columns) names.push_back(p.name.value);
  if (ct.columns.empty()) {
    // The file schema is inferred; DataFusion reads untyped partitions as strings.
    for (const auto& p : ct.partition_columns) {
      DataTypePtr t = utf8();
      if (p.type) {
        QUIVER_ASSIGN_OR_RAISE(t, ConvertDataType(*p.type));
      }
      out.partition_columns.push_back({p.name.value, t});
    }
  } else {
    for (const auto& n : names) {
      int i = declared->GetFieldIndex(n);
      if (i < 0) {
        std::vector<std::string> valid;
        for (const auto& f : declared->fields()) valid.push_back(f->name());
        return Status::Arrow("Schema error: Unable to get field named \"" + n +
                             "\". Valid fields: " + DebugList(valid));
      }
      out.partition_columns.push_back({n, declared->field(i)->type()});
    }
    std::vector<FieldPtr> kept;
    for (const auto& f : declared->fields()) {
      if (std::find(names.begin(), names.end(), f->name()) == names.end()) kept.push_back(f);
    }
    out.file_schema = schema(std::move(kept));
  }
  if (!IsCollectionPath(ct.location)) {
    return Status::Plan(
        "Can't create a partitioned table backed by a single file, perhaps the URL is missing a "
        "trailing slash?");
  }
  QUIVER_ASSIGN_OR_RAISE(auto inferred, InferPartitionNames(ct.location, extension));
  if (inferred.empty()) return out;
  bool prefix = inferred.size() >= names.size();
  for (size_t i = 0; prefix && i < names.size(); ++i) prefix = inferred[i] == names[i];
  if (!prefix) {
    return Status::Plan("Inferred partitions to be " + DebugList(inferred) + ", but got " +
                        DebugList(names));
  }
  return out;
}

}  // namespace quiver
