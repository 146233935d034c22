// The built-in function library, registered into every new session.
#pragma once

#include "quiver/logical/function_registry.h"

namespace quiver {

/// Registers every built-in scalar and aggregate function.
void RegisterBuiltinFunctions(FunctionRegistry* registry);

// Per-family registration (each in its own file of functions/).
void RegisterCoreAggregates(FunctionRegistry* registry);  // count sum min max avg
void RegisterScalarFunctions(FunctionRegistry* registry);  // everything else, see functions/
void RegisterWindowFunctions(FunctionRegistry* registry);  // row_number, rank, lag, ...
void RegisterGroupingFunction(FunctionRegistry* registry);  // grouping() (GROUPING SETS)

}  // namespace quiver
