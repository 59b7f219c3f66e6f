// Shared pieces of the store tests: a small plan built in code, rows built by
// hand, and a fresh database per test — an SQLite file, or a PostgreSQL
// database of the test server (tests/common/pg_test_db.h). The tests of the
// Store interface derive from StoreTest and run against both
// (INSTANTIATE_STORE_TESTS); those about SQLite itself are named so.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/test_database.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::store_test {

// Four indicators (a count pair, a percent, a mark) and three registered units.
inline Plan small_plan() {
  Plan plan;
  plan.id = "test-plan";
  plan.source_text = "# a test plan built in code\n";
  auto add = [&](std::string code, IndicatorKind kind) {
    Indicator indicator;
    indicator.code = std::move(code);
    indicator.kind = kind;
    plan.indicators.push_back(std::move(indicator));
  };
  add("online_total", IndicatorKind::count);
  add("online_full", IndicatorKind::count);
  add("online_full_pct", IndicatorKind::percent);
  add("meeting_room_has", IndicatorKind::mark);
  plan.units = {
      UnitDef{"Sở Tư pháp", "Tư pháp", {}, UnitKind::department},
      UnitDef{"UBND huyện Thủy Nguyên", "Thủy Nguyên", {}, UnitKind::district},
      UnitDef{"Cục Thuế", "Cục Thuế", {}, UnitKind::agency},
  };
  return plan;
}

inline Value number_value(double number, std::string raw, int row_idx, int col_idx) {
  return Value{ValueState::number, number, std::move(raw), CellPos{1, row_idx, col_idx}};
}
inline Value mark_value(bool yes, int row_idx, int col_idx) {
  return Value{yes ? ValueState::yes : ValueState::no, yes ? 1.0 : 0.0, yes ? "x" : "0",
               CellPos{1, row_idx, col_idx}};
}
inline Value blank_value(int row_idx, int col_idx) {
  return Value{ValueState::blank, 0, "", CellPos{1, row_idx, col_idx}};
}
inline Value text_value(std::string raw, int row_idx, int col_idx) {
  return Value{ValueState::text, 0, std::move(raw), CellPos{1, row_idx, col_idx}};
}

// A row in the seed's layout: name in column 2, values from column 3 on.
inline UnitRow make_row(int row_number, std::string name, std::string period, double total,
                        double full, std::string pct_raw, bool has_room) {
  int line = 4 + row_number;
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = name;
  row.unit_name = name;
  row.period = std::move(period);
  row.pos = CellPos{1, line, 2};
  row.values = {number_value(total, std::to_string(static_cast<int>(total)), line, 3),
                number_value(full, std::to_string(static_cast<int>(full)), line, 4),
                text_value(std::move(pct_raw), line, 5), mark_value(has_room, line, 6)};
  return row;
}

// A file's SHA-256 stands for its content: here each name gets its own
// (four FNV-1a hashes of the name, 64 hex digits), so that two files of
// different names are never "the same file" (ImportOptions).
inline std::string fake_sha256(const std::string& name) {
  std::string hex;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    std::uint64_t hash = 14695981039346656037ull ^ seed;
    for (unsigned char byte : name) hash = (hash ^ byte) * 1099511628211ull;
    char part[17];
    std::snprintf(part, sizeof part, "%016llx", static_cast<unsigned long long>(hash));
    hex += part;
  }
  return hex;
}

inline SourceFile source_file(std::string name) {
  std::string sha256 = fake_sha256(name);
  return SourceFile{std::move(name), std::move(sha256), 1234};
}

// A fresh path under the build tree, named after the running test.
inline std::string fresh_db_path() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(CHISO_BINARY_DIR) / "store-test-tmp";
  std::filesystem::create_directories(dir);
  // A parameterized test's names hold '/' (Stores/Suite.Test/sqlite).
  std::string name = std::string(info->test_suite_name()) + "." + info->name() + ".db";
  std::replace(name.begin(), name.end(), '/', '_');
  std::filesystem::path path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path.string() + suffix);
  return path.string();
}

