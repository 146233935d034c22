#include "quiver/arrow/status.h"

namespace quiver {

Status::Status(ErrorKind kind, std::string message, SourceLocation loc) {
  if (kind != ErrorKind::kOk)
    state_ = std::make_unique<State>(State{kind, std::move(message), loc});
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(state_->kind, context + ": " + state_->message, state_->loc);
}

Status Status::WithLocation(SourceLocation loc) const {
  if (ok() || state_->loc.line != 0) return *this;
  return Status(state_->kind, state_->message, loc);
}

const char* Status::KindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return "OK";
    case ErrorKind::kParse: return "SQL error: ParserError";
    case ErrorKind::kPlan: return "Error during planning";
    case ErrorKind::kSchema: return "Schema error";
    case ErrorKind::kExecution: return "Execution error";
    case ErrorKind::kArrow: return "Arrow error";
    case ErrorKind::kIO: return "IO error";
    case ErrorKind::kNotImplemented: return "This feature is not implemented";
    case ErrorKind::kResourcesExhausted: return "Resources exhausted";
    case ErrorKind::kConfiguration: return "Invalid or Unsupported Configuration";
    case ErrorKind::kCancelled: return "Execution error";
    case ErrorKind::kInternal: return "Internal error";
  }
  return "Error";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out;
  if (state_->message.find("\ncaused by\n") != std::string::npos) {
    // A context chain ("context\ncaused by\n<error>") names its kinds itself.
    out = state_->message;
  } else if (state_->kind == ErrorKind::kParse) {
    out = "SQL error: ParserError(\"" + state_->message + "\")";
  } else {
    out = std::string(KindName(state_->kind)) + ": " + state_->message;
  }
  if (state_->loc.line != 0) {
    out += " at line " + std::to_string(state_->loc.line) + ", column " +
           std::to_string(state_->loc.column);
  }
  return out;
}

}  // namespace quiver
