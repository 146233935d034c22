// Feeds mutated corpus statements to the parser: truncations, shuffled and
// dropped tokens, flipped bytes, deep nesting. Nothing may crash or hang, and
// whatever parses must still display as SQL that round-trips.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>

#include "corpus_util.h"
#include "quiver/sql/parser.h"

namespace quiver::sql {
namespace {

// Splits on spaces (a crude token split is enough for shuffling).
std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string Join(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& x : w) out += x + " ";
  return out;
}

// Parses `sql`; when it parses, checks the display round trip.
void Check(const std::string& sql, size_t* parsed, size_t* roundtrip_fail) {
  auto r = ParseSql(sql);
  if (!r.ok()) {
    EXPECT_EQ(r.status().kind(), ErrorKind::kParse) << sql;
    return;
  }
  ++*parsed;
  for (const Statement& s : *r) {
    std::string first = ToSql(s);
    auto again = ParseSql(first);
    std::string second = again.ok() && again->size() == 1 ? ToSql((*again)[0]) : "<error>";
    if (first != second) {
      ++*roundtrip_fail;
      if (*roundtrip_fail <= 20) {
        ADD_FAILURE() << "round trip failed for mutated input:\n  " << sql
                      << "\n  first:  " << first
                      << "\n  second: " << (again.ok() ? second : again.status().ToString());
      }
    }
  }
}

TEST(SqlMutation, NeverCrashes) {
  std::vector<testing::CorpusRecord> records = testing::LoadCorpus();
  if (records.empty()) GTEST_SKIP() << "corpus not found";
  std::mt19937 rng(20240611);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const char kBytes[] = "()[],;'\"`.:*+-/%|&^#~!<>=?$ \n0123456789abcdefXYZ\\\x80\xff";
  size_t cases = 0, parsed = 0, roundtrip_fail = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6000; ++i) {
    const std::string& src = records[pick(records.size())].sql;
    std::string sql = src;
    switch (i % 5) {
      case 0:  // truncate
        sql = sql.substr(0, pick(sql.size() + 1));
        break;
      case 1: {  // swap two words
        auto w = Words(sql);
        if (w.size() > 1) std::swap(w[pick(w.size())], w[pick(w.size())]);
        sql = Join(w);
        break;
      }
      case 2: {  // drop a word
        auto w = Words(sql);
        if (!w.empty()) w.erase(w.begin() + static_cast<long>(pick(w.size())));
        sql = Join(w);
        break;
      }
      case 3:  // flip bytes
        for (int k = 0; k < 3 && !sql.empty(); ++k) {
          sql[pick(sql.size())] = kBytes[pick(sizeof(kBytes) - 1)];
        }
        break;
      case 4: {  // splice a word from another record
        auto w = Words(sql);
        auto other = Words(records[pick(records.size())].sql);
        if (!w.empty() && !other.empty()) w[pick(w.size())] = other[pick(other.size())];
        sql = Join(w);
        break;
      }
    }
    ++cases;
    Check(sql, &parsed, &roundtrip_fail);
  }
  // Deep nesting of every recursive construct.
  const int kDeep = 100000;
  auto rep = [](const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * n);
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  std::vector<std::string> deep = {
      rep("(", kDeep),
      "SELECT " + rep("(", kDeep) + "1" + rep(")", kDeep),
      "SELECT " + rep("-", kDeep) + "1",
      "SELECT " + rep("- ", kDeep) + "1",
      "SELECT " + rep("NOT ", kDeep) + "1",
      "SELECT " + rep("[", kDeep),
      "SELECT " + rep("f(", kDeep),
      "SELECT " + rep("CAST(", kDeep),
      "SELECT " + rep("CASE WHEN ", kDeep),
      "SELECT " + rep("(SELECT ", kDeep),
      "SELECT * FROM " + rep("(", kDeep) + "t",
      "SELECT * FROM " + rep("(SELECT * FROM ", kDeep) + "t",
      "SELECT 1" + rep(" + 1", kDeep),
      "SELECT 1" + rep(" UNION SELECT 1", kDeep / 10),
      "SELECT CAST(a AS INT" + rep("[]", kDeep) + ")",
      "SELECT CAST(a AS " + rep("STRUCT<a ", kDeep),
      "SELECT a" + rep("[1]", kDeep),
      "SELECT a" + rep("::int", kDeep),
      "EXPLAIN " + rep("EXPLAIN ", kDeep) + "SELECT 1",
      "PREPARE p AS " + rep("PREPARE p AS ", kDeep) + "SELECT 1",
      "SELECT " + rep("1 IN (", kDeep),
      "SELECT " + rep("EXISTS (SELECT ", kDeep),
      "WITH " + rep("a AS (WITH ", kDeep),
      "SELECT " + rep("/*", 1000) + rep("*/", 1000) + "1",
  };
  for (const std::string& sql : deep) {
    ++cases;
    Check(sql, &parsed, &roundtrip_fail);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "mutation cases: " << cases << ", parsed: " << parsed
            << ", round-trip failures: " << roundtrip_fail << ", " << secs << " s\n";
  EXPECT_EQ(roundtrip_fail, 0u);
  EXPECT_LT(secs, 20.0);
}

}  // namespace
}  // namespace quiver::sql
