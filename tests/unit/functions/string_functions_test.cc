#include "quiver/functions/like.h"
#include "test_util.h"

namespace quiver::testing {

TEST(StringFunctions, CaseAndLength) {
  EXPECT_EQ(Eval("upper", {Str({"abc", "", "x"}, {true, true, false})}), "ABC,,NULL");
  EXPECT_EQ(Eval("lower", {SStr("ÀBÇ")}), "S:àbç");
  EXPECT_EQ(Eval("length", {Str({"héllo", ""})}), "5,0");
  EXPECT_EQ(Eval("octet_length", {SStr("é")}), "S:2");
  EXPECT_EQ(Eval("bit_length", {SStr("ab")}), "S:16");
  EXPECT_EQ(Eval("initcap", {SStr("hello wORLD-foo")}), "S:Hello World-Foo");
  auto large = Arr<std::string>(large_utf8(), {"ab"});
  auto r = Call("character_length", {large});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type()->ToString(), "Int64");
  EXPECT_NE(Eval("upper", {I64({1})}).find("No function matches"), std::string::npos);
}

TEST(StringFunctions, ConcatSubstr) {
  EXPECT_EQ(Eval("concat", {Str({"a", "b"}), Str({"x", ""}, {true, false}), SStr("!")}), "ax!,b!");
  EXPECT_EQ(Eval("concat_ws", {SStr("-"), Str({"a", "b"}), Str({"x", ""}, {true, false})}),
            "a-x,b");
  EXPECT_EQ(Eval("substr", {SStr("alphabet"), I64({3, 0, -1, 10})}), "phabet,alphabet,alphabet,");
  EXPECT_EQ(Eval("substr", {SStr("alphabet"), I64({3, 0}), I64({2, 3})}), "ph,al");
  EXPECT_NE(Eval("substr", {SStr("a"), I64({1}), I64({-1})}).find("negative substring length"),
            std::string::npos);
  EXPECT_EQ(Eval("left", {SStr("abcde"), I64({2, -2, 9})}), "ab,abc,abcde");
  EXPECT_EQ(Eval("right", {SStr("abcde"), I64({2, -2})}), "de,cde");
}

TEST(StringFunctions, PadTrimReplace) {
  EXPECT_EQ(Eval("lpad", {SStr("hi"), I64({5, 1})}), "   hi,h");
  EXPECT_EQ(Eval("rpad", {SStr("hi"), I64({5}), SStr("xy")}), "hixyx");
  EXPECT_EQ(Eval("ltrim", {SStr("  a  ")}), "S:a  ");
  EXPECT_EQ(Eval("rtrim", {SStr("xxaxx"), SStr("x")}), "S:xxa");
  EXPECT_EQ(Eval("btrim", {SStr("xyaxy"), SStr("yx")}), "S:a");
  EXPECT_EQ(Eval("trim", {SStr("  a ")}), "S:a");
  EXPECT_EQ(Eval("replace", {SStr("abcabc"), SStr("b"), SStr("XY")}), "S:aXYcaXYc");
  EXPECT_EQ(Eval("repeat", {SStr("ab"), I64({3, 0, -1})}), "ababab,,");
  EXPECT_EQ(Eval("reverse", {SStr("añb")}), "S:bña");
  EXPECT_EQ(Eval("translate", {SStr("12345"), SStr("143"), SStr("ax")}), "S:a2x5");
  EXPECT_EQ(Eval("overlay", {SStr("Txxxxas"), SStr("hom"), I64({2}), I64({4})}), "Thomas");
}

TEST(StringFunctions, SearchAndSplit) {
  EXPECT_EQ(Eval("split_part", {SStr("a,b,c"), SStr(","), I64({2, 4, -1})}), "b,,c");
  EXPECT_NE(Eval("split_part", {SStr("a"), SStr(","), I64({0})}).find("must not be zero"),
            std::string::npos);
  EXPECT_EQ(Eval("starts_with", {Str({"abc", "x"}), SStr("ab")}), "true,false");
  EXPECT_EQ(Eval("ends_with", {SStr("abc"), SStr("bc")}), "S:true");
  EXPECT_EQ(Eval("strpos", {SStr("héllo"), Str({"l", "z", ""})}), "3,0,1");
  EXPECT_EQ(Eval("ascii", {Str({"a", "", "€"})}), "97,0,8364");
  EXPECT_EQ(Eval("chr", {I64({65, 8364})}), "A,€");
  EXPECT_NE(Eval("chr", {I64({0})}).find("null character not permitted"), std::string::npos);
  EXPECT_EQ(Eval("levenshtein", {SStr("kitten"), SStr("sitting")}), "S:3");
  EXPECT_EQ(Eval("find_in_set", {SStr("b"), SStr("a,b,c")}), "S:2");
  EXPECT_EQ(Eval("substr_index", {SStr("www.apache.org"), SStr("."), I64({1, 2, -1, -2, 0})}),
            "www,www.apache,org,apache.org,");
  auto u = Call("uuid", {}, 3);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->length(), 3);
  EXPECT_EQ(ScalarValue::FromArray(u->array, 0).ValueToString().size(), 36u);
}

