#include "quiver/execution/information_schema.h"

#include <limits>
#include <optional>

#include "quiver/arrow/builder.h"
#include "quiver/common/config_entries.h"
#include "quiver/datasource/mem_table.h"

namespace quiver {

namespace {

using OptStr = std::optional<std::string>;
using OptU64 = std::optional<uint64_t>;

// Rows are built column by column; every column is Utf8 or UInt64.
class TableBuilder {
 public:
  explicit TableBuilder(SchemaPtr schema) : schema_(std::move(schema)) {
    for (const auto& f : schema_->fields()) {
      if (f->type()->id() == TypeId::kUInt64) {
        u64_.push_back(std::make_unique<UInt64Builder>(uint64()));
        str_.emplace_back(nullptr);
      } else {
        str_.emplace_back(std::make_unique<StringBuilder>(utf8()));
        u64_.emplace_back(nullptr);
      }
    }
  }

  Status Str(int col, const OptStr& v) {
    auto& b = *str_[col];
    return v ? b.Append(*v) : b.AppendNull();
  }
  Status U64(int col, const OptU64& v) {
    auto& b = *u64_[col];
    return v ? b.Append(*v) : b.AppendNull();
  }
  void EndRow() { ++rows_; }

  Result<TableProviderPtr> Finish() {
    std::vector<ArrayPtr> cols;
    for (size_t i = 0; i < str_.size(); ++i) {
      ArrayPtr a;
      if (str_[i]) {
        QUIVER_ASSIGN_OR_RAISE(a, str_[i]->Finish());
      } else {
        QUIVER_ASSIGN_OR_RAISE(a, u64_[i]->Finish());
      }
      cols.push_back(std::move(a));
    }
    auto batch = RecordBatch::Make(schema_, rows_, std::move(cols));
    QUIVER_ASSIGN_OR_RAISE(auto table, MemTable::Make(schema_, {{batch}}));
    return TableProviderPtr(table);
  }

