// Catalogs: catalog -> schema -> table, as DataFusion organizes names. The
// session starts with catalog "datafusion" and schema "public".
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
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
  bool HasCatalog(const std::string& catalog) const;
  /// DROP SCHEMA: errors when it does not exist (unless `if_exists`) or, without
  /// `cascade`, still holds tables.
  Status DropSchema(const std::string& catalog, const std::string& schema, bool if_exists,
                    bool cascade);
  /// The names used for partial table names (SET datafusion.catalog.default_*).
  void SetDefaults(std::string catalog, std::string schema);
  /// Every (catalog, schema) pair, in name order.
  std::vector<std::pair<std::string, std::string>> AllSchemas() const;

  /// The statement that defined a table, when known (SHOW CREATE TABLE,
  /// information_schema.views); forgotten when the table is replaced or dropped.
  void SetDefinition(const TableReference& ref, std::string sql);

  struct TableEntry {
    std::string catalog, schema, table;
    TableProviderPtr provider;
    std::optional<std::string> definition;
  };
  std::vector<TableEntry> AllTables() const;
  std::string default_catalog() const;
  std::string default_schema() const;

 private:
  std::string default_catalog_, default_schema_;
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, std::map<std::string, TableProviderPtr>>> catalogs_;
  std::map<std::string, std::string> definitions_;  // by TableReference::ToString() of full names
};

}  // namespace quiver
