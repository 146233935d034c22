// Printing Arrow results the way the corpus expects (see normalize.h): used
// by the Quiver adapter, kept apart so it is tested without an engine.
#pragma once

#include <string>
#include <vector>

#include "engine.h"
#include "quiver/arrow/array.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::slt {

/// The type letter DataFusion's runner reports for a column type: I integers,
/// R floats and decimals, T strings, B booleans, D dates and times,
/// P timestamps, ? everything else (dictionaries, lists, binary, null, ...).
char SltTypeChar(const DataType& type);

/// Cell text of value i: NULL, (empty), normalized floats and decimals,
/// true/false, dictionaries through their values, else Arrow's display.
std::string FormatCell(const Array& array, int64_t i);

/// Prints every row of `batches` under `schema`.
SltQueryResult BatchesToResult(const Schema& schema, const std::vector<RecordBatchPtr>& batches);

}  // namespace quiver::slt
