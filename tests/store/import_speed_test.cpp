// Measures, rather than proves: the SQLite time of an import in the
// benchmark's shape (15 indicators per row), extrapolated to the 1.2-million
// row history, and the trend query over 120 periods. The asserted bounds are
// loose (a Debug build on a shared machine); the printed figures are the
// point. CHISO_STORE_BENCH_ROWS sets the row count (default 20000). Both the
// wall time and the thread's CPU time are printed: on a machine shared with
// other builds the wall time says more about the neighbours than the store.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

Plan fifteen_indicator_plan() {
  Plan plan;
  plan.id = "bench";
  const char* codes[] = {"tthc_shortened", "days_shortened_avg", "online_total", "online_full",
                         "online_full_pct", "online_partial", "online_partial_pct", "cashless_pct",
                         "first_time_valid_pct", "meeting_room_has", "meeting_room_count",
                         "ddci_connected", "ai_answering", "licence_model", "commitments_published"};
  for (const char* code : codes) {
    Indicator indicator;
    indicator.code = code;
    plan.indicators.push_back(indicator);
  }
  return plan;
}

// A realistic row: counts, decimals with a comma, marks, a blank.
UnitRow bench_row(int unit_idx, const std::string& period) {
  int line = 5 + unit_idx;
  UnitRow row;
  row.row_number = unit_idx + 1;
  row.raw_name = "UBND xã Số " + std::to_string(unit_idx);
  row.unit_name = row.raw_name;
  row.period = period;
  row.pos = CellPos{1, line, 3};
  auto count = [&](int value, int col) {
    return Value{ValueState::number, double(value), std::to_string(value), CellPos{1, line, col}};
  };
  int total = 100 + unit_idx % 300;
  int full = total * 3 / 4;
  row.values = {count(unit_idx % 50, 4),
                Value{ValueState::number, 2.5, "2,5", CellPos{1, line, 5}},
                count(total, 6),
                count(full, 7),
                Value{ValueState::number, 75.0, "75", CellPos{1, line, 8}},
                count(total - full, 9),
                Value{ValueState::number, 25.0, "25", CellPos{1, line, 10}},
                Value{ValueState::number, 98.35, "98,35", CellPos{1, line, 11}},
                Value{ValueState::number, 99.5, "99,5", CellPos{1, line, 12}},
                Value{ValueState::yes, 1, "x", CellPos{1, line, 13}},
                count(unit_idx % 7, 14),
                Value{ValueState::yes, 1, "x", CellPos{1, line, 15}},
                Value{ValueState::no, 0, "0", CellPos{1, line, 16}},
                Value{ValueState::blank, 0, "", CellPos{1, line, 17}},
                Value{ValueState::yes, 1, "x", CellPos{1, line, 18}}};
  return row;
}

TEST(StoreSpeed, ImportInTheBenchmarkShape) {
  int row_count = 20000;
  if (const char* env = std::getenv("CHISO_STORE_BENCH_ROWS")) row_count = std::max(1000, std::atoi(env));
  constexpr int units_per_period = 10000;
  Plan plan = fifteen_indicator_plan();
  std::vector<UnitRow> rows;
  rows.reserve(row_count);
  for (int row_idx = 0; row_idx < row_count; ++row_idx) {
    char period[16];
    int period_idx = row_idx / units_per_period;
    std::snprintf(period, sizeof period, "%04d-%02d", 2015 + period_idx / 12, 1 + period_idx % 12);
    rows.push_back(bench_row(row_idx % units_per_period, period));
  }
  // A few percent of faulty cells → findings.
  Finding finding;
  finding.severity = Severity::warning;
  finding.rule_id = "pct.mismatch";
  finding.message_vi = "Tỷ lệ không khớp";
  finding.message_en = "Share does not match";
  finding.indicator = "online_full_pct";

  auto store = open_or_die(fresh_db_path());
  auto start = Clock::now();
  double cpu_start_ms = thread_cpu_ms();
  auto writer = store->begin_import(plan, source_file("national.txt"));
  ASSERT_TRUE(writer.ok());
  for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    std::span<const Finding> findings;
    if (row_idx % 25 == 0) findings = std::span<const Finding>(&finding, 1);
    auto added = (*writer)->add_row(rows[row_idx], findings);
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
  ASSERT_TRUE((*writer)->commit().ok());
  double elapsed_ms = ms_since(start);
  double cpu_ms = thread_cpu_ms() - cpu_start_ms;
  double per_million_cpu_ms = cpu_ms * 1.2e6 / row_count;
  std::printf("[store] import %d rows x 15 values: wall %.1f ms, cpu %.1f ms (%.2f us/row) "
              "-> 1.2M rows ~ %.0f ms cpu\n",
              row_count, elapsed_ms, cpu_ms, cpu_ms * 1000 / row_count, per_million_cpu_ms);
  EXPECT_LT(per_million_cpu_ms, 20000) << "far slower than the ~1 s aim";

  start = Clock::now();
  auto table = store->load_period(plan, "2015-01");
  double load_ms = ms_since(start);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), static_cast<std::size_t>(std::min(row_count, units_per_period)));
  EXPECT_EQ(table->rows[1].values[7].raw, "98,35");
  std::printf("[store] load_period of %zu rows: %.1f ms\n", table->rows.size(), load_ms);
}

TEST(StoreSpeed, TrendOverOneHundredTwentyPeriods) {
  Plan plan = fifteen_indicator_plan();
  auto store = open_or_die(fresh_db_path());
  {
    auto writer = store->begin_import(plan, source_file("history.txt"));
    ASSERT_TRUE(writer.ok());
    for (int period_idx = 0; period_idx < 120; ++period_idx) {
      char period[16];
      std::snprintf(period, sizeof period, "%04d-%02d", 2015 + period_idx / 12, 1 + period_idx % 12);
      for (int unit_idx = 0; unit_idx < 50; ++unit_idx)
      {
        auto added = (*writer)->add_row(bench_row(unit_idx, period), {});
        ASSERT_TRUE(added.ok()) << added.error().message;
      }
      std::vector<SummaryValue> summary(15);
      summary[4] = SummaryValue{50.0 + period_idx * 0.25, 50, 0, 0, 0};
      ASSERT_TRUE((*writer)->set_summary(period, summary).ok());
    }
    ASSERT_TRUE((*writer)->commit().ok());
  }
  auto start = Clock::now();
  auto trend = store->trend("online_full_pct");
  double elapsed_ms = ms_since(start);
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->size(), 120u);
  EXPECT_EQ((*trend)[0].period, "2015-01");
  EXPECT_EQ((*trend)[119].period, "2024-12");
  EXPECT_EQ((*trend)[119].value, 50.0 + 119 * 0.25);
  std::printf("[store] trend over 120 periods: %.2f ms\n", elapsed_ms);
  EXPECT_LT(elapsed_ms, 50);
}

}  // namespace
}  // namespace chiso::store_test
