#include "quiver/datasource/arrow_format.h"
#include "quiver/datasource/scan_schema.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/arrow/ipc/reader.h"
#include "quiver/arrow/ipc/writer.h"

namespace quiver {

namespace {

struct ArrowMorsel {
  std::string path;
  int batch = -1;  // record batch of an IPC file; -1: a whole IPC stream
};

// Opens the file or stream at `path` and reports its schema.
struct OpenedIpc {
  std::unique_ptr<ipc::IpcFileReader> file;
  std::unique_ptr<ipc::IpcStreamReader> stream;
  const SchemaPtr& schema() const { return file ? file->schema() : stream->schema(); }
};

Result<OpenedIpc> OpenIpc(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto data, ipc::MapFile(path));
  OpenedIpc out;
  Status st;
  if (ipc::IsIpcFile(*data)) {
    auto r = ipc::IpcFileReader::Open(data);
    if (r.ok()) out.file = std::move(*r);
    st = r.status();
  } else {
    auto r = ipc::IpcStreamReader::Open(data);
    if (r.ok()) out.stream = std::move(*r);
    st = r.status();
  }
  if (!st.ok()) return st.WithContext("reading Arrow IPC file " + path);
  return out;
}

class ArrowScanExec : public ExecutionPlan {
 public:
  ArrowScanExec(std::vector<ArrowMorsel> morsels, SchemaPtr table_schema,
                std::optional<std::vector<int>> projection, std::optional<int64_t> limit)
      : morsels_(std::move(morsels)),
        table_schema_(std::move(table_schema)),
        projection_(std::move(projection)),
        limit_(limit) {
    schema_ = ProjectedSchema(table_schema_, projection_);
  }
  std::string name() const override { return "ArrowExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(
        std::make_shared<ArrowScanExec>(morsels_, table_schema_, projection_, limit_));
  }
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  std::string DisplayAs() const override {
    std::string out = "ArrowExec: morsels=" + std::to_string(morsels_.size()) + ", projection=" + FieldNameList(*schema_);
    if (limit_) out += ", limit=" + std::to_string(*limit_);
    return out;
  }

  Result<StreamPtr> Execute(int partition, const TaskContextPtr&) override {
    const ArrowMorsel& m = morsels_[partition];
    QUIVER_ASSIGN_OR_RAISE(auto opened, OpenIpc(m.path));
    // Output column -> file column (by name), or -1 for a column the file lacks.
    std::vector<int> cols;
    for (const auto& f : schema_->fields())
      cols.push_back(opened.schema()->GetFieldIndex(f->name()));
    return StreamPtr(std::make_unique<Stream>(std::move(opened), m.batch, std::move(cols), schema_,
                                              limit_, m.path));
  }

 private:
  class Stream : public RecordBatchStream {
   public:
    Stream(OpenedIpc ipc, int batch, std::vector<int> cols, SchemaPtr schema,
           std::optional<int64_t> limit, std::string path)
        : ipc_(std::move(ipc)),
          batch_(batch),
          cols_(std::move(cols)),
          schema_(std::move(schema)),
          limit_(limit),
          path_(std::move(path)) {}
    Result<RecordBatchPtr> Next() override {
      if (done_ || (limit_ && produced_ >= *limit_)) return RecordBatchPtr();
      RecordBatchPtr b;
      if (ipc_.file) {
        done_ = true;
        auto r = ipc_.file->ReadRecordBatch(batch_);
        if (!r.ok()) return r.status().WithContext("reading Arrow IPC file " + path_);
        b = std::move(*r);
      } else {
        auto r = ipc_.stream->Next();
        if (!r.ok()) return r.status().WithContext("reading Arrow IPC file " + path_);
        b = std::move(*r);
        if (!b) {
          done_ = true;
          return b;
        }
      }
      std::vector<ArrayPtr> out;
      for (size_t i = 0; i < cols_.size(); ++i) {
        const DataTypePtr& want = schema_->field(static_cast<int>(i))->type();
        ArrayPtr a;
        if (cols_[i] < 0) {
          QUIVER_ASSIGN_OR_RAISE(a, compute::internal::MakeNullArray(want, b->num_rows()));
        } else {
          a = b->column(cols_[i]);
          if (!a->type()->Equals(*want)) {
            QUIVER_ASSIGN_OR_RAISE(a, compute::Cast(a, want));
          }
        }
        out.push_back(std::move(a));
      }
      produced_ += b->num_rows();
      return RecordBatch::Make(schema_, b->num_rows(), std::move(out));
    }

