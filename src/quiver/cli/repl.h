// The interactive prompt: reads statements (ending with ';') with line
// editing and history, runs them, and keeps going after errors.
#pragma once

#include "quiver/cli/statement_runner.h"

namespace quiver::cli {

int RunRepl(SessionContext& ctx, const PrintOptions& options);

}  // namespace quiver::cli
