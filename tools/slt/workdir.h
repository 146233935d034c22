// The temporary tree scripts run in. It mirrors the corpus layout so relative
// paths in scripts resolve ('../../testing/data/...', 'test_files/scratch/...')
// while the shared corpus stays untouched: datafusion/sqllogictest/ is copied
// (small, and scripts write below it), the big read-only data is symlinked.
#pragma once

#include <string>

#include "quiver/arrow/status.h"

namespace quiver::slt {

struct Workdir {
  std::string root;     // the temporary directory
  std::string slt_dir;  // <root>/datafusion/sqllogictest: the scripts' working directory
};

/// Builds the mirror of `corpus_dir` (the folder holding datafusion/, testing/,
/// parquet-testing/) in a fresh directory under $TMPDIR (or /tmp).
Result<Workdir> CreateCorpusMirror(const std::string& corpus_dir);

/// Removes the temporary tree (never follows the symlinks into the corpus).
Status RemoveWorkdir(const Workdir& dir);

}  // namespace quiver::slt
