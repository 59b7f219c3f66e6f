// Shared pieces of the store tests: a small plan built in code, rows built by
// hand, and a fresh database file per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/model.h"
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

inline SourceFile source_file(std::string name) {
  return SourceFile{std::move(name), std::string(64, 'a'), 1234};
}

// A fresh path under the build tree, named after the running test.
inline std::string fresh_db_path() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(CHISO_BINARY_DIR) / "store-test-tmp";
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / (std::string(info->test_suite_name()) + "." + info->name() + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path.string() + suffix);
  return path.string();
}

inline std::unique_ptr<Store> open_or_die(const std::string& path) {
  auto store = open_sqlite_store(path);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

// Imports rows (each with no findings) and the given summary in one import.
inline Result<void> import_rows(Store& store, const Plan& plan, const std::string& file_name,
                                const std::vector<UnitRow>& rows) {
  auto writer = store.begin_import(plan, source_file(file_name));
  if (!writer) return writer.error();
  for (const UnitRow& row : rows)
    if (auto added = (*writer)->add_row(row, {}); !added) return added;
  return (*writer)->commit();
}

}  // namespace chiso::store_test
