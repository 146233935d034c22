#include "quiver/datasource/parquet/file_reader.h"

#include "quiver/datasource/parquet/assemble.h"
#include "quiver/datasource/parquet/column_reader.h"
#include "quiver/datasource/parquet/footer.h"

namespace quiver::parquet {

namespace {

// Marks the leaves under `p`.
void CollectLeaves(const FieldPlan& p, std::vector<bool>* used) {
  if (p.kind == FieldPlan::kLeaf) (*used)[p.leaf] = true;
  for (const auto& c : p.children) CollectLeaves(c, used);
}

}  // namespace

Result<RecordBatchPtr> ParquetFileReader::ReadRowGroup(int i, const std::vector<int>& columns) {
  if (i < 0 || i >= num_row_groups()) {
    return Status::IO("row group " + std::to_string(i) + " out of range");
  }
  std::vector<int> cols = columns;
  if (cols.empty()) {
    for (int c = 0; c < schema()->num_fields(); ++c) cols.push_back(c);
  }
  const RowGroup& rg = metadata_->row_groups[i];
  if (rg.columns.size() != plan_->leaves.size()) {
    return Status::IO("corrupt Parquet file: row group " + std::to_string(i) + " has " +
                      std::to_string(rg.columns.size()) + " column chunks for " +
                      std::to_string(plan_->leaves.size()) + " columns");
  }
  std::vector<bool> used(plan_->leaves.size(), false);
  for (int c : cols) {
    if (c < 0 || c >= schema()->num_fields()) {
      return Status::IO("column index " + std::to_string(c) + " out of range");
    }
    CollectLeaves(plan_->fields[c], &used);
  }
  std::vector<LeafData> leaves(plan_->leaves.size());
  for (size_t l = 0; l < used.size(); ++l) {
    if (!used[l]) continue;
    auto data = ReadColumnChunk(*source_, rg.columns[l], plan_->leaves[l]);
    if (!data.ok()) {
      std::string path;
      for (const auto& p : plan_->leaves[l].path) path += (path.empty() ? "" : ".") + p;
      return data.status().WithContext("reading " + source_->name() + " column " + path);
    }
    leaves[l] = std::move(data).value();
  }
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> arrays;
  std::vector<ArrayDataPtr> built(schema()->num_fields());
  for (int c : cols) {
    if (built[c]) {  // asked for twice: leaf values were moved into the first
      fields.push_back(schema()->field(c));
      arrays.push_back(MakeArray(built[c]));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr data, AssembleField(*plan_, plan_->fields[c], &leaves));
    built[c] = data;
    if (data->length != rg.num_rows) {
      return Status::IO("corrupt Parquet file: column " + schema()->field(c)->name() + " has " +
                        std::to_string(data->length) + " rows, row group has " +
                        std::to_string(rg.num_rows));
    }
    QUIVER_RETURN_NOT_OK(data->Validate());
    fields.push_back(schema()->field(c));
    arrays.push_back(MakeArray(std::move(data)));
  }
  return RecordBatch::Make(quiver::schema(std::move(fields), schema()->metadata()), rg.num_rows,
                           std::move(arrays));
}

Result<std::vector<RecordBatchPtr>> ParquetFileReader::ReadAll(const std::vector<int>& columns,
                                                               int64_t batch_size) {
  std::vector<RecordBatchPtr> out;
  if (batch_size <= 0) batch_size = kDefaultBatchSize;
  for (int i = 0; i < num_row_groups(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(RecordBatchPtr rg, ReadRowGroup(i, columns));
    for (int64_t off = 0; off < rg->num_rows(); off += batch_size) {
      out.push_back(rg->Slice(off, std::min(batch_size, rg->num_rows() - off)));
    }
  }
  return out;
}

Result<std::shared_ptr<ParquetFileReader>> OpenParquetFile(
    std::shared_ptr<RandomAccessSource> source, const ParquetReadOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto md, ReadFileMetaData(*source));
  auto plan = BuildSchemaPlan(*md, options.int96_unit);
  if (!plan.ok()) return plan.status().WithContext("reading " + source->name());
  return std::make_shared<ParquetFileReader>(std::move(source), std::move(md),
                                             std::move(plan).value());
}

Result<std::shared_ptr<ParquetFileReader>> OpenParquetFile(const std::string& path,
                                                           const ParquetReadOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto source, OpenLocalFile(path));
  return OpenParquetFile(std::move(source), options);
}

}  // namespace quiver::parquet
