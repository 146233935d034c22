#include "quiver/logical/function_registry.h"

#include <algorithm>
#include <cctype>

#include "quiver/common/edit_distance.h"

namespace quiver {

namespace {
std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

void FunctionRegistry::Register(ScalarUDFPtr fn) {
  for (const auto& alias : fn->aliases()) scalars_[Lower(alias)] = fn;
  scalars_[Lower(fn->name())] = std::move(fn);
}

void FunctionRegistry::Register(AggregateUDFPtr fn) {
  for (const auto& alias : fn->aliases()) aggregates_[Lower(alias)] = fn;
  aggregates_[Lower(fn->name())] = std::move(fn);
}

void FunctionRegistry::Register(WindowUDFPtr fn) {
  for (const auto& alias : fn->aliases()) windows_[Lower(alias)] = fn;
  windows_[Lower(fn->name())] = std::move(fn);
}

void FunctionRegistry::Register(TableFunctionPtr fn) {
  table_functions_[Lower(fn->name())] = std::move(fn);
}

namespace {
// Erases `name` and every other key bound to the same function.
template <typename Map>
bool EraseWithAliases(Map* m, const std::string& name) {
  auto it = m->find(name);
  if (it == m->end()) return false;
  auto fn = it->second;
  std::erase_if(*m, [&](const auto& kv) { return kv.second == fn; });
  return true;
}
}  // namespace

bool FunctionRegistry::Deregister(const std::string& name) {
  std::string n = Lower(name);
  bool scalar = EraseWithAliases(&scalars_, n);
  bool aggregate = EraseWithAliases(&aggregates_, n);
  bool window = EraseWithAliases(&windows_, n);
  return scalar || aggregate || window;
}

TableFunctionPtr FunctionRegistry::GetTableFunction(const std::string& name) const {
  auto it = table_functions_.find(Lower(name));
  return it == table_functions_.end() ? nullptr : it->second;
}

WindowUDFPtr FunctionRegistry::GetWindow(const std::string& name) const {
  auto it = windows_.find(Lower(name));
  return it == windows_.end() ? nullptr : it->second;
}

std::vector<std::string> FunctionRegistry::WindowNames() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : windows_) out.push_back(k);
  return out;
}

ScalarUDFPtr FunctionRegistry::GetScalar(const std::string& name) const {
  auto it = scalars_.find(Lower(name));
  return it == scalars_.end() ? nullptr : it->second;
}

AggregateUDFPtr FunctionRegistry::GetAggregate(const std::string& name) const {
  auto it = aggregates_.find(Lower(name));
  return it == aggregates_.end() ? nullptr : it->second;
}

std::vector<std::string> FunctionRegistry::ScalarNames() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : scalars_) out.push_back(k);
  return out;
}

std::vector<std::string> FunctionRegistry::AggregateNames() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : aggregates_) out.push_back(k);
  return out;
}

std::string FunctionRegistry::Suggest(const std::string& name) const {
  std::string best;
  size_t best_d = SIZE_MAX;
  std::string n = Lower(name);
  auto consider = [&](const std::string& k) {
    size_t d = EditDistance(n, k);
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  };
  for (const auto& [k, v] : scalars_) consider(k);
  for (const auto& [k, v] : aggregates_) consider(k);
  for (const auto& [k, v] : windows_) consider(k);
  return best;
}

}  // namespace quiver
