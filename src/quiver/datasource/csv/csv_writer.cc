#include "quiver/datasource/csv/csv_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "quiver/arrow/pretty_print.h"
#include "quiver/arrow/temporal.h"
#include "quiver/datasource/csv/output_compression.h"
#include "quiver/functions/chrono_format.h"

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
    for (const std::string* f : {&o_.date_format, &o_.datetime_format, &o_.timestamp_format,
                                 &o_.timestamp_tz_format, &o_.time_format}) {
      std::string probe;
      if (!f->empty() && !functions::FormatDateTime(*f, {}, &probe)) {
        return Status::Configuration("CSV writer: bad date/time format '" + *f + "'");
      }
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
      if (!AppendFormattedTemporal(a, row, &value_)) AppendValue(a, row, &value_);
      AppendField(value_, a.type()->is_string() || a.type()->is_binary(), out);
    }
    out->push_back('\n');
  }

 private:
  // A date/time value in the user's chrono format; false when none is set
  // for its type (or the format has an unknown specifier, caught earlier).
  bool AppendFormattedTemporal(const Array& a, int64_t row, std::string* out) const {
    const DataType& t = *a.type();
    const std::string* format = nullptr;
    int64_t nanos = 0;
    int64_t offset = 0;
    switch (t.id()) {
      case TypeId::kDate32:
        format = &o_.date_format;
        nanos = static_cast<const Int32Array&>(a).Value(row) * 86400LL * 1000000000LL;
        break;
      case TypeId::kDate64:
        format = &o_.datetime_format;
        nanos = static_cast<const Int64Array&>(a).Value(row) * 1000000LL;
        break;
      case TypeId::kTime32:
      case TypeId::kTime64: {
        format = &o_.time_format;
        int64_t v = t.id() == TypeId::kTime32 ? static_cast<const Int32Array&>(a).Value(row)
                                              : static_cast<const Int64Array&>(a).Value(row);
        int64_t s = 0, ns = 0;
        temporal::SplitSeconds(v, t.unit(), &s, &ns);
        nanos = s * 1000000000LL + ns;
        break;
      }
      case TypeId::kTimestamp: {
        format = t.timezone().empty() ? &o_.timestamp_format : &o_.timestamp_tz_format;
        int64_t s = 0, ns = 0;
        temporal::SplitSeconds(static_cast<const Int64Array&>(a).Value(row), t.unit(), &s, &ns);
        nanos = s * 1000000000LL + ns;
        if (!t.timezone().empty()) {
          auto tz = temporal::TimeZone::Parse(t.timezone());
          if (tz.ok()) offset = tz->OffsetAt(s);
        }
        break;
      }
      default:
        return false;
    }
    if (format->empty()) return false;
    auto fields = functions::FieldsFromUtcNanos(nanos, static_cast<int32_t>(offset));
    return functions::FormatDateTime(*format, fields, out);
  }

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
    QUIVER_ASSIGN_OR_RAISE(auto compressor, OutputCompressor::Make(options.compression));
    std::string buf, packed;
    // Writes `buf` (compressed when asked; `last` adds the stream trailer).
    auto flush = [&](bool last) -> Status {
      if (!compressor) return WriteAll(fd, buf, tmp);
      packed.clear();
      QUIVER_RETURN_NOT_OK(compressor->Update(buf, &packed));
      if (last) QUIVER_RETURN_NOT_OK(compressor->Finish(&packed));
      return WriteAll(fd, packed, tmp);
    };
    constexpr size_t kFlushBytes = 1 << 20;
    if (options.has_header) f.AppendHeader(*schema, &buf);
    for (const auto& b : batches) {
      for (int64_t r = 0; r < b->num_rows(); ++r) {
        f.AppendRow(*b, r, &buf);
        if (buf.size() >= kFlushBytes) {
          QUIVER_RETURN_NOT_OK(flush(false));
          buf.clear();
        }
      }
    }
    return flush(true);
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
