// DROP SCHEMA / DROP FUNCTION / CREATE FUNCTION: statements on the catalog
// and the function registry rather than on tables.
#include "quiver/execution/session_state.h"
#include "quiver/execution/sql_statements.h"

namespace quiver {

Result<DataFrame> RunDropCatalogObject(const std::shared_ptr<SessionState>& state,
                                       const sql::Drop& drop) {
  for (const auto& name : drop.names) {
    switch (drop.object) {
      case sql::ObjectKind::kSchema: {
        if (name.empty() || name.size() > 2) {
          return Status::Plan("Invalid schema name in DROP SCHEMA");
        }
        std::string catalog = name.size() == 2 ? name[0].value : "";
        QUIVER_RETURN_NOT_OK(
            state->catalog().DropSchema(catalog, name.back().value, drop.if_exists, drop.cascade));
        break;
      }
      case sql::ObjectKind::kFunction: {
        if (name.size() != 1) {
          return Status::NotImplemented("Qualified functions are not supported");
        }
        if (!state->mutable_functions().Deregister(name[0].value) && !drop.if_exists) {
          return Status::Execution("Function does not exist");
        }
        break;
      }
      default: return Status::NotImplemented("DROP of this object kind");
    }
  }
  return DataFrame(state, MakeEmptyRelation(false));
}

std::string ExternalTableDefinition(const sql::CreateExternalTable& create) {
  std::string name;
  for (const auto& part : create.name) name += (name.empty() ? "" : ".") + part.value;
  return "CREATE EXTERNAL TABLE " + name + " STORED AS " + create.file_type + " LOCATION " +
         create.location;
}

Result<DataFrame> RunCreateFunction(const std::shared_ptr<SessionState>& state,
                                    const sql::CreateFunction& create) {
  (void)state;
  if (create.name.size() != 1) {
    return Status::NotImplemented("Qualified functions are not supported");
  }
  // DataFusion hands CREATE FUNCTION to a user-installed FunctionFactory;
  // Quiver has no such extension point yet, and answers as DataFusion does
  // without one.
  return Status::Configuration("Function factory has not been configured");
}

}  // namespace quiver
