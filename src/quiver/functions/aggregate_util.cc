#include "quiver/functions/aggregate_util.h"

namespace quiver::functions {

Result<std::vector<DataTypePtr>> CoerceNumericToFloat64(const std::string& name,
                                                        const std::vector<DataTypePtr>& args,
                                                        size_t arity) {
  std::string cand = arity == 1 ? "Float64" : "Float64, Float64";
  if (args.size() != arity) return SignatureError(name, args, {cand});
  for (const auto& t : args) {
    if (!(t->is_numeric() || t->id() == TypeId::kNull)) return SignatureError(name, args, {cand});
  }
  return std::vector<DataTypePtr>(arity, float64());
}

}  // namespace quiver::functions
