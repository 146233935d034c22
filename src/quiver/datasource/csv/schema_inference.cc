// Schema inference from a sample of rows, and merging across files.
#include <map>

#include "quiver/datasource/csv/block_reader.h"
#include "quiver/datasource/csv/column_decoder.h"
#include "quiver/datasource/csv/csv_reader.h"
#include "quiver/datasource/csv/field_parsers.h"
#include "quiver/datasource/csv/tokenizer.h"

namespace quiver::csv {
namespace {

using internal::InferredKind;

// The type for a set of seen kinds (bit k = InferredKind k), as arrow-rs
// resolves it: ints widen to floats, temporals to the finest unit, any other
// mix is Utf8, and nothing seen is Null.
DataTypePtr ResolveKinds(uint32_t kinds) {
  if (kinds == 0) return null();
  if (kinds == 1u << 0) return boolean();
  if (kinds == 1u << 1) return int64();
  if (kinds == (1u << 2) || kinds == ((1u << 1) | (1u << 2))) return float64();
  if ((kinds & ~0xF8u) == 0) {  // only dates and timestamps
    if (kinds & (1u << 7)) return timestamp(TimeUnit::kNanosecond);
    if (kinds & (1u << 6)) return timestamp(TimeUnit::kMicrosecond);
    if (kinds & (1u << 5)) return timestamp(TimeUnit::kMillisecond);
    if (kinds & (1u << 4)) return timestamp(TimeUnit::kSecond);
    return date32();
  }
  return utf8();
}

}  // namespace

Result<SchemaPtr> InferCsvSchema(ByteSourcePtr source, const CsvReadOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto stream, internal::OpenInputStream(source, 0, options.compression));
  internal::BlockReader reader(std::move(stream), 0);
  QUIVER_RETURN_NOT_OK(reader.Fill());
  internal::Tokenizer tok(options, -1);
  QUIVER_ASSIGN_OR_RAISE(auto nulls, internal::NullMatcher::Make(options));

  std::vector<std::string> first;
  QUIVER_ASSIGN_OR_RAISE(bool any, internal::ReadOneRecord(&reader, &tok, &first));
  if (!any) return schema({});
  const int ncols = static_cast<int>(first.size());
  tok.set_num_cols(ncols);
  std::vector<std::string> names;
  std::vector<uint32_t> kinds(ncols, 0);
  int64_t budget = options.schema_infer_max_records;
  auto observe = [&](std::string_view text, bool quoted) {
    return !nulls->IsNull(text, quoted, false);
  };
  if (options.has_header) {
    names = first;
  } else {
    for (int i = 0; i < ncols; ++i) names.push_back("column_" + std::to_string(i + 1));
    if (budget > 0) {
      for (int i = 0; i < ncols; ++i) {
        if (observe(first[i], false))
          kinds[i] |= 1u << static_cast<int>(internal::ClassifyField(first[i]));
      }
      --budget;
    }
  }

  internal::TokenizedRows rows;
  rows.num_cols = ncols;
  std::string scratch;
  while (budget > 0) {
    rows.Reset(reader.begin());
    int64_t consumed = 0;
    QUIVER_ASSIGN_OR_RAISE(auto outcome,
                           tok.Scan(reader.begin(), reader.end(), reader.eof(),
                                    std::min<int64_t>(budget, 4096), INT64_MAX, &rows, &consumed));
    for (int64_t r = 0; r < rows.num_rows; ++r) {
      for (int c = 0; c < ncols; ++c) {
        internal::FieldSpan span = rows.spans[r * ncols + c];
        if ((span.start & internal::kSpanFlags) == internal::kSpanMissing) continue;
        std::string_view text = tok.FieldText(rows.base, span, &scratch);
        if (!observe(text, (span.start & internal::kSpanFlags) != 0)) continue;
        kinds[c] |= 1u << static_cast<int>(internal::ClassifyField(text));
      }
    }
    budget -= rows.num_rows;
    reader.Consume(consumed);
    if (outcome == internal::Tokenizer::Outcome::kEnd) break;
    if (outcome == internal::Tokenizer::Outcome::kNeedMore) {
      if (reader.eof()) break;
      QUIVER_RETURN_NOT_OK(reader.Fill());
    }
  }

  std::vector<FieldPtr> fields;
  for (int i = 0; i < ncols; ++i) {
    DataTypePtr type = options.schema_infer_max_records <= 0 ? utf8() : ResolveKinds(kinds[i]);
    fields.push_back(field(names[i], type, true));
  }
  return schema(std::move(fields));
}

Result<SchemaPtr> MergeCsvSchemas(const std::vector<SchemaPtr>& schemas) {
  std::vector<std::string> order;
  std::map<std::string, DataTypePtr> types;
  for (const auto& s : schemas) {
    if (!s) continue;
    for (const auto& f : s->fields()) {
      auto it = types.find(f->name());
      if (it == types.end()) {
        order.push_back(f->name());
        types.emplace(f->name(), f->type());
        continue;
      }
      const DataTypePtr& a = it->second;
      const DataTypePtr& b = f->type();
      if (a->Equals(*b) || b->id() == TypeId::kNull) continue;
      if (a->id() == TypeId::kNull) {
        it->second = b;
      } else if ((a->id() == TypeId::kInt64 && b->id() == TypeId::kFloat64) ||
                 (a->id() == TypeId::kFloat64 && b->id() == TypeId::kInt64)) {
        it->second = float64();
      } else {
        it->second = utf8();
      }
    }
  }
  std::vector<FieldPtr> fields;
  for (const auto& name : order) fields.push_back(field(name, types[name], true));
  return schema(std::move(fields));
}

}  // namespace quiver::csv
