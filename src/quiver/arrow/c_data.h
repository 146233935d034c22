// The Arrow C Data Interface: zero-copy export of our arrays and types to any
// Arrow consumer, and zero-copy import of theirs.
//
// Export: the ArrowArray's buffers point into our Buffers, which its private
// data keeps alive until the consumer calls release.
// Import: our Buffers view the foreign memory; the producer's release callback
// runs once, when the last view of it is gone. Imported arrays are validated,
// so malformed input yields an error rather than out-of-bounds reads.
//
// Every Import* call takes ownership of its input structs: on return (success
// or error) they are released or moved from, and the caller must not use them.
#pragma once

#include "quiver/arrow/array.h"
#include "quiver/arrow/c_data_abi.h"
#include "quiver/arrow/record_batch.h"

namespace quiver {

/// Exports a type as an unnamed, nullable field.
Status ExportType(const DataType& type, ArrowSchema* out);
Status ExportField(const Field& field, ArrowSchema* out);
/// A schema exports as a struct ("+s") whose children are the fields.
Status ExportSchema(const Schema& schema, ArrowSchema* out);

/// Exports `array` (any offset); also its type when `out_schema` is given.
Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema = nullptr);
/// Exports a batch as a struct array whose children are the columns.
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out,
                         ArrowSchema* out_schema = nullptr);

Result<DataTypePtr> ImportType(ArrowSchema* schema);
Result<FieldPtr> ImportField(ArrowSchema* schema);
/// The schema must be a struct; its children become the fields.
Result<SchemaPtr> ImportSchema(ArrowSchema* schema);

Result<ArrayPtr> ImportArray(ArrowArray* array, const DataTypePtr& type);
Result<ArrayPtr> ImportArray(ArrowArray* array, ArrowSchema* schema);
/// The array must be a struct array without nulls, with one child per field.
Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, const SchemaPtr& schema);
Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

}  // namespace quiver
