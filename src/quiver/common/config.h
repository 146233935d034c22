// Session configuration: DataFusion's keys (`datafusion.execution.batch_size`,
// ...), accepted as written so scripts and applications carry over, with typed
// accessors for the ones the engine reads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver {

class ConfigOptions {
 public:
  ConfigOptions();

  /// Sets a known key (case-insensitive); unknown keys are a Configuration
  /// error, bad values too ("a" for an integer).
  Status Set(const std::string& key, const std::string& value);
  Result<std::string> Get(const std::string& key) const;
  /// All keys in order, with values and descriptions (SHOW ALL).
  struct Entry {
    std::string key;
    std::string value;
    std::string description;
  };
  std::vector<Entry> Entries() const;

  int64_t batch_size() const { return GetInt("datafusion.execution.batch_size"); }
  int target_partitions() const {
    return static_cast<int>(GetInt("datafusion.execution.target_partitions"));
  }
  bool GetBool(const std::string& key) const;
  int64_t GetInt(const std::string& key) const;
  std::string GetString(const std::string& key) const;

 private:
  enum class Kind { kBool, kInt, kString };
  struct Option {
    Kind kind;
    std::string value;
    std::string description;
  };
  void Define(const std::string& key, Kind kind, std::string value, std::string description);
  std::map<std::string, Option> options_;
};

}  // namespace quiver
