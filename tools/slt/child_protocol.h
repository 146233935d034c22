// Messages a script's child process streams to the parent through a pipe:
// length-prefixed frames, so that partial reads reassemble exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "outcome.h"

namespace quiver::slt {

enum class MessageType : uint8_t {
  kStart = 1,  // a record (or setup, index -1) begins: the parent arms its timer
  kOutcome,    // a record finished
  kFatal,      // the engine could not be set up; text says why
  kDone,       // every record ran
};

struct ChildMessage {
  MessageType type = MessageType::kDone;
  int index = -1;
  bool replay = false;
  RecordOutcome outcome;
  std::string text;
};

std::string EncodeMessage(const ChildMessage& msg);

/// Pops one complete message from the front of `buffer`; nullopt when the
/// buffer does not yet hold a whole frame. Sets *corrupt on a malformed frame.
std::optional<ChildMessage> DecodeMessage(std::string* buffer, bool* corrupt);

}  // namespace quiver::slt
