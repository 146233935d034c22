// ListingTable: a table over the files under a path, read with a FileFormat.
#pragma once

#include "quiver/datasource/file_format.h"

namespace quiver {

class ListingTable : public TableProvider {
 public:
  /// Lists the files and infers the schema unless one is given.
  static Result<std::shared_ptr<ListingTable>> Make(std::string path, FileFormatPtr format,
                                                    SchemaPtr schema = nullptr);

  SchemaPtr schema() const override { return schema_; }
  FilterPushDown SupportsFilterPushDown(const Expr&) const override {
    return FilterPushDown::kInexact;
  }
  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override;
  const std::vector<FileInfo>& files() const { return files_; }

 private:
  ListingTable() = default;
  std::string path_;
  FileFormatPtr format_;
  SchemaPtr schema_;
  std::vector<FileInfo> files_;
};

}  // namespace quiver
