// Hashing and encoding functions: to_hex, md5, sha224/256/384/512, digest,
// encode/decode (base64, hex). Digests come from OpenSSL's EVP interface.
#include <openssl/evp.h>

#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

constexpr char kHex[] = "0123456789abcdef";

void AppendHex(std::string_view bytes, std::string* out) {
  for (unsigned char c : bytes) {
    out->push_back(kHex[c >> 4]);
    out->push_back(kHex[c & 15]);
  }
}

const EVP_MD* DigestByName(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "md5") return EVP_md5();
  if (n == "sha224") return EVP_sha224();
  if (n == "sha256") return EVP_sha256();
  if (n == "sha384") return EVP_sha384();
  if (n == "sha512") return EVP_sha512();
  if (n == "blake2b") return EVP_blake2b512();
  if (n == "blake2s") return EVP_blake2s256();
  return nullptr;
}

bool Digest(const EVP_MD* md, std::string_view in, std::string* out) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(in.data(), in.size(), buf, &len, md, nullptr) != 1) return false;
  out->append(reinterpret_cast<const char*>(buf), len);
  return true;
}

Result<std::vector<DataTypePtr>> CoerceBinaryOrString(const std::string& name, const Types& a,
                                                      size_t arity) {
  if (a.size() != arity) return SignatureError(name, a, {arity == 1 ? "Utf8" : "Utf8, Utf8"});
  Types out;
  for (size_t i = 0; i < a.size(); ++i) {
    DataTypePtr t = a[i]->id() == TypeId::kDictionary ? a[i]->value_type() : a[i];
    if (t->id() == TypeId::kNull) t = utf8();
    bool ok = t->is_string() || (i == 0 && t->is_binary());
    if (!ok) return SignatureError(name, a, {arity == 1 ? "Utf8" : "Utf8, Utf8"});
    out.push_back(t);
  }
  return out;
}

/// md5 returns hex text; the sha family returns binary (as DataFusion does).
FunctionSpec HashSpec(const std::string& name, const EVP_MD* md, bool hex) {
  FunctionSpec s;
  s.name = name;
  s.coerce = [name](const Types& a) { return CoerceBinaryOrString(name, a, 1); };
  s.return_type = [hex](const Types&) -> Result<DataTypePtr> { return hex ? utf8() : binary(); };
  s.invoke = [md, hex](const Args& a, int64_t n) {
    StringReader r(a[0]);
    std::string tmp;
    Status err;
    return MapToString(
        a, n, hex ? utf8() : binary(),
        [&](int64_t i, std::string& out) {
          tmp.clear();
          if (!Digest(md, r.Get(i), hex ? &tmp : &out)) {
            err = Status::Execution("digest computation failed");
            return kRowError;
          }
          if (hex) AppendHex(tmp, &out);
          return kRowValue;
        },
        &err);
  };
  return s;
}