   private:
    OpenedIpc ipc_;
    int batch_;
    std::vector<int> cols_;
    SchemaPtr schema_;
    std::optional<int64_t> limit_;
    std::string path_;
    bool done_ = false;
    int64_t produced_ = 0;
  };

  std::vector<ArrowMorsel> morsels_;
  SchemaPtr table_schema_;
  std::optional<std::vector<int>> projection_;
  std::optional<int64_t> limit_;
  SchemaPtr schema_;
};

}  // namespace

Result<std::shared_ptr<ArrowFormat>> ArrowFormat::FromOptions(const FormatOptions& options) {
  if (!options.empty()) {
    const std::string& key = options.front().first;
    std::string k = key.rfind("format.", 0) == 0 ? key.substr(7) : key;
    return Status::Configuration("Config value \"" + k + "\" not found on ArrowOptions");
  }
  return std::make_shared<ArrowFormat>();
}

Result<FileFormatPtr> ArrowFormatFactory::Create(const FormatOptions& options,
                                                 const ConfigOptions&) const {
  QUIVER_ASSIGN_OR_RAISE(auto f, ArrowFormat::FromOptions(options));
  return FileFormatPtr(std::move(f));
}

Status ArrowFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                              const std::vector<RecordBatchPtr>& batches) const {
  return WriteArrowFile(path, schema, batches);
}

Result<SchemaPtr> ArrowFormat::InferSchema(const std::vector<FileInfo>& files) {
  std::vector<FieldPtr> fields;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto opened, OpenIpc(f.path));
    for (const auto& field : opened.schema()->fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const FieldPtr& x) { return x->name() == field->name(); });
      if (it == fields.end()) {
        fields.push_back(field);
      } else if (!(*it)->type()->Equals(*field->type())) {
        return Status::Schema("Fail to merge schema field '" + field->name() +
                              "' because the from data_type = " + field->type()->ToString() +
                              " does not equal " + (*it)->type()->ToString());
      } else if (field->nullable() && !(*it)->nullable()) {
        *it = (*it)->WithNullable(true);
      }
    }
  }
  return quiver::schema(std::move(fields));
}

Result<ExecutionPlanPtr> ArrowFormat::CreateScan(const std::vector<FileInfo>& files,
                                                 const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<ArrowMorsel> morsels;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto opened, OpenIpc(f.path));
    if (opened.file) {
      for (int i = 0; i < opened.file->num_record_batches(); ++i) morsels.push_back({f.path, i});
    } else {
      morsels.push_back({f.path, -1});
    }
  }
  std::optional<int64_t> limit = args.filters.empty() ? args.limit : std::nullopt;
  return ExecutionPlanPtr(
      std::make_shared<ArrowScanExec>(std::move(morsels), schema, args.projection, limit));
}

Status WriteArrowFile(const std::string& path, const SchemaPtr& schema,
                      const std::vector<RecordBatchPtr>& batches) {
  // The IPC file format allows one dictionary per column: batches with
  // dictionary columns are combined into one so their dictionaries merge.
  std::vector<RecordBatchPtr> input = batches;
  bool has_dictionary = false;
  for (const auto& f : schema->fields()) has_dictionary |= f->type()->id() == TypeId::kDictionary;
  if (has_dictionary && input.size() > 1) {
    QUIVER_ASSIGN_OR_RAISE(auto one, compute::ConcatenateBatches(schema, input));
    input = {one};
  }
  std::string tmp = path + ".tmp";
  {
    QUIVER_ASSIGN_OR_RAISE(auto sink, ipc::FileOutputStream::Open(tmp));
    auto write = [&]() -> Status {
      QUIVER_ASSIGN_OR_RAISE(auto writer, ipc::IpcWriter::OpenFile(sink.get(), schema));
      for (const auto& b : input) QUIVER_RETURN_NOT_OK(writer->Write(*b->WithSchema(schema)));
      QUIVER_RETURN_NOT_OK(writer->Close());
      return sink->Close();
    };
    Status st = write();
    if (!st.ok()) {
      std::remove(tmp.c_str());
      return st;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IO("cannot create " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace quiver
