#include "quiver/datasource/listing_table.h"

#include <filesystem>

#include "quiver/physical/operators.h"

namespace quiver {

Result<std::shared_ptr<ListingTable>> ListingTable::Make(std::string path, FileFormatPtr format,
                                                         SchemaPtr schema) {
  std::shared_ptr<ListingTable> t(new ListingTable());
  // A directory that does not exist yet (trailing slash) is an empty table
  // that COPY / INSERT may fill later.
  if (!path.empty() && path.back() == '/' && !std::filesystem::exists(path)) {
    t->files_.clear();
  } else {
    QUIVER_ASSIGN_OR_RAISE(t->files_, ListFiles(path, format->extension()));
  }
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
  // Files may have been added or removed since the table was created.
  auto listed = ListFiles(path_, format_->extension());
  const std::vector<FileInfo> files = listed.ok() ? std::move(listed).value() : files_;
  if (files.empty()) {
    SchemaPtr s = schema_;
    if (args.projection) {
      std::vector<FieldPtr> fields;
      for (int i : *args.projection) fields.push_back(schema_->field(i));
      s = quiver::schema(std::move(fields));
    }
    return ExecutionPlanPtr(std::make_shared<EmptyExec>(s, false));
  }
  return format_->CreateScan(files, schema_, args);
}

}  // namespace quiver
