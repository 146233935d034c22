// Shared pieces of the array function files: signature checks and the
// per-file registration entry points (RegisterArrayFunctions calls them).
#pragma once

#include <string>
#include <vector>

#include "quiver/functions/function_util.h"
#include "quiver/functions/list_util.h"
#include "quiver/logical/function_registry.h"
#include "quiver/logical/type_coercion.h"

namespace quiver::functions {

/// A list argument as the array functions take it: FixedSizeList becomes
/// List, Null stays Null; anything else is a Plan error from `fn`.
Result<DataTypePtr> CoerceListArg(const std::string& fn, const DataTypePtr& t);
/// CoerceListArg for functions that need a real list: Null is a Plan error too.
Result<DataTypePtr> StrictList(const std::string& fn, const DataTypePtr& t);
/// Checks the argument count (min..max, max < 0: unbounded).
Status CheckArgCount(const std::string& fn, const std::vector<DataTypePtr>& args, size_t min,
                     int max);
/// An integer argument coerced to Int64 (Null stays Null unless `null_ok`
/// is false: then a Plan error).
Result<DataTypePtr> CoerceIntArg(const std::string& fn, const DataTypePtr& t);

/// Registers `spec` under its name and aliases.
void RegisterSpec(FunctionRegistry* r, FunctionSpec spec);

void RegisterArrayConstructFunctions(FunctionRegistry* r);
void RegisterArrayAccessFunctions(FunctionRegistry* r);
void RegisterArrayModifyFunctions(FunctionRegistry* r);
void RegisterArraySearchFunctions(FunctionRegistry* r);
void RegisterArraySetFunctions(FunctionRegistry* r);
void RegisterArrayStringFunctions(FunctionRegistry* r);
void RegisterStructMapFunctions(FunctionRegistry* r);
void RegisterUnnestPlaceholder(FunctionRegistry* r);

}  // namespace quiver::functions
