// A scriptable stand-in engine: the runner's own tests and `--engine fake`
// use it to exercise every path (rows, errors, hangs, crashes) without SQL.
//
// It understands one command per SQL text (leading blanks ignored):
//   ROWS <types> <cell,cell,...>[|<cell,...>]...   a result; "NULL" stays NULL
//   FAIL <message>                                  an error with that message
//   SLEEP <milliseconds>                            sleeps, then succeeds
//   ABORT                                           abort(): a crash
//   OK                                              succeeds with no rows
//   SET <name> <value> / GET <name>                 session state, to observe replays
//   CWD                                             one row: the working directory
// Anything else fails with "fake engine: unsupported SQL".
#pragma once

#include <map>
#include <memory>

#include "engine.h"

namespace quiver::slt {

class FakeEngine : public SltEngine {
 public:
  Status Execute(const std::string& sql) override;
  Result<SltQueryResult> Query(const std::string& sql) override;

 private:
  std::map<std::string, std::string> vars_;
};

EngineFactory FakeEngineFactory();

}  // namespace quiver::slt
