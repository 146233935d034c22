// Registers every built-in function family of this folder except the core
// aggregates (see builtin.h).
#include "quiver/functions/builtin.h"
#include "quiver/functions/clock_functions.h"
#include "quiver/functions/scalar_families.h"

namespace quiver {

void RegisterScalarFunctions(FunctionRegistry* registry) {
  functions::RegisterMathFunctions(registry);
  functions::RegisterConditionalFunctions(registry);
  functions::RegisterStringFunctions(registry);
  functions::RegisterEncodingFunctions(registry);
  functions::RegisterRegexpFunctions(registry);
  functions::RegisterDatetimeFunctions(registry);
  functions::RegisterClockFunctions(registry);
  functions::RegisterTypeFunctions(registry);
  functions::RegisterStatisticalAggregates(registry);
  functions::RegisterMiscAggregates(registry);
  functions::RegisterOrderedAggregates(registry);
  functions::RegisterApproxPercentile(registry);
  functions::RegisterDateBin(registry);
  functions::RegisterToChar(registry);
  functions::RegisterArrayFunctions(registry);
}

}  // namespace quiver
