// Name -> function lookup for the planner. Names are case-insensitive;
// aliases resolve to the same function object.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quiver/logical/table_function.h"
#include "quiver/logical/udf.h"

namespace quiver {

class FunctionRegistry {
 public:
  /// Adds (or replaces) a function under its name and aliases.
  void Register(ScalarUDFPtr fn);
  void Register(AggregateUDFPtr fn);
  void Register(WindowUDFPtr fn);
  void Register(TableFunctionPtr fn);
  /// Removes the scalar, aggregate or window function `name` with all its
  /// aliases (DROP FUNCTION); false when there is none.
  bool Deregister(const std::string& name);

  ScalarUDFPtr GetScalar(const std::string& name) const;        // null if absent
  AggregateUDFPtr GetAggregate(const std::string& name) const;  // null if absent
  WindowUDFPtr GetWindow(const std::string& name) const;        // null if absent
  TableFunctionPtr GetTableFunction(const std::string& name) const;  // null if absent
  std::vector<std::string> ScalarNames() const;
  std::vector<std::string> AggregateNames() const;
  std::vector<std::string> WindowNames() const;
  /// The registered name closest to `name` (for "did you mean" errors).
  std::string Suggest(const std::string& name) const;

 private:
  std::map<std::string, ScalarUDFPtr> scalars_;
  std::map<std::string, AggregateUDFPtr> aggregates_;
  std::map<std::string, WindowUDFPtr> windows_;
  std::map<std::string, TableFunctionPtr> table_functions_;
};

}  // namespace quiver
