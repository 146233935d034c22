// The Quiver engine behind quiver-slt: a fresh SessionContext per script with
// target_partitions = 4, results printed per the corpus rules (arrow_cells.h).
#pragma once

#include "engine.h"

namespace quiver::slt {

EngineFactory QuiverEngineFactory();

}  // namespace quiver::slt
