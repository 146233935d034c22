// now() / current_timestamp, current_date() / today, current_time().
#pragma once

#include "quiver/logical/function_registry.h"

namespace quiver::functions {

void RegisterClockFunctions(FunctionRegistry* registry);

}  // namespace quiver::functions
