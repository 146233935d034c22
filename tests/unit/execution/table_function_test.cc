// A user-defined table function registered on a session and called in FROM.
#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/datasource/mem_table.h"
#include "test_util.h"

namespace quiver {
namespace {

// repeat_text(s, n): n rows of (i, s).
class RepeatText : public TableFunction {
 public:
  std::string name() const override { return "repeat_text"; }
  Result<TableSourcePtr> Call(const std::vector<ScalarValue>& args) const override {
    if (args.size() != 2 || !args[1].type()->is_integer()) {
      return Status::Plan("repeat_text(text, count) expected");
    }
    auto s = schema({field("i", int64(), false), field("s", utf8(), true)});
    Int64Builder ib(int64());
    StringBuilder sb(utf8());
    const int64_t n = args[1].GetInt64();
    for (int64_t i = 0; i < n; ++i) {
      QUIVER_RETURN_NOT_OK(ib.Append(i));
      QUIVER_RETURN_NOT_OK(sb.Append(args[0].ValueToString()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto a, ib.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto b, sb.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto t, MemTable::Make(s, {{RecordBatch::Make(s, n, {a, b})}}));
    return TableSourcePtr(t);
  }
};

TEST(TableFunctionTest, UserFunctionInFrom) {
  SessionContext ctx;
  ctx.RegisterUdtf(std::make_shared<RepeatText>());
  auto rows =
      testing::Rows(ctx, "SELECT t.i, upper(t.s) FROM repeat_text('ab', 3) AS t ORDER BY t.i DESC");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"2|AB", "1|AB", "0|AB"}));
}

TEST(TableFunctionTest, ErrorsAreValues) {
  SessionContext ctx;
  ctx.RegisterUdtf(std::make_shared<RepeatText>());
  auto bad = ctx.Sql("SELECT * FROM repeat_text('ab')");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("repeat_text(text, count) expected"), std::string::npos);
  auto missing = ctx.Sql("SELECT * FROM no_such_function(1)");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("table function 'no_such_function' not found"),
            std::string::npos);
  auto nonconst = ctx.Sql("SELECT * FROM generate_series(1, random())");
  ASSERT_FALSE(nonconst.ok());
}

TEST(TableFunctionTest, SeriesBoundsDoNotOverflow) {
  SessionContext ctx;
  auto rows =
      testing::Rows(ctx, "SELECT * FROM generate_series(9223372036854775806, 9223372036854775807)");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<std::string>{"9223372036854775806", "9223372036854775807"}));
}

}  // namespace
}  // namespace quiver