inline std::unique_ptr<Store> open_or_die(const std::string& path) {
  auto store = open_store(path);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

// Imports rows (each with no findings) in one import; what it did, by period.
inline Result<std::map<std::string, PeriodImport>> import_rows(Store& store, const Plan& plan,
                                                               const std::string& file_name,
                                                               const std::vector<UnitRow>& rows,
                                                               const ImportOptions& options = {}) {
  auto writer = store.begin_import(plan, source_file(file_name), options);
  if (!writer) return writer.error();
  for (const UnitRow& row : rows)
    if (auto added = (*writer)->add_row(row, {}); !added) return added.error();
  return (*writer)->commit();
}

// The one period of `periods()` named `period`, or an empty PeriodInfo
// (period "") when it is not stored.
inline PeriodInfo period_info(Store& store, const std::string& period) {
  auto periods = store.periods();
  EXPECT_TRUE(periods.ok()) << (periods.ok() ? "" : periods.error().message);
  if (periods.ok())
    for (const PeriodInfo& info : *periods)
      if (info.period == period) return info;
  return PeriodInfo{};
}

// Reading the database as another program would (tests/common/test_database.h).
using test::count_rows;
using test::query_column;
using test::query_text;

// The store a test runs against: test::Backend, as the accounts and API tests.
using StoreKind = test::Backend;

// A test of the Store interface, run once per store (its parameter).
class StoreTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  // A fresh database for this test: an SQLite path under the build tree, or
  // a new PostgreSQL database (dropped at the end of the test).
  std::string fresh_db() {
    if (GetParam() == StoreKind::sqlite) return fresh_db_path();
    pg_dbs_.push_back(std::make_unique<test::PgTestDb>());
    EXPECT_TRUE(pg_dbs_.back()->ok());
    return pg_dbs_.back()->conninfo();
  }
  bool is_postgresql() const { return GetParam() == StoreKind::postgresql; }

 private:
  std::vector<std::unique_ptr<test::PgTestDb>> pg_dbs_;
};

#define INSTANTIATE_STORE_TESTS(suite) \
  INSTANTIATE_TEST_SUITE_P(Stores, suite, ::chiso::test::both_backends, ::chiso::test::backend_name)

// Migration 8's tests, on both stores: two periods as schema 7 kept them,
// their figures on their rows (2025-01 locked, with figures; 2025-02 open,
// none yet).
inline constexpr const char* periods_at_schema_7 =
    "INSERT INTO period (id, name, sort_key, state, deadline, change_count, unit_count, submission_count, "
    "error_count, warning_count, last_change_utc, last_source) VALUES "
    "(1, '2025-01', '2025-01', 'locked', '2025-02-10', 9, 2, 5, 1, 3, '2025-02-03T08:00:00Z', 'form'), "
    "(4, '2025-02', '2025-02', 'open', '', 0, 0, 0, 0, 0, '', '')";
// The rows of period_tally migration 8 makes of them ('|' between columns,
// in the table's order).
inline const std::vector<std::string> tally_of_schema_7 = {"1|0|9|2|5|1|3|2025-02-03T08:00:00Z|form",
                                                           "4|0|0|0|0|0|0||"};

// What a store reads of those periods once migrated: the same figures.
inline void expect_periods_of_schema_7(Store& store) {
  auto period = store.period("2025-01");
  ASSERT_TRUE(period.ok()) << period.error().message;
  EXPECT_EQ(period->state, PeriodState::locked);
  EXPECT_EQ(period->deadline, "2025-02-10");
  EXPECT_EQ(period->change_count, 9);
  EXPECT_EQ(period->unit_count, 2);
  EXPECT_EQ(period->submission_count, 5);
  EXPECT_EQ(period->error_count, 1);
  EXPECT_EQ(period->warning_count, 3);
  EXPECT_EQ(period->last_change_utc, "2025-02-03T08:00:00Z");
  EXPECT_EQ(period->last_source, "form");
  auto change_count = store.period_change_count("2025-02");
  ASSERT_TRUE(change_count.ok());
  EXPECT_EQ(*change_count, 0);
  EXPECT_FALSE(store.period_change_count("2025-03").ok());  // not stored
}

// A save from the unit's page by `author`, based on `based_on_version`.
inline UnitWrite page_write(const std::string& period, UnitRow row, int based_on_version,
                            SubmissionState state = SubmissionState::draft,
                            const std::string& author = "lan") {
  UnitWrite write;
  write.period = period;
  write.row = std::move(row);
  write.row.period = period;
  write.based_on_version = based_on_version;
  write.state = state;
  write.provenance.author = author;
  write.provenance.page = "/periods/" + period + "/units/" + write.row.unit_name;
  return write;
}

// Who moves a state, and why.
inline Provenance person(const std::string& author, const std::string& comment = "") {
  Provenance who;
  who.author = author;
  who.comment = comment;
  return who;
}

}  // namespace chiso::store_test