 private:
  SchemaPtr schema_;
  std::vector<std::unique_ptr<StringBuilder>> str_;
  std::vector<std::unique_ptr<UInt64Builder>> u64_;
  int64_t rows_ = 0;
};

// ---- schemas (DataFusion's column names, types and nullability) ----

SchemaPtr TablesSchema() {
  return schema({field("table_catalog", utf8(), false), field("table_schema", utf8(), false),
                 field("table_name", utf8(), false), field("table_type", utf8(), false)});
}

SchemaPtr ViewsSchema() {
  return schema({field("table_catalog", utf8(), false), field("table_schema", utf8(), false),
                 field("table_name", utf8(), false), field("definition", utf8(), true)});
}

SchemaPtr ColumnsSchema() {
  return schema(
      {field("table_catalog", utf8(), false), field("table_schema", utf8(), false),
       field("table_name", utf8(), false), field("column_name", utf8(), false),
       field("ordinal_position", uint64(), false), field("column_default", utf8(), true),
       field("is_nullable", utf8(), false), field("data_type", utf8(), false),
       field("character_maximum_length", uint64(), true),
       field("character_octet_length", uint64(), true), field("numeric_precision", uint64(), true),
       field("numeric_precision_radix", uint64(), true), field("numeric_scale", uint64(), true),
       field("datetime_precision", uint64(), true), field("interval_type", utf8(), true)});
}

SchemaPtr SchemataSchema() {
  return schema(
      {field("catalog_name", utf8(), false), field("schema_name", utf8(), false),
       field("schema_owner", utf8(), true), field("default_character_set_catalog", utf8(), true),
       field("default_character_set_schema", utf8(), true),
       field("default_character_set_name", utf8(), true), field("sql_path", utf8(), true)});
}

SchemaPtr SettingsSchema() {
  return schema({field("name", utf8(), false), field("value", utf8(), true),
                 field("description", utf8(), true)});
}

// ---- row producers ----

const char* TableTypeName(TableType t) {
  switch (t) {
    case TableType::kBase: return "BASE TABLE";
    case TableType::kView: return "VIEW";
    case TableType::kTemporary: return "LOCAL TEMPORARY";
  }
  return "BASE TABLE";
}

// The catalogs, each listed with the information_schema views first.
std::vector<std::string> CatalogNames(const CatalogList& catalogs) {
  std::vector<std::string> out;
  for (const auto& [c, s] : catalogs.AllSchemas()) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

Result<TableProviderPtr> BuildTables(const CatalogList& catalogs) {
  TableBuilder b(TablesSchema());
  for (const auto& c : CatalogNames(catalogs)) {
    for (const auto& name : InformationSchemaProvider::TableNames()) {
      QUIVER_RETURN_NOT_OK(b.Str(0, c));
      QUIVER_RETURN_NOT_OK(b.Str(1, kInformationSchema));
      QUIVER_RETURN_NOT_OK(b.Str(2, name));
      QUIVER_RETURN_NOT_OK(b.Str(3, "VIEW"));
      b.EndRow();
    }
  }
  for (const auto& t : catalogs.AllTables()) {
    QUIVER_RETURN_NOT_OK(b.Str(0, t.catalog));
    QUIVER_RETURN_NOT_OK(b.Str(1, t.schema));
    QUIVER_RETURN_NOT_OK(b.Str(2, t.table));
    QUIVER_RETURN_NOT_OK(b.Str(3, TableTypeName(t.provider->table_type())));
    b.EndRow();
  }
  return b.Finish();
}

Result<TableProviderPtr> BuildViews(const CatalogList& catalogs) {
  TableBuilder b(ViewsSchema());
  for (const auto& t : catalogs.AllTables()) {
    QUIVER_RETURN_NOT_OK(b.Str(0, t.catalog));
    QUIVER_RETURN_NOT_OK(b.Str(1, t.schema));
    QUIVER_RETURN_NOT_OK(b.Str(2, t.table));
    QUIVER_RETURN_NOT_OK(b.Str(3, t.definition));
    b.EndRow();
  }
  return b.Finish();
}

// DataFusion's numeric_precision / radix / scale and character lengths.
struct TypeFacts {
  OptU64 octet_len, precision, radix, scale;
};

TypeFacts FactsOf(const DataType& t) {
  constexpr uint64_t kI32Max = std::numeric_limits<int32_t>::max();
  constexpr uint64_t kI64Max = std::numeric_limits<int64_t>::max();
  switch (t.id()) {
    case TypeId::kInt8:
    case TypeId::kUInt8: return {std::nullopt, 8, 2, std::nullopt};
    case TypeId::kInt16:
    case TypeId::kUInt16: return {std::nullopt, 16, 2, std::nullopt};
    case TypeId::kInt32:
    case TypeId::kUInt32: return {std::nullopt, 32, 2, std::nullopt};
    case TypeId::kInt64:
    case TypeId::kUInt64: return {std::nullopt, 64, 2, std::nullopt};
    // Mantissa bits, as DataFusion reports them (it gives Float64 24 as well).
    case TypeId::kFloat16: return {std::nullopt, 15, 2, std::nullopt};
    case TypeId::kFloat32:
    case TypeId::kFloat64: return {std::nullopt, 24, 2, std::nullopt};
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return {std::nullopt, static_cast<uint64_t>(t.precision()), 10,
              static_cast<uint64_t>(t.scale())};
    case TypeId::kUtf8:
    case TypeId::kBinary: return {kI32Max, std::nullopt, std::nullopt, std::nullopt};
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return {kI64Max, std::nullopt, std::nullopt, std::nullopt};
    default: return {};
  }
}

Result<TableProviderPtr> BuildColumns(const CatalogList& catalogs) {
  TableBuilder b(ColumnsSchema());
  for (const auto& t : catalogs.AllTables()) {
    const SchemaPtr s = t.provider->schema();
    for (int i = 0; i < s->num_fields(); ++i) {
      const auto& f = s->field(i);
      TypeFacts facts = FactsOf(*f->type());
      QUIVER_RETURN_NOT_OK(b.Str(0, t.catalog));
      QUIVER_RETURN_NOT_OK(b.Str(1, t.schema));
      QUIVER_RETURN_NOT_OK(b.Str(2, t.table));
      QUIVER_RETURN_NOT_OK(b.Str(3, f->name()));
      QUIVER_RETURN_NOT_OK(b.U64(4, static_cast<uint64_t>(i)));
      QUIVER_RETURN_NOT_OK(b.Str(5, std::nullopt));
      QUIVER_RETURN_NOT_OK(b.Str(6, f->nullable() ? "YES" : "NO"));
      QUIVER_RETURN_NOT_OK(b.Str(7, f->type()->ToString()));
      QUIVER_RETURN_NOT_OK(b.U64(8, std::nullopt));
      QUIVER_RETURN_NOT_OK(b.U64(9, facts.octet_len));
      QUIVER_RETURN_NOT_OK(b.U64(10, facts.precision));
      QUIVER_RETURN_NOT_OK(b.U64(11, facts.radix));
      QUIVER_RETURN_NOT_OK(b.U64(12, facts.scale));
      QUIVER_RETURN_NOT_OK(b.U64(13, std::nullopt));
      QUIVER_RETURN_NOT_OK(b.Str(14, std::nullopt));
      b.EndRow();
    }
  }
  return b.Finish();
}

Result<TableProviderPtr> BuildSchemata(const CatalogList& catalogs) {
  TableBuilder b(SchemataSchema());
  for (const auto& [c, s] : catalogs.AllSchemas()) {
    QUIVER_RETURN_NOT_OK(b.Str(0, c));
    QUIVER_RETURN_NOT_OK(b.Str(1, s));
    for (int col = 2; col < 7; ++col) QUIVER_RETURN_NOT_OK(b.Str(col, std::nullopt));
    b.EndRow();
  }
  return b.Finish();
}

Result<TableProviderPtr> BuildSettings(const ConfigOptions& config) {
  TableBuilder b(SettingsSchema());
  for (const auto& e : config.Entries()) {
    const ConfigKeyDef* def = FindConfigKey(e.key);
    bool unset = e.value.empty() && def != nullptr && def->value == nullptr;
    QUIVER_RETURN_NOT_OK(b.Str(0, e.key));
    QUIVER_RETURN_NOT_OK(b.Str(1, unset ? OptStr() : OptStr(e.value)));
    QUIVER_RETURN_NOT_OK(b.Str(2, e.description));
    b.EndRow();
  }
  return b.Finish();
}

enum class Which { kTables, kViews, kColumns, kSchemata, kSettings };

// One information_schema table: a fixed schema, rows computed at scan time.
class InformationSchemaTable : public TableProvider {
 public:
  InformationSchemaTable(Which which, const CatalogList* catalogs, const ConfigOptions* config)
      : which_(which), catalogs_(catalogs), config_(config) {
    switch (which_) {
      case Which::kTables: schema_ = TablesSchema(); break;
      case Which::kViews: schema_ = ViewsSchema(); break;
      case Which::kColumns: schema_ = ColumnsSchema(); break;
      case Which::kSchemata: schema_ = SchemataSchema(); break;
      case Which::kSettings: schema_ = SettingsSchema(); break;
    }
  }

  SchemaPtr schema() const override { return schema_; }
  TableType table_type() const override { return TableType::kView; }

  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override {
    TableProviderPtr rows;
    switch (which_) {
      case Which::kTables: {
        QUIVER_ASSIGN_OR_RAISE(rows, BuildTables(*catalogs_));
        break;
      }
      case Which::kViews: {
        QUIVER_ASSIGN_OR_RAISE(rows, BuildViews(*catalogs_));
        break;
      }
      case Which::kColumns: {
        QUIVER_ASSIGN_OR_RAISE(rows, BuildColumns(*catalogs_));
        break;
      }
      case Which::kSchemata: {
        QUIVER_ASSIGN_OR_RAISE(rows, BuildSchemata(*catalogs_));
        break;
      }
      case Which::kSettings: {
        QUIVER_ASSIGN_OR_RAISE(rows, BuildSettings(*config_));
        break;
      }
    }
    return rows->Scan(args);
  }

 private:
  Which which_;
  const CatalogList* catalogs_;
  const ConfigOptions* config_;
  SchemaPtr schema_;
};

}  // namespace

const std::vector<std::string>& InformationSchemaProvider::TableNames() {
  static const std::vector<std::string> kNames = {"columns", "df_settings", "schemata", "tables",
                                                  "views"};
  return kNames;
}

TableProviderPtr InformationSchemaProvider::Table(const std::string& catalog,
                                                  const std::string& name) const {
  (void)catalog;  // every catalog's information_schema lists all catalogs, as in DataFusion
  Which which;
  if (name == "tables") {
    which = Which::kTables;
  } else if (name == "views") {
    which = Which::kViews;
  } else if (name == "columns") {
    which = Which::kColumns;
  } else if (name == "schemata") {
    which = Which::kSchemata;
  } else if (name == "df_settings") {
    which = Which::kSettings;
  } else {
    return nullptr;
  }
  return std::make_shared<InformationSchemaTable>(which, catalogs_, config_);
}

}  // namespace quiver
