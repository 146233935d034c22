#include "quiver_engine.h"

#include <memory>

#include "arrow_cells.h"
#include "quiver/datasource/mem_table.h"
#include "quiver/execution/session_context.h"
#include "quiver/execution/session_state.h"

namespace quiver::slt {
namespace {

// An empty table of type LOCAL TEMPORARY.
class TempTable : public MemTable {
 public:
  explicit TempTable(SchemaPtr s) : MemTable(std::move(s), {}) {}
  TableType table_type() const override { return TableType::kTemporary; }
};

class QuiverEngine : public SltEngine {
 public:
  Status Init() {
    ConfigOptions config;
    // DataFusion runs every corpus script with four partitions; plans and
    // row orders in the scripts assume it.
    QUIVER_RETURN_NOT_OK(config.Set("datafusion.execution.target_partitions", "4"));
    ctx_ = std::make_unique<SessionContext>(std::move(config));
    return Status::OK();
  }

  // Tables DataFusion's runner registers before these scripts start.
  Status Prepare(const std::string& script_name) override {
    auto& catalog = ctx_->state()->catalog();
    if (script_name == "information_schema_columns.slt") {
      QUIVER_RETURN_NOT_OK(catalog.CreateCatalog("my_catalog", true));
      QUIVER_RETURN_NOT_OK(catalog.CreateSchema("my_catalog", "my_schema", true));
      auto s = schema({field("int32_col", int32(), false), field("float64_col", float64(), true),
                       field("utf8_col", utf8(), true), field("large_utf8_col", large_utf8(), false),
                       field("binary_col", binary(), false),
                       field("large_binary_col", large_binary(), false),
                       field("timestamp_nanos", timestamp(TimeUnit::kNanosecond), false)});
      return catalog.RegisterTable({"my_catalog", "my_schema", "t2"},
                                   std::make_shared<MemTable>(s, std::vector<std::vector<RecordBatchPtr>>{}));
    }
    if (script_name == "information_schema_table_types.slt") {
      auto s = schema({field("column1", int64(), true)});
      return catalog.RegisterTable(TableReference::Bare("temp"), std::make_shared<TempTable>(s));
    }
    return Status::OK();
  }

  Status Execute(const std::string& sql) override { return Run(sql).status(); }

  Result<SltQueryResult> Query(const std::string& sql) override { return Run(sql); }

  // DataFusion's runner shows errors as "DataFusion error: <error>", and the
  // corpus patterns often include that prefix.
  std::string ErrorText(const Status& status) const override {
    return "DataFusion error: " + status.ToString();
  }

 private:
  Result<SltQueryResult> Run(const std::string& sql) {
    QUIVER_ASSIGN_OR_RAISE(DataFrame df, ctx_->Sql(sql));
    QUIVER_ASSIGN_OR_RAISE(std::vector<RecordBatchPtr> batches, df.Collect());
    // Column types come from the plan, so that empty results have them too.
    std::vector<FieldPtr> fields;
    for (int i = 0; i < df.schema().num_fields(); ++i) fields.push_back(df.schema().field(i));
    return BatchesToResult(Schema(std::move(fields)), batches);
  }

  std::unique_ptr<SessionContext> ctx_;
};

}  // namespace

EngineFactory QuiverEngineFactory() {
  return []() -> Result<std::unique_ptr<SltEngine>> {
    auto engine = std::make_unique<QuiverEngine>();
    QUIVER_RETURN_NOT_OK(engine->Init());
    return std::unique_ptr<SltEngine>(std::move(engine));
  };
}

}  // namespace quiver::slt
