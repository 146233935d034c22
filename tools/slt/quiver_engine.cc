#include "quiver_engine.h"

#include <memory>

#include "arrow_cells.h"
#include "quiver/execution/session_context.h"

namespace quiver::slt {
namespace {

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
