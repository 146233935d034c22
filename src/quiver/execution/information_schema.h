// The `information_schema` virtual schema DataFusion shows in every catalog
// when `datafusion.catalog.information_schema` is true: tables `tables`,
// `views`, `columns`, `schemata` and `df_settings`, with DataFusion's column
// names and types. Each is a table provider whose rows are computed from the
// live catalog and options when it is scanned.
#pragma once

#include <string>
#include <vector>

#include "quiver/common/config.h"
#include "quiver/execution/catalog.h"
#include "quiver/physical/table_provider.h"

namespace quiver {

inline constexpr const char* kInformationSchema = "information_schema";

class InformationSchemaProvider {
 public:
  /// Both must outlive the provider and the tables it returns (the session
  /// state owns them).
  InformationSchemaProvider(const CatalogList* catalogs, const ConfigOptions* config)
      : catalogs_(catalogs), config_(config) {}

  /// The table names, in order.
  static const std::vector<std::string>& TableNames();
  /// The table `name` of the information_schema of `catalog`; nullptr when
  /// there is no such table.
  TableProviderPtr Table(const std::string& catalog, const std::string& name) const;

 private:
  const CatalogList* catalogs_;
  const ConfigOptions* config_;
};

}  // namespace quiver