template <typename T>
Result<Datum> ToHex(const Args& a, int64_t rows) {
  NumReader<T> r(a[0]);
  return MapToString(a, rows, utf8(), [&](int64_t i, std::string& out) {
    auto v = static_cast<std::make_unsigned_t<T>>(r.Get(i));
    char buf[32];
    int len = 0;
    do {
      buf[len++] = kHex[v & 15];
      v >>= 4;
    } while (v);
    while (len) out.push_back(buf[--len]);
    return kRowValue;
  });
}

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void Base64Encode(std::string_view in, std::string* out) {
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out->push_back(kB64[(v >> k) & 63]);
  }
  size_t rest = in.size() - i;
  if (rest == 1) {
    uint32_t v = uint8_t(in[i]) << 16;
    out->push_back(kB64[(v >> 18) & 63]);
    out->push_back(kB64[(v >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out->push_back(kB64[(v >> 18) & 63]);
    out->push_back(kB64[(v >> 12) & 63]);
    out->push_back(kB64[(v >> 6) & 63]);
  }
}

int B64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool Base64Decode(std::string_view in, std::string* out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = B64Value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return in.size() % 4 != 1;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HexDecode(std::string_view in, std::string* out) {
  if (in.size() % 2) return false;
  for (size_t i = 0; i < in.size(); i += 2) {
    int h = HexValue(in[i]), l = HexValue(in[i + 1]);
    if (h < 0 || l < 0) return false;
    out->push_back(static_cast<char>(h * 16 + l));
  }
  return true;
}

Result<std::string> EncodingName(const Args& a, const char* fn) {
  if (!a[1].is_scalar) {
    return Status::NotImplemented(std::string("Second argument to ") + fn +
                                  " must be a constant: Encoding name");
  }
  StringReader r(a[1]);
  std::string name = r.IsNull(0) ? "" : AsciiLower(r.Get(0));
  if (name != "base64" && name != "hex") {
    return Status::Execution("There is no built-in encoding named '" + std::string(r.Get(0)) +
                             "', currently supported encodings are: base64, hex");
  }
  return name;
}

Result<Datum> Encode(const Args& a, int64_t rows) {
  QUIVER_ASSIGN_OR_RAISE(auto enc, EncodingName(a, "encode"));
  StringReader r(a[0]);
  bool b64 = enc == "base64";
  bool large = a[0].type()->id() == TypeId::kLargeUtf8 || a[0].type()->id() == TypeId::kLargeBinary;
  return MapToString(a, rows, large ? large_utf8() : utf8(), [&](int64_t i, std::string& out) {
    if (b64) {
      Base64Encode(r.Get(i), &out);
    } else {
      AppendHex(r.Get(i), &out);
    }
    return kRowValue;
  });
}

Result<Datum> Decode(const Args& a, int64_t rows) {
  QUIVER_ASSIGN_OR_RAISE(auto enc, EncodingName(a, "decode"));
  StringReader r(a[0]);
  bool b64 = enc == "base64";
  Status err;
  DataTypePtr out_type =
      a[0].type()->id() == TypeId::kLargeUtf8 || a[0].type()->id() == TypeId::kLargeBinary
          ? large_binary()
          : binary();
  return MapToString(
      a, rows, out_type,
      [&](int64_t i, std::string& out) {
        bool ok = b64 ? Base64Decode(r.Get(i), &out) : HexDecode(r.Get(i), &out);
        if (!ok) {
          err = Status::Execution(std::string("Failed to decode value using ") + enc);
          return kRowError;
        }
        return kRowValue;
      },
      &err);
}

}  // namespace

void RegisterEncodingFunctions(FunctionRegistry* r) {
  auto add = [&](FunctionSpec s) { r->Register(std::make_shared<SpecFunction>(std::move(s))); };
  add(HashSpec("md5", EVP_md5(), true));
  add(HashSpec("sha224", EVP_sha224(), false));
  add(HashSpec("sha256", EVP_sha256(), false));
  add(HashSpec("sha384", EVP_sha384(), false));
  add(HashSpec("sha512", EVP_sha512(), false));
  {
    FunctionSpec s;
    s.name = "digest";
    s.coerce = [](const Types& a) { return CoerceBinaryOrString("digest", a, 2); };
    s.return_type = [](const Types&) -> Result<DataTypePtr> { return binary(); };
    s.invoke = [](const Args& a, int64_t n) -> Result<Datum> {
      StringReader v(a[0]), alg(a[1]);
      Status err;
      return MapToString(
          a, n, binary(),
          [&](int64_t i, std::string& out) {
            const EVP_MD* md = DigestByName(alg.Get(i));
            if (!md) {
              err = Status::Plan("There is no built-in digest algorithm named '" +
                                 std::string(alg.Get(i)) +
                                 "', currently supported algorithms are: md5, sha224, sha256, "
                                 "sha384, sha512, blake2b, blake2s");
              return kRowError;
            }
            return Digest(md, v.Get(i), &out) ? kRowValue : kRowError;
          },
          &err);
    };
    add(std::move(s));
  }
  {
    FunctionSpec s;
    s.name = "to_hex";
    s.coerce = [](const Types& a) -> Result<Types> {
      if (a.size() != 1 || !(a[0]->is_integer() || a[0]->id() == TypeId::kNull)) {
        return SignatureError("to_hex", a, {"Int64"});
      }
      return Types{a[0]->id() == TypeId::kNull ? int64() : a[0]};
    };
    s.return_type = [](const Types&) -> Result<DataTypePtr> { return utf8(); };
    s.invoke = [](const Args& a, int64_t n) -> Result<Datum> {
      switch (a[0].type()->id()) {
        case TypeId::kInt8: return ToHex<int8_t>(a, n);
        case TypeId::kInt16: return ToHex<int16_t>(a, n);
        case TypeId::kInt32: return ToHex<int32_t>(a, n);
        case TypeId::kUInt8: return ToHex<uint8_t>(a, n);
        case TypeId::kUInt16: return ToHex<uint16_t>(a, n);
        case TypeId::kUInt32: return ToHex<uint32_t>(a, n);
        case TypeId::kUInt64: return ToHex<uint64_t>(a, n);
        default: return ToHex<int64_t>(a, n);
      }
    };
    add(std::move(s));
  }
  for (bool enc : {true, false}) {
    FunctionSpec s;
    s.name = enc ? "encode" : "decode";
    std::string name = s.name;
    s.coerce = [name](const Types& a) { return CoerceBinaryOrString(name, a, 2); };
    s.return_type = [enc](const Types& a) -> Result<DataTypePtr> {
      bool large = a[0]->id() == TypeId::kLargeUtf8 || a[0]->id() == TypeId::kLargeBinary;
      if (enc) return large ? large_utf8() : utf8();
      return large ? large_binary() : binary();
    };
    if (enc) {
      s.invoke = Encode;
    } else {
      s.invoke = Decode;
    }
    add(std::move(s));
  }
}

}  // namespace quiver::functions
