// A view: a table defined by a logical plan, planned again at each scan.
#pragma once

#include "quiver/logical/logical_plan.h"
#include "quiver/physical/table_provider.h"

namespace quiver {

class ViewTable : public TableProvider {
 public:
  ViewTable(LogicalPlanPtr plan, std::string sql) : plan_(std::move(plan)), sql_(std::move(sql)) {}
  SchemaPtr schema() const override { return plan_->schema->ToArrow(); }
  TableType table_type() const override { return TableType::kView; }
  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override;
  const std::string& definition() const { return sql_; }

 private:
  LogicalPlanPtr plan_;
  std::string sql_;
};

}  // namespace quiver
