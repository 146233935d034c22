// Runs one record against an engine in the current process and judges it.
#pragma once

#include "engine.h"
#include "outcome.h"
#include "record.h"

namespace quiver::slt {

/// Executes `record` on `engine` and compares with its expectation. Records
/// that must not run here (skipped, halt) are judged without touching the engine.
RecordOutcome RunRecord(SltEngine& engine, const Record& record);

}  // namespace quiver::slt
