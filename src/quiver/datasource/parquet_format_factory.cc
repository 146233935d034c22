// ParquetFormatFactory and writing: DataFusion's ParquetOptions keys.
#include <algorithm>
#include <iterator>

#include "quiver/datasource/parquet_format.h"

namespace quiver {

Status ParquetFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                                const std::vector<RecordBatchPtr>& batches) const {
  return parquet::WriteParquetFile(path, schema, batches, write_options_);
}

Result<FileFormatPtr> ParquetFormatFactory::Create(const FormatOptions& options,
                                                   const ConfigOptions&) const {
  // Reader switches DataFusion accepts here: our reader always prunes with
  // statistics, the page index and bloom filters, so they change nothing.
  static const char* const kReadOptions[] = {
      "enable_page_index", "pruning",         "skip_metadata",        "metadata_size_hint",
      "pushdown_filters",  "reorder_filters", "bloom_filter_on_read", "schema_force_view_types"};
  parquet::ParquetWriteOptions write;
  for (const auto& [key, value] : options) {
    if (std::find(std::begin(kReadOptions), std::end(kReadOptions), key) !=
        std::end(kReadOptions)) {
      continue;
    }
    if (key == "binary_as_string") {
      if (value == "true") return Status::NotImplemented("parquet option binary_as_string");
      continue;
    }
    QUIVER_RETURN_NOT_OK(parquet::SetWriteOption(key, value, &write));
  }
  return FileFormatPtr(std::make_shared<ParquetFormat>(std::move(write)));
}

}  // namespace quiver
