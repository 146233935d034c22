#include "fake_engine.h"

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace quiver::slt {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

Result<SltQueryResult> FakeEngine::Query(const std::string& sql) {
  std::istringstream in(sql);
  std::string cmd;
  in >> cmd;
  std::string rest;
  std::getline(in, rest);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.erase(0, 1);
  if (cmd == "OK") return SltQueryResult{};
  if (cmd == "FAIL") return Status::Execution(rest);
  if (cmd == "SLEEP") {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoll(rest.c_str())));
    return SltQueryResult{};
  }
  if (cmd == "ABORT") std::abort();
  if (cmd == "SET" || cmd == "GET") {
    std::istringstream r(rest);
    std::string name, value;
    r >> name >> value;
    if (cmd == "SET") {
      vars_[name] = value;
      return SltQueryResult{};
    }
    auto it = vars_.find(name);
    if (it == vars_.end()) return Status::Execution("fake engine: no variable " + name);
    return SltQueryResult{"T", {{it->second}}};
  }
  if (cmd == "CWD") {
    char buf[4096];
    if (getcwd(buf, sizeof(buf)) == nullptr) return Status::IO("getcwd failed");
    return SltQueryResult{"T", {{buf}}};
  }
  if (cmd == "ROWS") {
    SltQueryResult out;
    std::istringstream r(rest);
    std::string cells;
    r >> out.types;
    std::getline(r, cells);
    while (!cells.empty() && cells.front() == ' ') cells.erase(0, 1);
    if (cells.empty()) return out;
    for (const auto& row : Split(cells, '|')) out.rows.push_back(Split(row, ','));
    return out;
  }
  return Status::NotImplemented("fake engine: unsupported SQL: " + sql);
}

Status FakeEngine::Execute(const std::string& sql) { return Query(sql).status(); }

EngineFactory FakeEngineFactory() {
  return []() -> Result<std::unique_ptr<SltEngine>> {
    return std::unique_ptr<SltEngine>(std::make_unique<FakeEngine>());
  };
}

}  // namespace quiver::slt
