// SessionState: everything a session owns (catalog, functions, options,
// optimizer rules), shared by its SessionContext and DataFrames.
#pragma once

#include <memory>
#include <mutex>

#include "quiver/common/config.h"
#include "quiver/datasource/file_format_registry.h"
#include "quiver/execution/catalog.h"
#include "quiver/execution/prepared_statements.h"
#include "quiver/logical/function_registry.h"
#include "quiver/optimizer/optimizer.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

class SessionState : public SqlContextProvider {
 public:
  explicit SessionState(ConfigOptions options);

  Result<TableSourcePtr> GetTable(const TableReference& name, bool is_path) override;
  /// A table of the information_schema when that is enabled, else nullptr.
  TableProviderPtr InformationSchemaTable(const TableReference& name) const;
  const FunctionRegistry& functions() const override { return functions_; }
  const ConfigOptions& options() const override { return config_; }

  ConfigOptions& config() { return config_; }
  FunctionRegistry& mutable_functions() { return functions_; }
  CatalogList& catalog() { return catalog_; }
  FileFormatRegistry& file_formats() { return file_formats_; }
  /// A table over the file(s) at `path`, the format chosen by extension.
  Result<TableProviderPtr> OpenFileTable(const std::string& path) const;
  std::vector<OptimizerRulePtr>& optimizer_rules() { return rules_; }
  PreparedStatements& prepared_statements() { return prepared_; }

  Result<LogicalPlanPtr> Optimize(const LogicalPlanPtr& plan) const;
  Result<ExecutionPlanPtr> CreatePhysicalPlan(const LogicalPlanPtr& plan) const;
  /// Optimizes, plans and runs.
  Result<std::vector<RecordBatchPtr>> Execute(const LogicalPlanPtr& plan) const;

 private:
  ConfigOptions config_;
  FunctionRegistry functions_;
  CatalogList catalog_;
  FileFormatRegistry file_formats_;
  std::vector<OptimizerRulePtr> rules_;
  PreparedStatements prepared_;
};

}  // namespace quiver
