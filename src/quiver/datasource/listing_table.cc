#include "quiver/datasource/listing_table.h"

#include "quiver/physical/operators.h"

namespace quiver {

Result<std::shared_ptr<ListingTable>> ListingTable::Make(std::string path, FileFormatPtr format,
                                                         SchemaPtr schema) {
  std::shared_ptr<ListingTable> t(new ListingTable());
  QUIVER_ASSIGN_OR_RAISE(t->files_, ListFiles(path, format->extension()));
  if (!schema) {
    if (t->files_.empty()) {
      schema = quiver::schema({});
    } else {
      QUIVER_ASSIGN_OR_RAISE(schema, format->InferSchema(t->files_));
    }
  }
  t->path_ = std::move(path);
  t->format_ = std::move(format);
  t->schema_ = std::move(schema);
  return t;
}

Result<ExecutionPlanPtr> ListingTable::Scan(const ScanArgs& args) {
  if (files_.empty()) {
    SchemaPtr s = schema_;
    if (args.projection) {
      std::vector<FieldPtr> fields;
      for (int i : *args.projection) fields.push_back(schema_->field(i));
      s = quiver::schema(std::move(fields));
    }
    return ExecutionPlanPtr(std::make_shared<EmptyExec>(s, false));
  }
  return format_->CreateScan(files_, schema_, args);
}

}  // namespace quiver
