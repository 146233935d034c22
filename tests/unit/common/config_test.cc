// ConfigOptions: DataFusion's keys, value parsing and errors.
#include "quiver/common/config.h"

#include <gtest/gtest.h>

#include "quiver/common/config_entries.h"

namespace quiver {
namespace {

TEST(ConfigOptions, DefaultsAndEveryKeyOfTheTable) {
  ConfigOptions c;
  EXPECT_EQ(c.GetString("datafusion.catalog.default_catalog"), "datafusion");
  EXPECT_FALSE(c.GetBool("datafusion.catalog.information_schema"));
  EXPECT_EQ(c.batch_size(), 8192);
  EXPECT_GE(c.target_partitions(), 1);
  EXPECT_EQ(c.Entries().size(), DataFusionConfigKeys().size());
  // An optional key without a default reads as empty.
  EXPECT_EQ(*c.Get("datafusion.execution.parquet.bloom_filter_fpp"), "");
}

TEST(ConfigOptions, UsizeParsingFollowsRust) {
  ConfigOptions c;
  ASSERT_TRUE(c.Set("datafusion.execution.batch_size", "+2").ok());
  EXPECT_EQ(*c.Get("datafusion.execution.batch_size"), "2");
  ASSERT_TRUE(c.Set("DataFusion.Execution.Batch_Size", "0").ok());
  EXPECT_EQ(*c.Get("datafusion.execution.batch_size"), "0");
  EXPECT_EQ(c.batch_size(), 1);  // 0 is accepted, operators still get one row per batch
  Status s = c.Set("datafusion.execution.batch_size", "-1");
  EXPECT_NE(s.message().find("Error parsing -1 as usize"), std::string::npos) << s.ToString();
  s = c.Set("datafusion.execution.batch_size", "0.1");
  EXPECT_NE(s.message().find("invalid digit found in string"), std::string::npos);
  s = c.Set("datafusion.execution.batch_size", "99999999999999999999");
  EXPECT_NE(s.message().find("number too large"), std::string::npos);
}

TEST(ConfigOptions, BoolAndFloatValues) {
  ConfigOptions c;
  ASSERT_TRUE(c.Set("datafusion.execution.coalesce_batches", "FALSE").ok());
  EXPECT_FALSE(c.GetBool("datafusion.execution.coalesce_batches"));
  EXPECT_NE(
      c.Set("datafusion.execution.coalesce_batches", "1").message().find("Error parsing 1 as bool"),
      std::string::npos);
  EXPECT_TRUE(c.Set("datafusion.execution.parquet.bloom_filter_fpp", "0.05").ok());
  EXPECT_FALSE(c.Set("datafusion.execution.parquet.bloom_filter_fpp", "x").ok());
}

TEST(ConfigOptions, UnknownKeysAndTimeZoneAlias) {
  ConfigOptions c;
  Status s = c.Set("aabbcc", "1");
  EXPECT_EQ(s.message(), "could not find config namespace for key \"aabbcc\"");
  s = c.Set("datafusion.optimizer.nope", "1");
  EXPECT_EQ(s.message(), "Config value \"nope\" not found on OptimizerOptions");
  ASSERT_TRUE(c.Set("TimeZone", "+08:00").ok());
  EXPECT_EQ(c.GetString("datafusion.execution.time_zone"), "+08:00");
  EXPECT_EQ(*c.Get("timezone"), "+08:00");
}

}  // namespace
}  // namespace quiver