TEST(StringFunctions, Encoding) {
  EXPECT_EQ(Eval("md5", {SStr("abc")}), "S:900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Eval("to_hex", {I64({255, -1})}), "ff,ffffffffffffffff");
  EXPECT_EQ(Eval("encode", {SStr("hello"), SStr("base64")}), "S:aGVsbG8");
  EXPECT_EQ(Eval("encode", {SStr("hi"), SStr("hex")}), "S:6869");
  auto d = Call("decode", {SStr("aGVsbG8"), SStr("base64")});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(GetBinaryView(*d->array, 0), "hello");
  auto sha = Call("sha256", {SStr("")});
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(GetBinaryView(*sha->array, 0).size(), 32u);
  EXPECT_NE(Eval("encode", {SStr("a"), SStr("rot13")}).find("no built-in encoding"),
            std::string::npos);
}

TEST(StringFunctions, Regexp) {
  EXPECT_EQ(Eval("regexp_like", {Str({"abc", "ABC", "x"}), SStr("^a")}), "true,false,false");
  EXPECT_EQ(Eval("regexp_like", {SStr("ABC"), SStr("^a"), SStr("i")}), "S:true");
  EXPECT_EQ(Eval("regexp_replace", {SStr("foobarbaz"), SStr("b(..)"), SStr("X\\1Y"), SStr("g")}),
            "S:fooXarYXazY");
  EXPECT_EQ(Eval("regexp_replace", {SStr("aaa"), SStr("a"), SStr("b")}), "S:baa");
  auto m = Call("regexp_match", {Str({"foo123bar45", "none"}), SStr("([a-z]+)(\\d+)")});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->array->IsNull(1), true);
  EXPECT_NE(Eval("regexp_like", {SStr("a"), SStr("(")}).find("did not compile"), std::string::npos);
  EXPECT_NE(Eval("regexp_match", {SStr("a"), SStr("a"), SStr("g")}).find("global"),
            std::string::npos);
}

std::string LikeStr(const Datum& v, const Datum& p, bool ci = false, bool neg = false) {
  auto r = functions::LikeMatch(v, p, ci, std::nullopt, neg);
  if (!r.ok()) return "ERR:" + r.status().ToString();
  return Show(Datum::Array(*r));
}

TEST(Like, Patterns) {
  auto v = Str({"apple", "banana", "", "a_b", "x"}, {true, true, true, true, false});
  EXPECT_EQ(LikeStr(v, SStr("a%")), "true,false,false,true,NULL");
  EXPECT_EQ(LikeStr(v, SStr("%an%")), "false,true,false,false,NULL");
  EXPECT_EQ(LikeStr(v, SStr("%e")), "true,false,false,false,NULL");
  EXPECT_EQ(LikeStr(v, SStr("a_b")), "false,false,false,true,NULL");
  EXPECT_EQ(LikeStr(v, SStr("a\\_b")), "false,false,false,true,NULL");
  EXPECT_EQ(LikeStr(v, SStr("%")), "true,true,true,true,NULL");
  EXPECT_EQ(LikeStr(v, SStr("APP%"), true), "true,false,false,false,NULL");
  EXPECT_EQ(LikeStr(v, SStr("a%"), false, true), "false,true,true,false,NULL");
  EXPECT_EQ(LikeStr(SStr("a.c"), Str({"a.c", "abc", "a%", "_._"})), "true,false,true,true");
  EXPECT_EQ(LikeStr(SStr("a\nb"), SStr("a_b")), "true");
  auto sim = functions::SimilarToMatch(Str({"abc", "abd"}), SStr("%(b|c)c"), false, false);
  ASSERT_TRUE(sim.ok());
  EXPECT_EQ(Show(Datum::Array(*sim)), "true,false");
  auto re = functions::RegexMatch(Str({"abc", "xyz"}), SStr("b"), false, false);
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(Show(Datum::Array(*re)), "true,false");
}

}  // namespace quiver::testing
