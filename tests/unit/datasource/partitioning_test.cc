// Hive partition paths: segment parsing, value escaping, directory walks with
// pruning, the layout check of CREATE EXTERNAL TABLE.
#include "quiver/datasource/partitioning.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/listing_table.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;

class PartitionDir : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("quiver_partitioning_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    for (const char* dir : {"y=2023/m=01", "y=2023/m=02", "y=2024/m=01",
                            "y=__HIVE_DEFAULT_PARTITION__/m=03", "y=2024/m=a%2Fb"}) {
      fs::create_directories(root_ / dir);
      std::ofstream(root_ / dir / "part.csv") << "v\n1\n";
    }
    fs::create_directories(root_ / "_hidden");
    std::ofstream(root_ / "_hidden" / "x.csv") << "v\n9\n";
  }
  void TearDown() override { fs::remove_all(root_); }
  std::vector<PartitionColumn> Columns() const { return {{"y", int32()}, {"m", utf8()}}; }
  fs::path root_;
};

TEST(PartitionSegment, SplitsAndDecodes) {
  auto kv = SplitPartitionSegment("city=New%20York");
  ASSERT_TRUE(kv.has_value());
  EXPECT_EQ(kv->first, "city");
  EXPECT_EQ(kv->second, "New York");
  EXPECT_FALSE(SplitPartitionSegment("plain").has_value());
  EXPECT_EQ(DecodePartitionValue("100%"), "100%");  // malformed escape kept
  EXPECT_EQ(DecodePartitionValue(EncodePartitionValue("a/b=c%d")), "a/b=c%d");
  EXPECT_EQ(EncodePartitionValue("a/b"), "a%2Fb");
}

TEST_F(PartitionDir, ListsEveryLeafWithValues) {
  PartitionPruner none(Columns(), {});
  auto listing = ListPartitions(root_.string(), Columns(), ".csv", none);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->partitions.size(), 5u);
  EXPECT_EQ(listing->partitions[0].values[0], "2023");
  EXPECT_EQ(listing->partitions[0].values[1], "01");
  EXPECT_EQ(listing->partitions[3].values[1], "a/b");
  EXPECT_FALSE(listing->partitions[4].values[0].has_value());  // default partition is NULL
  EXPECT_EQ(listing->directories_pruned, 0);
}

TEST_F(PartitionDir, PrunesAtTheShallowestDecidingLevel) {
  // y = 2024 decides at the first level: two y= directories are skipped unwalked.
  PartitionPruner pruner(Columns(), {Binary(Col("y"), Operator::kEq, LitInt64(2024))});
  auto listing = ListPartitions(root_.string(), Columns(), ".csv", pruner);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->partitions.size(), 2u);
  EXPECT_EQ(listing->directories_pruned, 2);
  // A filter on the second column prunes leaves.
  PartitionPruner by_month(Columns(), {Binary(Col("m"), Operator::kEq, LitString("01"))});
  listing = ListPartitions(root_.string(), Columns(), ".csv", by_month);
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->partitions.size(), 2u);
  EXPECT_EQ(listing->directories_pruned, 3);
}

TEST_F(PartitionDir, FiltersOnOtherColumnsDoNotPrune) {
  PartitionPruner pruner(Columns(), {Binary(Col("v"), Operator::kEq, LitInt64(1))});
  EXPECT_TRUE(pruner.empty());
  EXPECT_FALSE(OnlyPartitionColumns(*Binary(Col("v"), Operator::kEq, Col("y")), Columns()));
}

TEST_F(PartitionDir, InfersNamesAndRejectsMixedLayouts) {
  auto names = InferPartitionNames(root_.string(), ".csv");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"y", "m"}));
  fs::create_directories(root_ / "m=05" / "y=2020");
  std::ofstream(root_ / "m=05" / "y=2020" / "part.csv") << "v\n1\n";
  auto mixed = InferPartitionNames(root_.string(), ".csv");
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.status().ToString().find("Found mixed partition values on disk"),
            std::string::npos);
}

TEST_F(PartitionDir, ListingTableAppendsPartitionColumns) {
  auto t = ListingTable::Make(root_.string(), std::make_shared<CsvFormat>(), nullptr, Columns());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto s = (*t)->schema();
  ASSERT_EQ(s->num_fields(), 3);
  EXPECT_EQ(s->field(0)->name(), "v");
  EXPECT_EQ(s->field(1)->name(), "y");
  EXPECT_TRUE(s->field(1)->type()->Equals(*int32()));
  EXPECT_EQ((*t)->SupportsFilterPushDown(*Binary(Col("y"), Operator::kEq, LitInt64(1))),
            FilterPushDown::kExact);
  EXPECT_EQ((*t)->SupportsFilterPushDown(*Binary(Col("v"), Operator::kEq, LitInt64(1))),
            FilterPushDown::kInexact);
}

}  // namespace
}  // namespace quiver
