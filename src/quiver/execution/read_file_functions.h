// Table functions that read files: read_json / read_ndjson (NDJSON) and
// read_arrow (Arrow IPC), each taking a path (file, directory or glob).
#pragma once

#include "quiver/logical/function_registry.h"

namespace quiver {

void RegisterReadFileFunctions(FunctionRegistry* registry);

}  // namespace quiver
