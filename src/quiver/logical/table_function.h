// Table functions: functions called in FROM that produce a table, such as
// generate_series(1, 10). Register one with FunctionRegistry::Register (or
// SessionContext::RegisterUdtf); the SQL planner evaluates the arguments
// (constants) and scans the table the function returns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/common/scalar_value.h"
#include "quiver/logical/table_source.h"

namespace quiver {

class TableFunction {
 public:
  virtual ~TableFunction() = default;
  virtual std::string name() const = 0;
  /// The table for these argument values, or a Plan error naming the
  /// accepted arguments. The result must be scannable (a TableProvider).
  virtual Result<TableSourcePtr> Call(const std::vector<ScalarValue>& args) const = 0;
};

using TableFunctionPtr = std::shared_ptr<const TableFunction>;

}  // namespace quiver
