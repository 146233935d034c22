#include "quiver/common/json.h"

#include <gtest/gtest.h>

#include <cmath>

namespace quiver::json {
namespace {

Value MustParse(std::string_view text) {
  auto r = Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : Value();
}

std::string ErrorOf(std::string_view text) {
  auto r = Parse(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.status().message();
}

TEST(JsonTest, Scalars) {
  EXPECT_TRUE(MustParse("null").is_null());
  EXPECT_TRUE(MustParse(" true ").bool_value());
  EXPECT_FALSE(MustParse("false").bool_value());
  EXPECT_EQ(MustParse("-12.5e1").number(), -125.0);
  EXPECT_EQ(MustParse("0").number(), 0.0);
  EXPECT_EQ(MustParse("\"abc\"").string(), "abc");
  EXPECT_EQ(*MustParse("9223372036854775807").ToInt64(), INT64_MAX);
  EXPECT_EQ(*MustParse("-9223372036854775808").ToInt64(), INT64_MIN);
  EXPECT_EQ(*MustParse("1e3").ToInt64(), 1000);
  EXPECT_FALSE(MustParse("9223372036854775808").ToInt64().ok());
  EXPECT_FALSE(MustParse("1.5").ToInt64().ok());
  EXPECT_FALSE(MustParse("\"1\"").ToInt64().ok());
  EXPECT_TRUE(std::isinf(MustParse("1e999").number()));
}

TEST(JsonTest, Escapes) {
  EXPECT_EQ(MustParse(R"("a\"b\\c\/d\b\f\n\r\t")").string(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(MustParse(R"("\u0041\u00e9\u20AC")").string(), "A\xC3\xA9\xE2\x82\xAC");
  // U+1F600 as a surrogate pair.
  EXPECT_EQ(MustParse(R"("\ud83d\ude00")").string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(MustParse("\"h\xC3\xA9llo\"").string(), "h\xC3\xA9llo");
}

TEST(JsonTest, Containers) {
  Value v = MustParse(R"({"type": "record", "fields": [{"name": "a", "type": ["null", "int"]}],
                          "n": 3, "type": "dup"})");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.object().size(), 4u);
  EXPECT_EQ(v.Find("type")->string(), "record");  // first of a repeated key
  EXPECT_EQ(v.Find("missing"), nullptr);
  const Value* fields = v.Find("fields");
  ASSERT_TRUE(fields && fields->is_array());
  ASSERT_EQ(fields->array().size(), 1u);
  const Value& t = *fields->array()[0].Find("type");
  ASSERT_EQ(t.array().size(), 2u);
  EXPECT_EQ(t.array()[1].string(), "int");
  EXPECT_TRUE(MustParse("[]").array().empty());
  EXPECT_TRUE(MustParse("{ }").object().empty());
  EXPECT_EQ(
      v.ToString(),
      R"({"type":"record","fields":[{"name":"a","type":["null","int"]}],"n":3,"type":"dup"})");
  EXPECT_EQ(MustParse(R"("\u0001")").ToString(), R"("\u0001")");
}

TEST(JsonTest, Errors) {
  EXPECT_NE(ErrorOf("").find("offset 0"), std::string::npos);
  EXPECT_NE(ErrorOf("[1, 2").find("unterminated array"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"a\" 1}").find("expected ':'"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"a\": 1,}").find("expected a string key"), std::string::npos);
  EXPECT_NE(ErrorOf("[1,]").find("unexpected character ']'"), std::string::npos);
  EXPECT_NE(ErrorOf("01").find("trailing"), std::string::npos);
  EXPECT_NE(ErrorOf("1.").find("after '.'"), std::string::npos);
  EXPECT_NE(ErrorOf("-").find("digits"), std::string::npos);
  EXPECT_NE(ErrorOf("tru").find("invalid literal"), std::string::npos);
  EXPECT_NE(ErrorOf("\"abc").find("unterminated string"), std::string::npos);
  EXPECT_NE(ErrorOf("\"a\nb\"").find("control character"), std::string::npos);
  EXPECT_NE(ErrorOf(R"("\x")").find("invalid escape"), std::string::npos);
  EXPECT_NE(ErrorOf(R"("\u12")").find("\\u"), std::string::npos);
  EXPECT_NE(ErrorOf(R"("\ud83d")").find("unpaired high surrogate"), std::string::npos);
  EXPECT_NE(ErrorOf(R"("\ude00")").find("unpaired low surrogate"), std::string::npos);
  EXPECT_NE(ErrorOf("\"\xFF\"").find("UTF-8"), std::string::npos);
  EXPECT_NE(ErrorOf("[1] x").find("offset 4"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(1000, '[')).find("too deep"), std::string::npos);
}

TEST(JsonTest, TruncationsNeverCrash) {
  const std::string doc =
      R"({"a": [1, -2.5e-3, true, false, null, "x\u00e9\ud83d\ude00"], "b": {"c": {}}})";
  ASSERT_TRUE(Parse(doc).ok());
  for (size_t n = 0; n < doc.size(); ++n) {
    EXPECT_FALSE(Parse(doc.substr(0, n)).ok()) << n;
  }
}

}  // namespace
}  // namespace quiver::json
