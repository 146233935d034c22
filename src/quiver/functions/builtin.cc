#include "quiver/functions/builtin.h"

namespace quiver {

void RegisterBuiltinFunctions(FunctionRegistry* registry) {
  RegisterCoreAggregates(registry);
  RegisterScalarFunctions(registry);
  RegisterWindowFunctions(registry);
  RegisterGroupingFunction(registry);
}

}  // namespace quiver
