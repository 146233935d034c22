// Avro schema parsing and its Arrow mapping, including the schemas that have
// no Arrow form and the ones that are invalid.
#include <gtest/gtest.h>

#include "quiver/datasource/avro/schema.h"

namespace quiver::avro {
namespace {

Result<SchemaPtr> Arrow(const std::string& json) {
  QUIVER_ASSIGN_OR_RAISE(auto s, Schema::Parse(json));
  return ToArrowSchema(*s);
}

std::string ErrorOf(const std::string& json) {
  auto r = Arrow(json);
  EXPECT_FALSE(r.ok()) << json;
  return r.ok() ? "" : r.status().ToString();
}

TEST(AvroSchemaTest, NamedTypesNamespacesAndReferences) {
  // "Point" is defined once in namespace geo and referred to by short and
  // full name; a field of the namespace-less enum type keeps working.
  auto s = Arrow(R"({"type": "record", "name": "Shape", "namespace": "geo", "fields": [
      {"name": "a", "type": {"type": "record", "name": "Point",
                             "fields": [{"name": "x", "type": "double"}]}},
      {"name": "b", "type": "Point"},
      {"name": "c", "type": ["null", "geo.Point"]},
      {"name": "d", "type": {"type": "map", "values": {"type": "array", "items": "long"}}},
      {"name": "e", "type": {"type": "int", "logicalType": "date"}},
      {"name": "f", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5,
                             "scale": 2}},
      {"name": "g", "type": {"type": "bytes", "logicalType": "decimal", "precision": 0}},
      {"name": "h", "type": {"type": "string", "logicalType": "some-future-type"}}]})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const auto& fields = (*s)->fields();
  ASSERT_EQ(fields.size(), 8u);
  EXPECT_TRUE(fields[0]->type()->Equals(*fields[1]->type()));
  EXPECT_FALSE(fields[1]->nullable());
  EXPECT_TRUE(fields[2]->nullable());
  EXPECT_EQ(fields[3]->type()->id(), TypeId::kMap);
  EXPECT_EQ(fields[4]->type()->ToString(), "Date32");
  EXPECT_EQ(fields[5]->type()->ToString(), "Decimal128(5, 2)");
  // Invalid or unknown logical types read as the underlying type.
  EXPECT_EQ(fields[6]->type()->ToString(), "Binary");
  EXPECT_EQ(fields[7]->type()->ToString(), "Utf8");
}

TEST(AvroSchemaTest, InvalidSchemasAreErrors) {
  EXPECT_NE(ErrorOf("{").find("JSON parse error"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "r", "fields": [{"name": "a", "type": "Nope"}]})")
                .find("unknown type \"Nope\""),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "r", "fields": [
                       {"name": "a", "type": "int"}, {"name": "a", "type": "int"}]})")
                .find("two fields named a"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "r", "fields": [
                       {"name": "a", "type": {"type": "fixed", "name": "r", "size": 2}}]})")
                .find("defined twice"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "r", "fields": [
                       {"name": "a", "type": {"type": "fixed", "name": "f", "size": -1}}]})")
                .find("invalid size"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "enum", "name": "e", "symbols": "x"})").find("without symbols"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"(["int", ["null"]])").find("union directly inside a union"),
            std::string::npos);
}

TEST(AvroSchemaTest, TypesWithoutArrowFormAreNotImplemented) {
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "r", "fields": [
                       {"name": "u", "type": ["int", "string"]}]})")
                .find("unions other than"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"type": "record", "name": "Node", "fields": [
                       {"name": "next", "type": ["null", "Node"]}]})")
                .find("recursive Avro record Node"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"("int")").find("not a record"), std::string::npos);
}

// Each level refers twice to the next named record: 40 short definitions
// would expand to 2^40 fields. The expansion is capped instead.
TEST(AvroSchemaTest, SharedTypesCannotExpandWithoutBound) {
  std::string inner =
      R"({"type": "record", "name": "T40", "fields": [{"name": "x", "type": "int"}]})";
  for (int level = 39; level >= 0; --level) {
    const std::string next = "T" + std::to_string(level + 1);
    inner = R"({"type": "record", "name": "T)" + std::to_string(level) +
            R"(", "fields": [{"name": "a", "type": )" + inner + R"(}, {"name": "b", "type": ")" +
            next + R"("}]})";
  }
  EXPECT_NE(ErrorOf(inner).find("more than 100000 fields"), std::string::npos);
}

}  // namespace
}  // namespace quiver::avro
