#include "quiver/execution/read_file_functions.h"

#include "quiver/datasource/arrow_format.h"
#include "quiver/datasource/json_format.h"
#include "quiver/datasource/listing_table.h"
#include "quiver/logical/table_function.h"

namespace quiver {

namespace {

class ReadFileFunction : public TableFunction {
 public:
  ReadFileFunction(std::string name, bool json) : name_(std::move(name)), json_(json) {}
  std::string name() const override { return name_; }
  Result<TableSourcePtr> Call(const std::vector<ScalarValue>& args) const override {
    if (args.size() != 1 || args[0].is_null() || !args[0].type()->is_string()) {
      return Status::Plan(name_ + " requires one argument: the path of the file(s) as a string");
    }
    std::string path(args[0].GetString());
    FileFormatPtr format;
    if (json_) {
      json::JsonReadOptions options;
      // A directory holds .json files; a named file may have any suffix.
      options.file_extension = ".json";
      format = std::make_shared<JsonFormat>(options);
    } else {
      format = std::make_shared<ArrowFormat>();
    }
    QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, format));
    return TableSourcePtr(table);
  }

 private:
  std::string name_;
  bool json_;
};

}  // namespace

void RegisterReadFileFunctions(FunctionRegistry* registry) {
  registry->Register(std::make_shared<ReadFileFunction>("read_json", true));
  registry->Register(std::make_shared<ReadFileFunction>("read_ndjson", true));
  registry->Register(std::make_shared<ReadFileFunction>("read_arrow", false));
}

}  // namespace quiver
