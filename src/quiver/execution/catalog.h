// Catalogs: catalog -> schema -> table, as DataFusion organizes names. The
// session starts with catalog "datafusion" and schema "public".
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "quiver/common/table_reference.h"
#include "quiver/physical/table_provider.h"

namespace quiver {

class CatalogList {
 public:
  CatalogList(std::string default_catalog, std::string default_schema);

  /// Fills in the default catalog and schema of a partial name.
  TableReference Resolve(const TableReference& ref) const;
  TableProviderPtr GetTable(const TableReference& ref) const;
  /// Errors when the table exists (unless `replace`) or the schema does not.
  Status RegisterTable(const TableReference& ref, TableProviderPtr table, bool replace = false);
  /// Returns false when there was no such table.
  bool DeregisterTable(const TableReference& ref);
  Status CreateSchema(const std::string& catalog, const std::string& schema, bool if_not_exists);
  Status CreateCatalog(const std::string& catalog, bool if_not_exists);
  bool HasSchema(const std::string& catalog, const std::string& schema) const;

  struct TableEntry {
    std::string catalog, schema, table;
    TableProviderPtr provider;
  };
  std::vector<TableEntry> AllTables() const;
  const std::string& default_catalog() const { return default_catalog_; }
  const std::string& default_schema() const { return default_schema_; }

 private:
  std::string default_catalog_, default_schema_;
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, std::map<std::string, TableProviderPtr>>> catalogs_;
};

}  // namespace quiver
