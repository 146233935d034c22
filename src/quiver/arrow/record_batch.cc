#include "quiver/arrow/record_batch.h"

#include "quiver/arrow/pretty_print.h"

namespace quiver {

Result<RecordBatchPtr> RecordBatch::MakeValidated(SchemaPtr schema, int64_t num_rows,
                                                  std::vector<ArrayPtr> columns) {
  auto batch = Make(std::move(schema), num_rows, std::move(columns));
  QUIVER_RETURN_NOT_OK(batch->Validate());
  return batch;
}

RecordBatchPtr RecordBatch::Slice(int64_t offset, int64_t length) const {
  std::vector<ArrayPtr> cols;
  cols.reserve(columns_.size());
  for (const auto& c : columns_) cols.push_back(c->Slice(offset, length));
  return Make(schema_, length, std::move(cols));
}

Status RecordBatch::Validate() const {
  if (static_cast<int>(columns_.size()) != schema_->num_fields()) {
    return Status::Arrow("number of columns (" + std::to_string(columns_.size()) +
                         ") does not match the schema (" + std::to_string(schema_->num_fields()) +
                         ")");
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    const auto& f = schema_->field(static_cast<int>(i));
    if (columns_[i]->length() != num_rows_) {
      return Status::Arrow("column " + f->name() + " has " + std::to_string(columns_[i]->length()) +
                           " rows, expected " + std::to_string(num_rows_));
    }
    if (!columns_[i]->type()->Equals(*f->type())) {
      return Status::Arrow("column " + f->name() + " is " + columns_[i]->type()->ToString() +
                           ", schema says " + f->type()->ToString());
    }
    QUIVER_RETURN_NOT_OK(columns_[i]->data()->Validate());
  }
  return Status::OK();
}

std::string RecordBatch::ToString() const {
  return PrettyFormatBatches({std::make_shared<RecordBatch>(*this)});
}

}  // namespace quiver
