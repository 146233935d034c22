#include "quiver/execution/catalog.h"

namespace quiver {

CatalogList::CatalogList(std::string default_catalog, std::string default_schema)
    : default_catalog_(std::move(default_catalog)), default_schema_(std::move(default_schema)) {
  catalogs_[default_catalog_][default_schema_];
}

TableReference CatalogList::Resolve(const TableReference& ref) const {
  std::lock_guard<std::mutex> lock(mu_);
  TableReference r = ref;
  if (r.catalog.empty()) r.catalog = default_catalog_;
  if (r.schema.empty()) r.schema = default_schema_;
  return r;
}

TableProviderPtr CatalogList::GetTable(const TableReference& ref) const {
  TableReference r = Resolve(ref);
  std::lock_guard<std::mutex> lock(mu_);
  auto c = catalogs_.find(r.catalog);
  if (c == catalogs_.end()) return nullptr;
  auto s = c->second.find(r.schema);
  if (s == c->second.end()) return nullptr;
  auto t = s->second.find(r.table);
  return t == s->second.end() ? nullptr : t->second;
}

Status CatalogList::RegisterTable(const TableReference& ref, TableProviderPtr table, bool replace) {
  TableReference r = Resolve(ref);
  std::lock_guard<std::mutex> lock(mu_);
  auto c = catalogs_.find(r.catalog);
  if (c == catalogs_.end()) return Status::Plan("failed to resolve catalog: " + r.catalog);
  auto s = c->second.find(r.schema);
  if (s == c->second.end()) return Status::Plan("failed to resolve schema: " + r.schema);
  if (!replace && s->second.count(r.table)) {
    return Status::Execution("The table " + r.table + " already exists");
  }
  s->second[r.table] = std::move(table);
  definitions_.erase(r.ToString());
  return Status::OK();
}

bool CatalogList::DeregisterTable(const TableReference& ref) {
  TableReference r = Resolve(ref);
  std::lock_guard<std::mutex> lock(mu_);
  auto c = catalogs_.find(r.catalog);
  if (c == catalogs_.end()) return false;
  auto s = c->second.find(r.schema);
  if (s == c->second.end()) return false;
  definitions_.erase(r.ToString());
  return s->second.erase(r.table) > 0;
}

Status CatalogList::CreateSchema(const std::string& catalog, const std::string& schema,
                                 bool if_not_exists) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!catalog.empty() && catalogs_.count(catalog) == 0) {
    return Status::Plan("failed to resolve catalog: " + catalog);
  }
  auto c = catalogs_.find(catalog.empty() ? default_catalog_ : catalog);
  if (c == catalogs_.end()) return Status::Plan("failed to resolve catalog: " + catalog);
  if (c->second.count(schema)) {
    if (if_not_exists) return Status::OK();
    return Status::Execution("Schema '" + schema + "' already exists");
  }
  c->second[schema];
  return Status::OK();
}

Status CatalogList::CreateCatalog(const std::string& catalog, bool if_not_exists) {
  std::lock_guard<std::mutex> lock(mu_);
  if (catalogs_.count(catalog)) {
    if (if_not_exists) return Status::OK();
    return Status::Execution("Catalog '" + catalog + "' already exists");
  }
  catalogs_[catalog];
  return Status::OK();
}

bool CatalogList::HasSchema(const std::string& catalog, const std::string& schema) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto c = catalogs_.find(catalog);
  return c != catalogs_.end() && c->second.count(schema);
}

std::vector<CatalogList::TableEntry> CatalogList::AllTables() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TableEntry> out;
  for (const auto& [c, schemas] : catalogs_) {
    for (const auto& [s, tables] : schemas) {
      for (const auto& [t, p] : tables) {
        std::optional<std::string> def;
        auto d = definitions_.find(TableReference{c, s, t}.ToString());
        if (d != definitions_.end()) def = d->second;
        out.push_back({c, s, t, p, std::move(def)});
      }
    }
  }
  return out;
}

Status CatalogList::DropSchema(const std::string& catalog, const std::string& schema,
                               bool if_exists, bool cascade) {
  std::lock_guard<std::mutex> lock(mu_);
  auto c = catalogs_.find(catalog.empty() ? default_catalog_ : catalog);
  if (c == catalogs_.end() || c->second.count(schema) == 0) {
    if (if_exists) return Status::OK();
    return Status::Execution("Schema '" + schema + "' doesn't exist.");
  }
  auto s = c->second.find(schema);
  if (!cascade && !s->second.empty()) {
    std::string names;
    for (const auto& [t, p] : s->second) names += (names.empty() ? "" : ", ") + t;
    return Status::Execution("Cannot drop schema " + schema +
                             " because other tables depend on it: " + names);
  }
  c->second.erase(s);
  return Status::OK();
}

bool CatalogList::HasCatalog(const std::string& catalog) const {
  std::lock_guard<std::mutex> lock(mu_);
  return catalogs_.count(catalog) > 0;
}

void CatalogList::SetDefinition(const TableReference& ref, std::string sql) {
  TableReference r = Resolve(ref);
  std::lock_guard<std::mutex> lock(mu_);
  definitions_[r.ToString()] = std::move(sql);
}

void CatalogList::SetDefaults(std::string catalog, std::string schema) {
  std::lock_guard<std::mutex> lock(mu_);
  default_catalog_ = std::move(catalog);
  default_schema_ = std::move(schema);
}

std::string CatalogList::default_catalog() const {
  std::lock_guard<std::mutex> lock(mu_);
  return default_catalog_;
}

std::string CatalogList::default_schema() const {
  std::lock_guard<std::mutex> lock(mu_);
  return default_schema_;
}

std::vector<std::pair<std::string, std::string>> CatalogList::AllSchemas() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [c, schemas] : catalogs_) {
    for (const auto& [s, tables] : schemas) out.emplace_back(c, s);
  }
  return out;
}

}  // namespace quiver
