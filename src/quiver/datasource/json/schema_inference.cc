// NDJSON schema inference: walks values with the tokenizer (no tree) and
// accumulates, per member path, which kinds of values were seen.
#include <charconv>
#include <map>

#include "quiver/datasource/json/json_reader.h"
#include "quiver/datasource/json/line_reader.h"
#include "quiver/datasource/json/scanner.h"

namespace quiver::json {

using internal::JsonKind;
using internal::Scanner;

struct JsonSchemaInferrer::Node {
  enum Shape : uint8_t { kAny, kScalar, kArray, kObject, kConflict };
  enum Scalar : uint8_t { kBool = 1, kInt = 2, kFloat = 4, kString = 8 };
  Shape shape = kAny;
  uint8_t scalars = 0;
  std::unique_ptr<Node> element;                                       // kArray
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> members;  // kObject, in order
  std::map<std::string, size_t, std::less<>> index;

  Node* Member(std::string_view name) {
    auto it = index.find(name);
    if (it != index.end()) return members[it->second].second.get();
    index.emplace(std::string(name), members.size());
    members.emplace_back(std::string(name), std::make_unique<Node>());
    return members.back().second.get();
  }

  // Moves to `want` if compatible: a scalar and an array merge into an
  // array of the scalars (like arrow-json); objects mix with nothing.
  bool Become(Shape want) {
    if (shape == kConflict) return false;
    if (shape == kAny || shape == want) {
      shape = want;
      return true;
    }
    if (shape == kScalar && want == kArray) {
      shape = kArray;
      element = std::make_unique<Node>();
      element->shape = kScalar;
      element->scalars = scalars;
      scalars = 0;
      return true;
    }
    if (shape == kArray && want == kScalar) return true;  // caller adds to the element
    shape = kConflict;
    element.reset();
    members.clear();
    index.clear();
    return false;
  }

  void AddScalar(uint8_t s) {
    if (!Become(kScalar)) return;
    if (shape == kArray) {
      element->AddScalar(s);
    } else {
      scalars |= s;
    }
  }

  Status Infer(Scanner* sc, int depth, std::string* scratch) {
    if (depth > Scanner::kMaxDepth) return sc->Unexpected("less deeply nested values");
    JsonKind k = sc->PeekKind();
    std::string_view text;
    switch (k) {
      case JsonKind::kNull: return sc->ParseLiteral(k);
      case JsonKind::kTrue:
      case JsonKind::kFalse: AddScalar(kBool); return sc->ParseLiteral(k);
      case JsonKind::kString: AddScalar(kString); return sc->ParseString(&text, scratch);
      case JsonKind::kNumber: {
        bool is_int;
        QUIVER_RETURN_NOT_OK(sc->ParseNumber(&text, &is_int));
        if (is_int) {
          int64_t v;
          auto r = std::from_chars(text.data(), text.data() + text.size(), v);
          if (r.ec != std::errc()) is_int = false;  // beyond Int64
        }
        AddScalar(is_int ? kInt : kFloat);
        return Status::OK();
      }
      case JsonKind::kArray: {
        bool ok = Become(kArray);
        if (ok && !element) element = std::make_unique<Node>();
        sc->Consume('[');
        if (sc->Consume(']')) return Status::OK();
        do {
          if (ok) {
            QUIVER_RETURN_NOT_OK(element->Infer(sc, depth + 1, scratch));
          } else {
            QUIVER_RETURN_NOT_OK(sc->SkipValue(depth + 1));
          }
        } while (sc->Consume(','));
        if (!sc->Consume(']')) return sc->Unexpected("',' or ']'");
        return Status::OK();
      }
      case JsonKind::kObject: {
        bool ok = Become(kObject);
        sc->Consume('{');
        if (sc->Consume('}')) return Status::OK();
        do {
          sc->SkipWs();
          if (sc->Peek() != '"') return sc->Unexpected("a string key");
          std::string_view key;
          QUIVER_RETURN_NOT_OK(sc->ParseString(&key, scratch));
          if (!sc->Consume(':')) return sc->Unexpected("':'");
          if (ok) {
            Node* m = Member(key);
            QUIVER_RETURN_NOT_OK(m->Infer(sc, depth + 1, scratch));
          } else {
            QUIVER_RETURN_NOT_OK(sc->SkipValue(depth + 1));
          }
        } while (sc->Consume(','));
        if (!sc->Consume('}')) return sc->Unexpected("',' or '}'");
        return Status::OK();
      }
      case JsonKind::kBad: break;
    }
    return sc->Unexpected("a JSON value");
  }

  DataTypePtr Type() const {
    switch (shape) {
      case kAny: return null();
      case kScalar:
        if (scalars == kBool) return boolean();
        if (scalars == kInt) return int64();
        if ((scalars & ~(kInt | kFloat)) == 0) return float64();
        return utf8();
      case kArray: return list(field("item", element->Type(), true));
      case kObject: {
        std::vector<FieldPtr> fields;
        for (const auto& [name, node] : members) fields.push_back(field(name, node->Type(), true));
        return struct_(std::move(fields));
      }
      case kConflict: break;
    }
    return utf8();
  }
};

JsonSchemaInferrer::JsonSchemaInferrer() : root_(std::make_unique<Node>()) {
  root_->shape = Node::kObject;
}
JsonSchemaInferrer::~JsonSchemaInferrer() = default;

Status JsonSchemaInferrer::Update(const ByteSourcePtr& source, CsvCompression compression,
                                  int64_t* max_records) {
  if (*max_records <= 0) return Status::OK();
  QUIVER_ASSIGN_OR_RAISE(auto lines, internal::LineReader::Open(source, compression, {}));
  std::string scratch;
  std::string_view line;
  bool first = true;
  while (*max_records > 0) {
    QUIVER_ASSIGN_OR_RAISE(bool more, lines->NextLine(&line));
    if (!more) break;
    if (first && line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    first = false;
    Scanner sc(line.data(), line.data() + line.size());
    JsonKind k = sc.PeekKind();
    if (sc.AtEnd()) continue;
    Status st = k == JsonKind::kObject ? root_->Infer(&sc, 0, &scratch)
                                       : sc.Unexpected("an object (one per line)");
    if (st.ok()) {
      sc.SkipWs();
      if (!sc.AtEnd()) st = sc.Unexpected("the end of the line after the object");
    }
    if (!st.ok()) {
      QUIVER_ASSIGN_OR_RAISE(int64_t n, lines->LineNumber());
      return Status::Arrow("Json error: " + source->name() + " line " + std::to_string(n) + ": " +
                           st.message());
    }
    --*max_records;
  }
  return Status::OK();
}

SchemaPtr JsonSchemaInferrer::Finish() const {
  std::vector<FieldPtr> fields;
  for (const auto& [name, node] : root_->members) fields.push_back(field(name, node->Type(), true));
  return schema(std::move(fields));
}

}  // namespace quiver::json
