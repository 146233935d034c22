// The built-in table functions generate_series(start, stop[, step]) (stop
// included) and range(start, stop[, step]) (stop excluded): one Int64 column
// `value`, produced batch by batch. With one argument the series starts at 0.
#pragma once

#include "quiver/logical/function_registry.h"

namespace quiver {

/// Registers generate_series and range.
void RegisterBuiltinTableFunctions(FunctionRegistry* registry);

}  // namespace quiver
