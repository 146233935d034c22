#include "quiver/cli/statement_runner.h"

#include <chrono>
#include <cstdio>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/sql/parser.h"

namespace quiver::cli {

namespace {

void PrintDelimited(const std::vector<RecordBatchPtr>& batches, const Schema& schema, char sep) {
  std::string out;
  for (int c = 0; c < schema.num_fields(); ++c) {
    if (c) out.push_back(sep);
    out += schema.field(c)->name();
  }
  out.push_back('\n');
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      for (int c = 0; c < b->num_columns(); ++c) {
        if (c) out.push_back(sep);
        std::string v = FormatValue(*b->column(c), r);
        bool quote = sep == ',' && v.find_first_of(",\"\n") != std::string::npos;
        if (quote) {
          std::string q = "\"";
          for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          v = q + "\"";
        }
        out += v;
      }
      out.push_back('\n');
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

Status RunSql(SessionContext& ctx, const std::string& sql, const PrintOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto statements, sql::ParseSql(sql));
  for (const auto& st : statements) {
    auto start = std::chrono::steady_clock::now();
    QUIVER_ASSIGN_OR_RAISE(auto df, ctx.Sql(st.text));
    QUIVER_ASSIGN_OR_RAISE(auto batches, df.Collect());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int64_t rows = 0;
    for (const auto& b : batches) rows += b->num_rows();
    SchemaPtr schema = df.schema().ToArrow();
    const bool is_query = schema->num_fields() > 0 || rows > 0;
    std::string timings = std::to_string(secs * 1e3);
    for (int run = 1; is_query && run < options.repeat; ++run) {
      auto t0 = std::chrono::steady_clock::now();
      QUIVER_ASSIGN_OR_RAISE(auto again, ctx.Sql(st.text));
      QUIVER_ASSIGN_OR_RAISE(batches, again.Collect());
      secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      timings += "," + std::to_string(secs * 1e3);
    }
    if (options.timing && is_query) std::fprintf(stderr, "timing\t%s\n", timings.c_str());
    if (!is_query) {
      if (!options.quiet) std::printf("0 row(s) fetched. \nElapsed %.3f seconds.\n\n", secs);
      continue;
    }
    switch (options.format) {
      case OutputFormat::kTable: {
        if (batches.empty()) {
          // An empty result still shows its header.
          std::vector<ArrayPtr> cols;
          for (const auto& f : schema->fields()) {
            QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(f->type()));
            QUIVER_ASSIGN_OR_RAISE(auto a, b->Finish());
            cols.push_back(std::move(a));
          }
          batches.push_back(RecordBatch::Make(schema, 0, std::move(cols)));
        }
        std::string text = PrettyFormatBatches(batches);
        std::fwrite(text.data(), 1, text.size(), stdout);
        break;
      }
      case OutputFormat::kCsv: PrintDelimited(batches, *schema, ','); break;
      case OutputFormat::kTsv: PrintDelimited(batches, *schema, '\t'); break;
    }
    if (!options.quiet) {
      std::printf("%lld row(s) fetched. \nElapsed %.3f seconds.\n\n", static_cast<long long>(rows), secs);
    }
    std::fflush(stdout);
  }
  return Status::OK();
}

}  // namespace quiver::cli
