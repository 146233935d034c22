#include "outcome.h"

namespace quiver::slt {

const char* FailKindName(FailKind kind) {
  switch (kind) {
    case FailKind::kNone: return "none";
    case FailKind::kWrongResult: return "wrong result";
    case FailKind::kUnexpectedError: return "unexpected error";
    case FailKind::kMissingError: return "expected an error";
    case FailKind::kErrorMismatch: return "error does not match pattern";
    case FailKind::kWrongCount: return "wrong row count";
    case FailKind::kTimeout: return "timeout";
    case FailKind::kCrash: return "crash";
    case FailKind::kParse: return "parse error";
    case FailKind::kSetup: return "setup failed";
  }
  return "unknown";
}

}  // namespace quiver::slt
