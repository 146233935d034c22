// Text forms of values and tables, in Arrow's default display format (the
// one DataFusion prints and its sqllogictest scripts expect).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"

namespace quiver {

class RecordBatch;

/// Appends the display form of value i. A null prints as "" (inside lists and
/// structs as Arrow does); callers that want "NULL" check IsNull first.
void AppendValue(const Array& array, int64_t i, std::string* out);
std::string FormatValue(const Array& array, int64_t i);
/// Shortest round-trip decimal form, plain notation, ".0" kept on whole
/// numbers (`1.0`, `0.1`, `NaN`, `inf`).
void AppendDouble(double v, std::string* out);

/// Multi-line form of a whole array: `[\n  1,\n  null\n]`.
std::string PrettyPrintArray(const Array& array);
/// A boxed table of all rows, as datafusion-cli prints results.
std::string PrettyFormatBatches(const std::vector<std::shared_ptr<RecordBatch>>& batches);

/// True if value i of a equals value j of b (same type, both non-null).
bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j);

}  // namespace quiver
