// Parses the SQL of every record in DataFusion's sqllogictest corpus: records
// expected to succeed must parse (>= 99 %), and everything that parses must
// display as SQL that re-parses to the same display.
#include <gtest/gtest.h>

#include <iostream>
#include <regex>

#include "corpus_util.h"
#include "quiver/sql/parser.h"

namespace quiver::sql {
namespace {

TEST(SqlCorpus, ParsesAndRoundTrips) {
  std::vector<testing::CorpusRecord> records = testing::LoadCorpus();
  if (records.empty()) GTEST_SKIP() << "corpus not found at " << testing::CorpusDir();
  size_t ok_total = 0, ok_parsed = 0, err_total = 0, err_parsed = 0, roundtrip_fail = 0;
  size_t statements = 0;
  std::ostringstream failures;
  for (const auto& rec : records) {
    auto parsed = ParseSql(rec.sql);
    (rec.expect_ok ? ok_total : err_total)++;
    if (!parsed.ok()) {
      if (rec.expect_ok) {
        failures << rec.file << ":" << rec.line << ": " << parsed.status().ToString() << "\n  "
                 << rec.sql;
      }
      continue;
    }
    (rec.expect_ok ? ok_parsed : err_parsed)++;
    for (const Statement& stmt : *parsed) {
      ++statements;
      std::string first = ToSql(stmt);
      auto again = ParseSql(first);
      std::string second;
      if (again.ok() && again->size() == 1) second = ToSql((*again)[0]);
      if (second != first) {
        ++roundtrip_fail;
        ADD_FAILURE() << rec.file << ":" << rec.line << ": display does not round-trip\n  "
                      << rec.sql << "  first:  " << first
                      << "\n  second: " << (again.ok() ? second : again.status().ToString());
      }
    }
  }
  double rate = ok_total ? 100.0 * static_cast<double>(ok_parsed) / ok_total : 100.0;
  std::cout << "corpus records expected to succeed: " << ok_parsed << "/" << ok_total << " parsed ("
            << rate << " %)\n"
            << "corpus records expected to fail: " << err_parsed << "/" << err_total
            << " parsed anyway\n"
            << "statements round-tripped: " << statements - roundtrip_fail << "/" << statements
            << "\n";
  if (ok_parsed != ok_total) std::cout << "not parsed:\n" << failures.str();
  EXPECT_GE(rate, 99.0);
  // Records that expect a parser error must fail with a message their regex accepts.
  size_t parser_errors = 0, parser_errors_matched = 0;
  for (const auto& rec : records) {
    if (rec.error_pattern.find("ParserError") == std::string::npos) continue;
    ++parser_errors;
    auto parsed = ParseSql(rec.sql);
    std::string message =
        parsed.ok() ? "<parsed>" : "DataFusion error: " + parsed.status().ToString();
    if (std::regex_search(message, std::regex(rec.error_pattern))) {
      ++parser_errors_matched;
    } else {
      std::cout << rec.file << ":" << rec.line << ": expected /" << rec.error_pattern << "/, got "
                << message << "\n";
    }
  }
  std::cout << "parser errors matching the corpus: " << parser_errors_matched << "/"
            << parser_errors << "\n";
  EXPECT_EQ(roundtrip_fail, 0u);
}

}  // namespace
}  // namespace quiver::sql
