#include "quiver/datasource/csv/csv_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "quiver/arrow/pretty_print.h"

namespace quiver::csv {
namespace {

class Formatter {
 public:
  explicit Formatter(const CsvWriteOptions& options) : o_(options) {
    std::memset(special_, 0, sizeof(special_));
    special_[static_cast<uint8_t>(o_.delimiter)] = true;
    special_[static_cast<uint8_t>(o_.quote)] = true;
    special_[static_cast<uint8_t>('\n')] = true;
    special_[static_cast<uint8_t>('\r')] = true;
    if (o_.escape) special_[static_cast<uint8_t>(*o_.escape)] = true;
  }

  Status Validate() const {
    if (!o_.double_quote && !o_.escape) {
      return Status::Configuration("CSV writer: double_quote off needs an escape character");
    }
    if (o_.delimiter == o_.quote || o_.delimiter == '\n' || o_.delimiter == '\r') {
      return Status::Configuration("CSV writer: invalid delimiter/quote combination");
    }
    return Status::OK();
  }

  // Appends one field, quoted when it holds special bytes or is an empty
  // non-null value (which would otherwise read back as null).
  void AppendField(std::string_view v, bool is_string, std::string* out) const {
    bool needs = v.empty() && is_string;
    for (char c : v) {
      if (special_[static_cast<uint8_t>(c)]) {
        needs = true;
        break;
      }
    }
    if (!needs) {
      out->append(v);
      return;
    }
    out->push_back(o_.quote);
    for (char c : v) {
      if (c == o_.quote) {
        out->push_back(o_.double_quote ? o_.quote : *o_.escape);
      } else if (o_.escape && c == *o_.escape && !o_.double_quote) {
        out->push_back(*o_.escape);
      }
      out->push_back(c);
    }
    out->push_back(o_.quote);
  }

  void AppendHeader(const Schema& schema, std::string* out) const {
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (i > 0) out->push_back(o_.delimiter);
      AppendField(schema.field(i)->name(), false, out);
    }
    out->push_back('\n');
  }

  void AppendRow(const RecordBatch& batch, int64_t row, std::string* out) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) out->push_back(o_.delimiter);
      const Array& a = *batch.column(c);
      if (a.IsNull(row)) {
        AppendField(o_.null_value, false, out);
        continue;
      }
      value_.clear();
      AppendValue(a, row, &value_);
      AppendField(value_, a.type()->is_string() || a.type()->is_binary(), out);
    }
    out->push_back('\n');
  }

 private:
  const CsvWriteOptions& o_;
  bool special_[256];
  std::string value_;
};

Status CheckBatch(const SchemaPtr& schema, const RecordBatch& batch) {
  if (batch.num_columns() != schema->num_fields()) {
    return Status::Internal("CSV writer: batch has " + std::to_string(batch.num_columns()) +
                            " columns, schema has " + std::to_string(schema->num_fields()));
  }
  return Status::OK();
}

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IO("writing " + path + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(w);
  }
  return Status::OK();
}

}  // namespace

Result<std::string> FormatCsv(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                              const CsvWriteOptions& options) {
  Formatter f(options);
  QUIVER_RETURN_NOT_OK(f.Validate());
  std::string out;
  if (options.has_header) f.AppendHeader(*schema, &out);
  for (const auto& b : batches) {
    QUIVER_RETURN_NOT_OK(CheckBatch(schema, *b));
    for (int64_t r = 0; r < b->num_rows(); ++r) f.AppendRow(*b, r, &out);
  }
  return out;
}

Status WriteCsv(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                const std::string& path, const CsvWriteOptions& options) {
  Formatter f(options);
  QUIVER_RETURN_NOT_OK(f.Validate());
  for (const auto& b : batches) QUIVER_RETURN_NOT_OK(CheckBatch(schema, *b));
  static std::atomic<uint64_t> counter{0};
  std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IO("cannot create " + tmp + ": " + std::strerror(errno));
  auto write_rows = [&]() -> Status {
    std::string buf;
    constexpr size_t kFlushBytes = 1 << 20;
    if (options.has_header) f.AppendHeader(*schema, &buf);
    for (const auto& b : batches) {
      for (int64_t r = 0; r < b->num_rows(); ++r) {
        f.AppendRow(*b, r, &buf);
        if (buf.size() >= kFlushBytes) {
          QUIVER_RETURN_NOT_OK(WriteAll(fd, buf, tmp));
          buf.clear();
        }
      }
    }
    return WriteAll(fd, buf, tmp);
  };
  Status st = write_rows();
  if (::close(fd) != 0 && st.ok()) st = Status::IO("closing " + tmp + ": " + std::strerror(errno));
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    st = Status::IO("renaming " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  if (!st.ok()) ::unlink(tmp.c_str());
  return st;
}

Status WriteCsv(const std::vector<RecordBatchPtr>& batches, const std::string& path,
                const CsvWriteOptions& options) {
  if (batches.empty()) {
    return Status::Internal("WriteCsv without a schema needs at least one batch");
  }
  return WriteCsv(batches[0]->schema(), batches, path, options);
}

}  // namespace quiver::csv
