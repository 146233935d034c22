#include "tpchgen/parquet_table_writer.h"

#include <memory>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "tpchgen/chunk_pipeline.h"

namespace quiver::tpchgen {
namespace {

// Parent rows per batch: lineitem/partsupp fan out ~4 rows per parent.
int64_t BatchParents(TpchTable table) {
  switch (table) {
    case TpchTable::kLineitem:
    case TpchTable::kPartSupp: return 16384;
    default: return 65536;
  }
}

enum class ArrowKind { kInt64, kInt32, kDecimal, kQuantity, kDate, kString };

ArrowKind KindOf(const ColumnInfo& c) {
  switch (c.type) {
    case FieldType::kDecimal: return ArrowKind::kDecimal;
    case FieldType::kDate: return ArrowKind::kDate;
    case FieldType::kString: return ArrowKind::kString;
    case FieldType::kInt64: break;
  }
  // The generator yields whole quantities; DuckDB types them decimal(15,2).
  if (c.name == "l_quantity") return ArrowKind::kQuantity;
  if (c.name == "p_size" || c.name == "ps_availqty" || c.name == "l_linenumber" ||
      c.name == "o_shippriority") {
    return ArrowKind::kInt32;
  }
  return ArrowKind::kInt64;
}

DataTypePtr TypeOf(ArrowKind k) {
  switch (k) {
    case ArrowKind::kInt64: return int64();
    case ArrowKind::kInt32: return int32();
    case ArrowKind::kDecimal:
    case ArrowKind::kQuantity: return decimal128(15, 2);
    case ArrowKind::kDate: return date32();
    case ArrowKind::kString: return utf8();
  }
  return nullptr;
}

Status GenerateBatch(const ParquetTableWriteRequest& req, const SchemaPtr& schema, int64_t first,
                     int64_t count, RecordBatchPtr* out) {
  auto columns = TableColumns(req.table);
  const size_t n = columns.size();
  std::vector<ArrowKind> kinds;
  std::vector<std::unique_ptr<ArrayBuilder>> builders;
  for (const ColumnInfo& c : columns) {
    kinds.push_back(KindOf(c));
    QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(TypeOf(kinds.back())));
    builders.push_back(std::move(b));
  }
  auto gen = RowGenerator::MakeRange(req.table, req.scale, first, count);
  Field fields[16];
  int64_t rows = 0;
  while (gen->Next(fields)) {
    for (size_t i = 0; i < n; ++i) {
      ArrayBuilder* b = builders[i].get();
      const Field& f = fields[i];
      Status st;
      switch (kinds[i]) {
        case ArrowKind::kInt64: st = static_cast<Int64Builder*>(b)->Append(f.i); break;
        case ArrowKind::kInt32:
          st = static_cast<Int32Builder*>(b)->Append(static_cast<int32_t>(f.i));
          break;
        case ArrowKind::kDecimal: st = static_cast<Decimal128Builder*>(b)->Append(f.i); break;
        case ArrowKind::kQuantity:
          st = static_cast<Decimal128Builder*>(b)->Append(static_cast<Int128>(f.i) * 100);
          break;
        case ArrowKind::kDate:
          st = static_cast<PrimitiveBuilder<int32_t>*>(b)->Append(static_cast<int32_t>(f.i));
          break;
        case ArrowKind::kString: st = static_cast<StringBuilder*>(b)->Append(f.s); break;
      }
      QUIVER_RETURN_NOT_OK(st);
    }
    ++rows;
  }
  std::vector<ArrayPtr> arrays;
  for (auto& b : builders) {
    QUIVER_ASSIGN_OR_RAISE(auto a, b->Finish());
    arrays.push_back(std::move(a));
  }
  *out = RecordBatch::Make(schema, rows, std::move(arrays));
  return Status::OK();
}

}  // namespace

SchemaPtr TpchArrowSchema(TpchTable table) {
  std::vector<FieldPtr> fields;
  for (const ColumnInfo& c : TableColumns(table)) {
    fields.push_back(field(std::string(c.name), TypeOf(KindOf(c)), /*nullable=*/false));
  }
  return schema(std::move(fields));
}

Status WriteParquetTable(const ParquetTableWriteRequest& req) {
  SchemaPtr schema = TpchArrowSchema(req.table);
  parquet::ParquetWriteOptions options;
  QUIVER_RETURN_NOT_OK(parquet::SetWriteOption("compression", req.compression, &options));
  options.max_row_group_rows = req.row_group_rows;
  options.created_by = "quiver tpchgen";
  QUIVER_ASSIGN_OR_RAISE(auto writer, parquet::ParquetFileWriter::Open(req.path, schema, options));
  if (req.count > 0) {
    ChunkPipeline<RecordBatchPtr> pipeline(
        req.first, req.count, BatchParents(req.table), req.threads,
        [&req, &schema](int64_t first, int64_t count, RecordBatchPtr* out) {
          return GenerateBatch(req, schema, first, count, out);
        });
    QUIVER_RETURN_NOT_OK(pipeline.Start());
    for (int64_t c = 0; c < pipeline.num_chunks(); ++c) {
      QUIVER_RETURN_NOT_OK(pipeline.Consume(c, [&](RecordBatchPtr& batch) {
        RecordBatchPtr b = std::move(batch);  // free the slot's memory early
        return writer->Write(*b);
      }));
    }
  }
  // Without Close the writer's destructor removes the temporary file.
  return writer->Close();
}

}  // namespace quiver::tpchgen
