// Per-family registration of the built-in scalar and aggregate functions
// (beyond count/sum/min/max/avg); RegisterScalarFunctions calls them all.
#pragma once

#include "quiver/logical/function_registry.h"

namespace quiver::functions {

void RegisterMathFunctions(FunctionRegistry* registry);
void RegisterConditionalFunctions(FunctionRegistry* registry);
void RegisterStringFunctions(FunctionRegistry* registry);
void RegisterEncodingFunctions(FunctionRegistry* registry);
void RegisterRegexpFunctions(FunctionRegistry* registry);
void RegisterDatetimeFunctions(FunctionRegistry* registry);
void RegisterTypeFunctions(FunctionRegistry* registry);
void RegisterStatisticalAggregates(FunctionRegistry* registry);
void RegisterMiscAggregates(FunctionRegistry* registry);
void RegisterOrderedAggregates(FunctionRegistry* registry);  // array_agg, first_value, ...
void RegisterApproxPercentile(FunctionRegistry* registry);
void RegisterDateBin(FunctionRegistry* registry);
void RegisterToChar(FunctionRegistry* registry);
void RegisterArrayFunctions(FunctionRegistry* registry);  // arrays, structs, maps

}  // namespace quiver::functions
