#include "child_protocol.h"

#include <algorithm>
#include <cstring>

namespace quiver::slt {
namespace {

// Outcome text is for reports; beyond this it is cut, keeping pipes and
// memory bounded when a query prints huge results.
constexpr size_t kMaxText = 64 * 1024;

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }

void PutString(std::string* out, const std::string& s) {
  size_t n = std::min(s.size(), kMaxText);
  PutU32(out, static_cast<uint32_t>(n));
  out->append(s.data(), n);
}

class Reader {
 public:
  Reader(const std::string& s, size_t pos, size_t end) : s_(s), pos_(pos), end_(end) {}
  bool U8(uint8_t* v) {
    if (pos_ + 1 > end_) return false;
    *v = static_cast<uint8_t>(s_[pos_++]);
    return true;
  }
  bool U32(uint32_t* v) {
    if (pos_ + 4 > end_) return false;
    std::memcpy(v, s_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool F64(double* v) {
    if (pos_ + 8 > end_) return false;
    std::memcpy(v, s_.data() + pos_, 8);
    pos_ += 8;
    return true;
  }
  bool Str(std::string* v) {
    uint32_t n = 0;
    if (!U32(&n) || pos_ + n > end_) return false;
    v->assign(s_.data() + pos_, n);
    pos_ += n;
    return true;
  }

 private:
  const std::string& s_;
  size_t pos_, end_;
};

}  // namespace

std::string EncodeMessage(const ChildMessage& msg) {
  std::string body;
  body.push_back(static_cast<char>(msg.type));
  PutU32(&body, static_cast<uint32_t>(msg.index));
  body.push_back(msg.replay ? 1 : 0);
  if (msg.type == MessageType::kOutcome) {
    const RecordOutcome& o = msg.outcome;
    body.push_back(static_cast<char>(o.verdict));
    body.push_back(static_cast<char>(o.fail));
    body.push_back(static_cast<char>((o.explain_matched ? 1 : 0) | (o.types_differ ? 2 : 0)));
    body.append(reinterpret_cast<const char*>(&o.millis), 8);
    PutString(&body, o.actual);
  } else if (msg.type == MessageType::kFatal) {
    PutString(&body, msg.text);
  }
  std::string frame;
  PutU32(&frame, static_cast<uint32_t>(body.size()));
  return frame + body;
}

std::optional<ChildMessage> DecodeMessage(std::string* buffer, bool* corrupt) {
  *corrupt = false;
  if (buffer->size() < 4) return std::nullopt;
  uint32_t len = 0;
  std::memcpy(&len, buffer->data(), 4);
  if (len > 4 * kMaxText) {
    *corrupt = true;
    return std::nullopt;
  }
  if (buffer->size() < 4 + static_cast<size_t>(len)) return std::nullopt;
  Reader r(*buffer, 4, 4 + len);
  ChildMessage msg;
  uint8_t type = 0, replay = 0;
  uint32_t index = 0;
  bool ok = r.U8(&type) && r.U32(&index) && r.U8(&replay);
  msg.type = static_cast<MessageType>(type);
  msg.index = static_cast<int>(index);
  msg.replay = replay != 0;
  if (ok && msg.type == MessageType::kOutcome) {
    uint8_t verdict = 0, fail = 0, matched = 0;
    ok = r.U8(&verdict) && r.U8(&fail) && r.U8(&matched) && r.F64(&msg.outcome.millis) &&
         r.Str(&msg.outcome.actual);
    msg.outcome.verdict = static_cast<Verdict>(verdict);
    msg.outcome.fail = static_cast<FailKind>(fail);
    msg.outcome.explain_matched = (matched & 1) != 0;
    msg.outcome.types_differ = (matched & 2) != 0;
    msg.outcome.index = msg.index;
  } else if (ok && msg.type == MessageType::kFatal) {
    ok = r.Str(&msg.text);
  } else if (ok && msg.type != MessageType::kStart && msg.type != MessageType::kDone) {
    ok = false;
  }
  buffer->erase(0, 4 + len);
  if (!ok) {
    *corrupt = true;
    return std::nullopt;
  }
  return msg;
}

}  // namespace quiver::slt
