// arrow_typeof(x): the argument's type as DataFusion prints it.
// (arrow_cast(x, 'Type') needs a constant-dependent result type, so the
// planner rewrites it to a CAST using ParseArrowTypeString; see type_string.h.)
#include "quiver/functions/function_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {

void RegisterTypeFunctions(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "arrow_typeof";
  s.coerce = [](const std::vector<DataTypePtr>& a) -> Result<std::vector<DataTypePtr>> {
    if (a.size() != 1) {
      return Status::Plan("arrow_typeof function requires 1 arguments, got " +
                          std::to_string(a.size()));
    }
    return a;
  };
  s.return_type = [](const std::vector<DataTypePtr>&) -> Result<DataTypePtr> { return utf8(); };
  s.invoke = [](const std::vector<Datum>& a, int64_t) -> Result<Datum> {
    QUIVER_ASSIGN_OR_RAISE(auto out, Utf8Scalar(a[0].type()->ToString()));
    return Datum::Scalar(std::move(out));
  };
  r->Register(std::make_shared<SpecFunction>(std::move(s)));
}

}  // namespace quiver::functions
