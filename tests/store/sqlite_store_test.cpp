// The SQLite store: round trip, versions and history, interrupted imports,
// schema migrations, files that are not chiso databases, period order.
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "service/period_table.h"
#include "store/schema.h"
#include "store/sqlite_statement.h"
#include "store/store.h"
#include "store/store_sql.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

// A blank cell is not stored (store/cells.h): it comes back blank, with no
// position.
void expect_same_value(const Value& actual, const Value& expected, const std::string& where) {
  EXPECT_EQ(actual.state, expected.state) << where;
  EXPECT_EQ(actual.raw, expected.raw) << where;
  if (expected.state == ValueState::blank) return;
  EXPECT_EQ(actual.number, expected.number) << where;
  EXPECT_EQ(actual.pos.table_idx, expected.pos.table_idx) << where;
  EXPECT_EQ(actual.pos.row_idx, expected.pos.row_idx) << where;
  EXPECT_EQ(actual.pos.col_idx, expected.pos.col_idx) << where;
}

void expect_same_finding(const Finding& actual, const Finding& expected) {
  EXPECT_EQ(actual.severity, expected.severity);
  EXPECT_EQ(actual.rule_id, expected.rule_id);
  EXPECT_EQ(actual.unit, expected.unit);
  EXPECT_EQ(actual.row, expected.row);
  EXPECT_EQ(actual.indicator, expected.indicator);
  EXPECT_EQ(actual.message_vi, expected.message_vi);
  EXPECT_EQ(actual.message_en, expected.message_en);
  EXPECT_EQ(actual.raw, expected.raw);
  EXPECT_EQ(actual.expected, expected.expected);
  EXPECT_EQ(actual.hint_vi, expected.hint_vi);
  EXPECT_EQ(actual.hint_en, expected.hint_en);
  EXPECT_EQ(actual.file, expected.file);
  EXPECT_EQ(actual.pos.table_idx, expected.pos.table_idx);
  EXPECT_EQ(actual.pos.row_idx, expected.pos.row_idx);
  EXPECT_EQ(actual.pos.col_idx, expected.pos.col_idx);
  EXPECT_EQ(actual.period, expected.period);
}

void exec_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::vector<std::string> period_names(Store& store) {
  auto periods = store.periods();
  EXPECT_TRUE(periods.ok());
  std::vector<std::string> names;
  if (periods.ok())
    for (const PeriodInfo& info : *periods) names.push_back(info.period);
  return names;
}

Finding make_finding(Severity severity, std::string rule, std::string unit, int row,
                     std::string indicator, std::string raw, std::string expected, CellPos pos) {
  Finding finding;
  finding.severity = severity;
  finding.rule_id = std::move(rule);
  finding.unit = std::move(unit);
  finding.row = row;
  finding.indicator = std::move(indicator);
  finding.message_vi = "Tỷ lệ không khớp với số liệu";
  finding.message_en = "The share does not match the counts";
  finding.raw = std::move(raw);
  finding.expected = std::move(expected);
  finding.hint_vi = "Có lẽ là 74,05";
  finding.hint_en = "Probably 74.05";
  finding.file = "phu-luc-2.txt";
  finding.pos = pos;
  finding.period = "2024-Q4";
  return finding;
}

UnitRow round_trip_first() {
  // Numbers (an integer, a decimal typed with a comma), a yes mark.
  UnitRow first;
  first.row_number = 1;
  first.raw_name = "Sở Tư pháp";
  first.unit_name = "Sở Tư pháp";
  first.period = "2024-Q4";
  first.pos = CellPos{1, 5, 2};
  first.values = {number_value(1045, "1.045", 5, 3), number_value(774, "774", 5, 4),
                  number_value(74.05, "74,05", 5, 5), mark_value(true, 5, 6)};
  return first;
}

TEST(SqliteStore, RoundTripKeepsEveryValueStateAndFinding) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  Plan plan = small_plan();

  UnitRow first = round_trip_first();
  // Row 2: the range kept as text, a blank, a negative number, a no mark;
  // the name not matched to a registered unit.
  UnitRow second;
  second.row_number = 2;
  second.raw_name = "UBND  huyen Thuy Nguyen ";
  second.unit_name = "";
  second.period = "2024-Q4";
  second.pos = CellPos{2, 7, 2};
  second.values = {text_value("86-96", 7, 3), blank_value(7, 4), number_value(-3, "-3", 7, 5),
                   mark_value(false, 7, 6)};
  // Row 3: a raw text holding control characters and a quote (JSON escapes
  // them), a huge number, a value whose cell is in another table (positions
  // differ).
  UnitRow third;
  third.row_number = 3;
  third.raw_name = "Cục Thuế";
  third.unit_name = "Cục Thuế";
  third.period = "2024-Q4";
  third.pos = CellPos{2, 8, 2};
  third.values = {number_value(1e300, "1e300", 8, 3),
                  text_value("a\x1f"
                             "b\x1b"
                             "c\"\\",
                             8, 4),
                  Value{ValueState::number, 0.1 + 0.2, "0,30000000000000004", CellPos{3, 1, 9}},
                  blank_value(0, 0)};

  Finding range = make_finding(Severity::error, "value.not_number", "UBND  huyen Thuy Nguyen ", 2,
                               "online_total", "86-96", "", CellPos{2, 7, 3});
  Finding pct = make_finding(Severity::warning, "pct.mismatch", "Sở Tư pháp", 1, "online_full_pct",
                             "74,05", "74,07", CellPos{1, 5, 5});
  Finding unknown = make_finding(Severity::info, "unit.unknown", "UBND  huyen Thuy Nguyen ", 2, "",
                                 "", "", CellPos{2, 7, 2});
  Finding header = make_finding(Severity::warning, "header.unmatched", "", 0, "", "Cột lạ", "",
                                CellPos{1, 3, 18});

  const SourceFile file{"phu-luc-2.txt", std::string(64, 'e'), 4096};
  {
    auto writer = store->begin_import(plan, file, ImportOptions{});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    std::vector<Finding> first_findings = {pct};
    std::vector<Finding> second_findings = {range, unknown};
    ASSERT_TRUE((*writer)->add_row(first, first_findings).ok());
    ASSERT_TRUE((*writer)->add_row(second, second_findings).ok());
    ASSERT_TRUE((*writer)->add_row(third, {}).ok());
    std::vector<Finding> table_findings = {header};
    ASSERT_TRUE((*writer)->add_findings("2024-Q4", table_findings).ok());
    auto committed = (*writer)->commit();
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    ASSERT_EQ(committed->size(), 1u);
    const PeriodImport& outcome = committed->at("2024-Q4");
    EXPECT_EQ(outcome.new_count, 3);
    EXPECT_EQ(outcome.changed_count, 0);
    EXPECT_EQ(outcome.unchanged_count, 0);
    EXPECT_EQ(outcome.kept_count, 0);
    EXPECT_EQ(outcome.new_units,
              (std::vector<std::string>{"Sở Tư pháp", "UBND  huyen Thuy Nguyen ", "Cục Thuế"}));
  }

  // Read back through a second Store on the same file, as a later command would.
  store.reset();
  auto reopened = open_or_die(path);
  ASSERT_NE(reopened, nullptr);
  auto table = reopened->load_period(plan, "2024-Q4");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->period, "2024-Q4");
  EXPECT_EQ(table->source_file, "phu-luc-2.txt");
  // The plan's units in order, then the unregistered one.
  ASSERT_EQ(table->rows.size(), 3u);
  const UnitRow* expected_rows[] = {&first, &third, &second};
  for (std::size_t row_idx = 0; row_idx < 3; ++row_idx) {
    const UnitRow& actual = table->rows[row_idx];
    const UnitRow& expected = *expected_rows[row_idx];
    EXPECT_EQ(actual.row_number, expected.row_number);
    EXPECT_EQ(actual.raw_name, expected.raw_name);
    EXPECT_EQ(actual.unit_name, expected.unit_name);
    EXPECT_EQ(actual.period, expected.period);
    EXPECT_EQ(actual.pos.table_idx, expected.pos.table_idx);
    EXPECT_EQ(actual.pos.row_idx, expected.pos.row_idx);
    EXPECT_EQ(actual.pos.col_idx, expected.pos.col_idx);
    ASSERT_EQ(actual.values.size(), 4u);
    for (std::size_t value_idx = 0; value_idx < 4; ++value_idx)
      expect_same_value(actual.values[value_idx], expected.values[value_idx],
                        "row " + std::to_string(row_idx) + " value " + std::to_string(value_idx));
  }
  EXPECT_EQ(table->rows[0].unit_idx, 0);
  EXPECT_EQ(table->rows[1].unit_idx, 2);
  EXPECT_EQ(table->rows[2].unit_idx, -1);
  // Findings in the order written: the row findings, then the table's.
  ASSERT_EQ(table->findings.size(), 4u);
  expect_same_finding(table->findings[0], pct);
  expect_same_finding(table->findings[1], range);
  expect_same_finding(table->findings[2], unknown);
  expect_same_finding(table->findings[3], header);

  // One unit's version, with where it came from.
  auto unit = reopened->load_unit(plan, "2024-Q4", "Sở Tư pháp");
  ASSERT_TRUE(unit.ok()) << unit.error().message;
  EXPECT_EQ(unit->unit, "Sở Tư pháp");
  EXPECT_TRUE(unit->registered);
  EXPECT_EQ(unit->version, 1);
  EXPECT_EQ(unit->state, SubmissionState::submitted);
  EXPECT_EQ(unit->provenance.author, "import");
  EXPECT_EQ(unit->provenance.file, "phu-luc-2.txt");
  EXPECT_EQ(unit->provenance.file_sha256, std::string(64, 'e'));
  EXPECT_EQ(unit->provenance.page, "");
  ASSERT_EQ(unit->row.values.size(), 4u);
  for (std::size_t value_idx = 0; value_idx < 4; ++value_idx)
    expect_same_value(unit->row.values[value_idx], first.values[value_idx],
                      "unit value " + std::to_string(value_idx));
  ASSERT_EQ(unit->findings.size(), 1u);
  expect_same_finding(unit->findings[0], pct);
  // The unregistered unit is found by its raw name.
  auto stranger = reopened->load_unit(plan, "2024-Q4", "UBND  huyen Thuy Nguyen ");
  ASSERT_TRUE(stranger.ok()) << stranger.error().message;
  EXPECT_FALSE(stranger->registered);
  EXPECT_EQ(stranger->row.unit_name, "");
  EXPECT_EQ(stranger->row.values[0].raw, "86-96");
  ASSERT_EQ(stranger->findings.size(), 2u);
  expect_same_finding(stranger->findings[0], range);
  expect_same_finding(stranger->findings[1], unknown);

  PeriodInfo info = period_info(*reopened, "2024-Q4");
  EXPECT_EQ(info.period, "2024-Q4");
  EXPECT_EQ(info.state, PeriodState::open);
  EXPECT_EQ(info.deadline, "");
  EXPECT_EQ(info.unit_count, 3);
  EXPECT_EQ(info.submission_count, 3);
  EXPECT_EQ(info.last_source, "phu-luc-2.txt");
  EXPECT_EQ(info.error_count, 1);  // range
  EXPECT_EQ(info.last_change_utc.size(), std::string("2026-01-01T00:00:00.000Z").size());
  EXPECT_EQ(info.last_change_utc.back(), 'Z');
  EXPECT_EQ(info.last_change_utc, unit->written_at_utc);

  // The city-wide figures are kept beside the period, exactly as put.
  std::vector<SummaryValue> summary(4);
  summary[0] = SummaryValue{1045, 1, 0, 0, 0};
  summary[1] = SummaryValue{774, 2, 0, 0, 0};
  summary[2] = SummaryValue{std::nullopt, 0, 0, 0, 0};
  summary[3] = SummaryValue{std::nullopt, 2, 1, 1, 1};
  auto change_count = reopened->period_change_count("2024-Q4");
  ASSERT_TRUE(change_count.ok());
  ASSERT_TRUE(reopened->put_summary(plan, "2024-Q4", *change_count, summary).ok());
  reopened.reset();
  auto third_store = open_or_die(path);
  auto kept = third_store->cached_summary(plan, "2024-Q4");
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  ASSERT_TRUE(kept->has_value());
  ASSERT_EQ((*kept)->size(), 4u);
  for (std::size_t indicator_idx = 0; indicator_idx < 4; ++indicator_idx) {
    const SummaryValue& actual = (**kept)[indicator_idx];
    EXPECT_EQ(actual.value, summary[indicator_idx].value) << indicator_idx;
    EXPECT_EQ(actual.units_reporting, summary[indicator_idx].units_reporting) << indicator_idx;
    EXPECT_EQ(actual.yes, summary[indicator_idx].yes) << indicator_idx;
    EXPECT_EQ(actual.no, summary[indicator_idx].no) << indicator_idx;
    EXPECT_EQ(actual.blank, summary[indicator_idx].blank) << indicator_idx;
  }
}

// A finding of the import tied to no row (an unmatched header) shows in the
// period's table; the period's counts count the rows' findings only
// (store.h: PeriodInfo).
TEST(SqliteStore, PeriodCountsCountTheRowsFindingsTheTableShowsBoth) {
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();
  Finding pct = make_finding(Severity::warning, "pct.mismatch", "Sở Tư pháp", 1, "online_full_pct",
                             "74,05", "74,07", CellPos{1, 5, 5});
  Finding header = make_finding(Severity::warning, "header.unmatched", "", 0, "", "Cột lạ", "",
                                CellPos{1, 3, 18});
  {
    auto writer = store->begin_import(plan, source_file("phu-luc-2.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    std::vector<Finding> row_findings = {pct};
    std::vector<Finding> table_findings = {header};
    ASSERT_TRUE((*writer)->add_row(round_trip_first(), row_findings).ok());
    ASSERT_TRUE((*writer)->add_findings("2024-Q4", table_findings).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  auto table = store->load_period(plan, "2024-Q4");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->findings.size(), 2u);
  EXPECT_EQ(period_info(*store, "2024-Q4").warning_count, 1);  // pct; the header's is the table's
}

TEST(SqliteStore, LoadPeriodMapsIndicatorsByCodeWhenThePlanChanged) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_rows(*store, plan, "a.txt", {make_row(1, "Cục Thuế", "2025-01", 10, 4, "40", true)})
          .ok());
  // A later plan puts the mark first, drops the percent and adds an indicator.
  Plan later = plan;
  later.indicators = {plan.indicators[3], plan.indicators[0], plan.indicators[1], Indicator{}};
  later.indicators[3].code = "cashless_pct";
  auto table = store->load_period(later, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  const auto& values = table->rows[0].values;
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[0].state, ValueState::yes);
  EXPECT_EQ(values[1].number, 10);
  EXPECT_EQ(values[2].number, 4);
  EXPECT_EQ(values[3].state, ValueState::blank);
  auto unit = store->load_unit(later, "2025-01", "Cục Thuế");
  ASSERT_TRUE(unit.ok()) << unit.error().message;
  ASSERT_EQ(unit->row.values.size(), 4u);
  EXPECT_EQ(unit->row.values[0].state, ValueState::yes);
  EXPECT_EQ(unit->row.values[1].raw, "10");
  EXPECT_EQ(unit->row.values[3].state, ValueState::blank);
}

// A unit's values are a JSON text (store/cells.h) that any SQL tool may
// edit: damaged, they give an error naming the period, never a crash or a
// silently wrong answer.
TEST(SqliteStore, DamagedCellsGiveAnErrorNotACrash) {
  Plan plan = small_plan();
  const char* damages[] = {
      "UPDATE unit_submission SET cells = 'x'",                             // not JSON
      "UPDATE unit_submission SET cells = '[1, 2]'",                        // not an object
      "UPDATE unit_submission SET cells = '{\"online_total\": 5}'",         // a cell not an array
      "UPDATE unit_submission SET cells = '{\"online_total\": [10, 10]}'",  // raw text not a string
      "UPDATE unit_submission SET cells = '{\"online_total\": [\"10\"]}'",  // no parsed value
  };
  std::string base = fresh_db_path();
  for (std::size_t damage_idx = 0; damage_idx < std::size(damages); ++damage_idx) {
    std::string path = base + "." + std::to_string(damage_idx);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto store = open_or_die(path);
    ASSERT_TRUE(import_rows(*store, plan, "a.txt",
                            {make_row(1, "Cục Thuế", "2025-01", 10, 4, "40", true),
                             make_row(2, "Sở Tư pháp", "2025-01", 3, 1, "33", false)})
                    .ok());
    exec_raw(path, damages[damage_idx]);
    auto table = store->load_period(plan, "2025-01");
    ASSERT_FALSE(table.ok()) << damages[damage_idx];
    EXPECT_EQ(table.error().kind, ErrorKind::internal) << damages[damage_idx];
    std::string both = table.error().message + " " + table.error().message_en;
    EXPECT_NE(both.find("damaged"), std::string::npos) << both;
    EXPECT_NE(both.find("2025-01"), std::string::npos) << damages[damage_idx] << ": " << both;
    EXPECT_FALSE(store->load_unit(plan, "2025-01", "Cục Thuế").ok()) << damages[damage_idx];
    EXPECT_FALSE(store->history("2025-01", HistoryQuery{}).ok()) << damages[damage_idx];
    // What does not read the values still works.
    EXPECT_TRUE(store->periods().ok());
    EXPECT_TRUE(store->units().ok());
    EXPECT_TRUE(store->status(plan, "2025-01").ok());
  }
}

TEST(SqliteStore, UnknownPeriodIsAnError) {
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();
  auto table = store->load_period(plan, "2030-Q1");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().kind, ErrorKind::not_found);
  EXPECT_NE(table.error().message.find("2030-Q1"), std::string::npos);
  auto changes = store->history("2030-Q1", HistoryQuery{});
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.error().kind, ErrorKind::not_found);
  EXPECT_NE(changes.error().message.find("2030-Q1"), std::string::npos);
  auto status = store->status(plan, "2030-Q1");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::not_found);
  auto unit = store->load_unit(plan, "2030-Q1", "Cục Thuế");
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.error().kind, ErrorKind::not_found);
}

// A corrected file: the units whose row changed get a new version, the
// others keep theirs; a unit not in the file stays (no --replace-period).
TEST(SqliteStore, ReimportMakesNewVersionsOfChangedUnitsAndHistoryShowsTheChanges) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "ban-dau.txt",
                          {make_row(1, "Sở Tư pháp", "2024-Q4", 20, 5, "25", true),
                           make_row(2, "UBND huyện Thủy Nguyên", "2024-Q4", 30, 10, "33,33", false),
                           make_row(3, "Cục Thuế", "2024-Q4", 8, 8, "100", true)})
                  .ok());
  // The corrected file: Tư pháp's full count 5 → 6 (share 25 → 30); Thủy
  // Nguyên unchanged; Cục Thuế not in it; an unregistered name appears.
  UnitRow added = make_row(3, "Sở Mới", "2024-Q4", 4, 1, "25", false);
  added.unit_name = "";
  auto second = import_rows(
      *store, plan, "da-sua.txt",
      {make_row(1, "Sở Tư pháp", "2024-Q4", 20, 6, "30", true),
       make_row(2, "UBND huyện Thủy Nguyên", "2024-Q4", 30, 10, "33,33", false), added});
  ASSERT_TRUE(second.ok()) << second.error().message;
  const PeriodImport& outcome = second->at("2024-Q4");
  EXPECT_EQ(outcome.new_count, 1);
  EXPECT_EQ(outcome.changed_count, 1);
  EXPECT_EQ(outcome.unchanged_count, 1);
  EXPECT_EQ(outcome.kept_count, 1);
  EXPECT_EQ(outcome.repeated_count, 0);
  EXPECT_EQ(outcome.new_units, std::vector<std::string>{"Sở Mới"});
  EXPECT_EQ(outcome.changed_units, std::vector<std::string>{"Sở Tư pháp"});
  EXPECT_TRUE(outcome.withdrawn_units.empty());

  PeriodInfo info = period_info(*store, "2024-Q4");
  EXPECT_EQ(info.unit_count, 4);
  EXPECT_EQ(info.submission_count, 5);  // 3 first versions, Tư pháp's second, Sở Mới's first
  EXPECT_EQ(info.last_source, "da-sua.txt");
  EXPECT_EQ(count_rows(path, "unit_submission"), 5);  // the first versions are kept

  auto table = store->load_period(plan, "2024-Q4");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(table->rows[0].values[1].raw, "6");
  EXPECT_EQ(table->rows[1].unit_name, "UBND huyện Thủy Nguyên");
  EXPECT_EQ(table->rows[2].unit_name, "Cục Thuế");
  EXPECT_EQ(table->rows[2].values[0].raw, "8");
  EXPECT_EQ(table->rows[3].raw_name, "Sở Mới");
  // The table came from both files now.
  EXPECT_NE(table->source_file.find("ban-dau.txt"), std::string::npos) << table->source_file;
  EXPECT_NE(table->source_file.find("da-sua.txt"), std::string::npos) << table->source_file;

  // Over the whole period: the changed cells only (a unit's first version
  // is not a change).
  struct Expected {
    std::string unit, indicator, old_raw, new_raw;
    int old_version, new_version;
  };
  const std::vector<Expected> expected = {
      {"Sở Tư pháp", "online_full", "5", "6", 1, 2},
      {"Sở Tư pháp", "online_full_pct", "25", "30", 1, 2},
  };
  auto changes = store->history("2024-Q4", HistoryQuery{});
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  ASSERT_EQ(changes->size(), expected.size());
  for (std::size_t change_idx = 0; change_idx < expected.size(); ++change_idx) {
    const Change& change = (*changes)[change_idx];
    EXPECT_EQ(change.unit, expected[change_idx].unit) << change_idx;
    EXPECT_EQ(change.indicator, expected[change_idx].indicator) << change_idx;
    EXPECT_EQ(change.old_raw, expected[change_idx].old_raw) << change_idx;
    EXPECT_EQ(change.new_raw, expected[change_idx].new_raw) << change_idx;
    EXPECT_EQ(change.old_version, expected[change_idx].old_version) << change_idx;
    EXPECT_EQ(change.new_version, expected[change_idx].new_version) << change_idx;
    EXPECT_EQ(change.period, "2024-Q4");
    EXPECT_EQ(change.source, "da-sua.txt");
    EXPECT_EQ(change.author, "import");
    EXPECT_EQ(change.changed_at_utc, info.last_change_utc);
  }
  EXPECT_EQ((*changes)[0].old_value, 5);
  EXPECT_EQ((*changes)[0].new_value, 6);
  EXPECT_FALSE((*changes)[1].old_value.has_value());  // "25" kept as text by make_row
  EXPECT_FALSE((*changes)[1].new_value.has_value());

  // With first versions: one state line per unit's first version besides.
  HistoryQuery with_first;
  with_first.first_versions = true;
  auto all = store->history("2024-Q4", with_first);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 6u);
  std::vector<std::string> first_lines;
  for (const Change& change : *all) {
    if (!change.indicator.empty()) continue;
    first_lines.push_back(change.unit);
    EXPECT_EQ(change.old_version, 0) << change.unit;
    EXPECT_EQ(change.new_version, 1) << change.unit;
    EXPECT_EQ(change.old_state, "") << change.unit;
    EXPECT_EQ(change.new_state, "submitted") << change.unit;
  }
  std::sort(first_lines.begin(), first_lines.end());
  EXPECT_EQ(first_lines, (std::vector<std::string>{"Cục Thuế", "Sở Mới", "Sở Tư pháp",
                                                   "UBND huyện Thủy Nguyên"}));

  // One unit asked for: its first version cell by cell, then the changes.
  HistoryQuery one;
  one.unit = "Sở Tư pháp";
  const std::vector<Expected> tu_phap = {
      {"Sở Tư pháp", "online_total", "", "20", 0, 1},
      {"Sở Tư pháp", "online_full", "", "5", 0, 1},
      {"Sở Tư pháp", "online_full_pct", "", "25", 0, 1},
      {"Sở Tư pháp", "meeting_room_has", "", "x", 0, 1},
      {"Sở Tư pháp", "online_full", "5", "6", 1, 2},
      {"Sở Tư pháp", "online_full_pct", "25", "30", 1, 2},
  };
  auto one_unit = store->history("2024-Q4", one);
  ASSERT_TRUE(one_unit.ok());
  ASSERT_EQ(one_unit->size(), tu_phap.size());
  for (std::size_t change_idx = 0; change_idx < tu_phap.size(); ++change_idx) {
    const Change& change = (*one_unit)[change_idx];
    EXPECT_EQ(change.unit, tu_phap[change_idx].unit) << change_idx;
    EXPECT_EQ(change.indicator, tu_phap[change_idx].indicator) << change_idx;
    EXPECT_EQ(change.old_raw, tu_phap[change_idx].old_raw) << change_idx;
    EXPECT_EQ(change.new_raw, tu_phap[change_idx].new_raw) << change_idx;
    EXPECT_EQ(change.old_version, tu_phap[change_idx].old_version) << change_idx;
    EXPECT_EQ(change.new_version, tu_phap[change_idx].new_version) << change_idx;
  }
  EXPECT_EQ((*one_unit)[0].source, "ban-dau.txt");
  // The unit whose row did not change: its first version only.
  HistoryQuery unchanged_query;
  unchanged_query.unit = "UBND huyện Thủy Nguyên";
  auto unchanged = store->history("2024-Q4", unchanged_query);
  ASSERT_TRUE(unchanged.ok());
  ASSERT_EQ(unchanged->size(), 4u);  // 30, 10, "33,33", the mark 0
  for (const Change& change : *unchanged) EXPECT_EQ(change.new_version, 1) << change.indicator;

  // One indicator over the period: each unit's first value of it, then its changes.
  HistoryQuery one_indicator;
  one_indicator.indicator = "online_full";
  auto full = store->history("2024-Q4", one_indicator);
  ASSERT_TRUE(full.ok());
  ASSERT_EQ(full->size(), 5u);  // 4 units' first values, Tư pháp's 5 → 6
  for (const Change& change : *full) EXPECT_EQ(change.indicator, "online_full");

  // A third import: history runs over 1→2 then 2→3, oldest first.
  ASSERT_TRUE(import_rows(*store, plan, "lan-ba.txt",
                          {make_row(1, "Sở Tư pháp", "2024-Q4", 21, 6, "30", true)})
                  .ok());
  auto later = store->history("2024-Q4", one);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 7u);
  const Change& last = later->back();
  EXPECT_EQ(last.old_version, 2);
  EXPECT_EQ(last.new_version, 3);
  EXPECT_EQ(last.indicator, "online_total");
  EXPECT_EQ(last.old_raw, "20");
  EXPECT_EQ(last.new_raw, "21");
  EXPECT_EQ(last.old_value, 20);
  EXPECT_EQ(last.new_value, 21);
  EXPECT_EQ(last.source, "lan-ba.txt");
}

TEST(SqliteStore, WriterDestroyedWithoutCommitLeavesTheStoreAsItWas) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_rows(*store, plan, "a.txt", {make_row(1, "Cục Thuế", "2025-01", 10, 4, "40", true)})
          .ok());
  std::vector<std::string> before = period_names(*store);
  {
    auto writer = store->begin_import(plan, source_file("interrupted.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Cục Thuế", "2025-01", 11, 4, "36", true), {}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Cục Thuế", "2025-02", 12, 4, "33", true), {}).ok());
  }  // no commit
  EXPECT_EQ(period_names(*store), before);
  EXPECT_EQ(count_rows(path, "unit_submission"), 1);
  EXPECT_EQ(count_rows(path, "source"), 1);
  EXPECT_EQ(period_info(*store, "2025-01").submission_count, 1);
  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows[0].values[0].raw, "10");
  // The store is usable again: the next import gets version 2, not 3.
  ASSERT_TRUE(
      import_rows(*store, plan, "b.txt", {make_row(1, "Cục Thuế", "2025-01", 13, 4, "31", true)})
          .ok());
  auto unit = store->load_unit(plan, "2025-01", "Cục Thuế");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->version, 2);
  EXPECT_EQ(period_info(*store, "2025-01").submission_count, 2);
}

TEST(SqliteStore, FailureInTheMiddleAbandonsTheWholeImport) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_rows(*store, plan, "a.txt", {make_row(1, "Cục Thuế", "2025-01", 10, 4, "40", true)})
          .ok());
  std::vector<std::string> before = period_names(*store);
  {
    auto writer = store->begin_import(plan, source_file("broken.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        (*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-03", 1, 1, "100", true), {}).ok());
    UnitRow short_row = make_row(2, "Cục Thuế", "2025-03", 2, 1, "50", false);
    short_row.values.pop_back();
    auto failed = (*writer)->add_row(short_row, {});
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.error().message.find("Cục Thuế"), std::string::npos) << failed.error().message;
    // Once failed, nothing more is accepted, commit included.
    EXPECT_FALSE(
        (*writer)->add_row(make_row(3, "Cục Thuế", "2025-03", 2, 1, "50", false), {}).ok());
    EXPECT_FALSE((*writer)->commit().ok());
  }
  EXPECT_EQ(period_names(*store), before);
  EXPECT_EQ(count_rows(path, "unit_submission"), 1);
  EXPECT_EQ(count_rows(path, "period"), 1);

  // A row with no period is refused with a message naming the file.
  auto writer = store->begin_import(plan, source_file("khong-ky.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  auto failed = (*writer)->add_row(make_row(1, "Cục Thuế", "", 1, 1, "100", true), {});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("khong-ky.txt"), std::string::npos);
  writer->reset();  // abandon it, releasing the write lock
  // A summary of the wrong size is refused too.
  auto change_count = store->period_change_count("2025-01");
  ASSERT_TRUE(change_count.ok());
  EXPECT_FALSE(
      store->put_summary(plan, "2025-01", *change_count, std::vector<SummaryValue>(2)).ok());
}

TEST(SqliteStore, CommitTwiceIsRefused) {
  auto store = open_or_die(fresh_db_path());
  auto writer = store->begin_import(small_plan(), source_file("a.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  auto committed = (*writer)->commit();
  ASSERT_TRUE(committed.ok());
  EXPECT_TRUE(committed->empty());  // no row: no period touched
  EXPECT_FALSE((*writer)->commit().ok());
  EXPECT_FALSE((*writer)->add_row(make_row(1, "Cục Thuế", "2025-01", 1, 1, "100", true), {}).ok());
}

TEST(SqliteStore, EachDistinctPlanIsStoredOnce) {
  std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_rows(*store, plan, "a.txt", {make_row(1, "Cục Thuế", "2025-01", 1, 1, "100", true)})
          .ok());
  ASSERT_TRUE(
      import_rows(*store, plan, "b.txt", {make_row(1, "Cục Thuế", "2025-02", 1, 1, "100", true)})
          .ok());
  EXPECT_EQ(count_rows(path, "plan"), 1);
  Plan edited = plan;
  edited.source_text += "# edited\n";
  ASSERT_TRUE(
      import_rows(*store, edited, "c.txt", {make_row(1, "Cục Thuế", "2025-03", 1, 1, "100", true)})
          .ok());
  EXPECT_EQ(count_rows(path, "plan"), 2);
}

// A database of its own with one imported row (Cục Thuế's in 2025-01), its
// store closed: in WAL from its next open.
std::string db_with_one_row() {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  EXPECT_NE(store, nullptr);
  if (store) {
    EXPECT_TRUE(import_rows(*store, small_plan(), "a.txt",
                            {make_row(1, "Cục Thuế", "2025-01", 1, 1, "100", true)})
                    .ok());
  }
  return path;
}

// The queries that look for the current version of a row, or a period's
// current rows, go through the index of current versions (migration 6),
// not through every version of each row (the version index): a row saved as
// it is typed gains a version per save, and a save reads its current one.
TEST(SqliteStore, CurrentVersionsAreFoundByTheirOwnIndex) {
  const std::string path = db_with_one_row();
  // SQLite's plan of `sql` (its parameters written $N, read as ?N), one
  // line per step.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto plan_of = [&](std::string sql) {
    std::replace(sql.begin(), sql.end(), '$', '?');
    sql = "EXPLAIN QUERY PLAN " + sql;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string steps;
    while (sqlite3_step(stmt) == SQLITE_ROW)  // columns: id, parent, notused, detail
      steps += std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3))) + "\n";
    sqlite3_finalize(stmt);
    return steps;
  };
  const std::pair<const char*, const char*> current_queries[] = {
      {"read_current", store_detail::sql::read_current},
      {"unit_current", store_detail::sql::unit_current},
      {"current_of_named", store_detail::sql::current_of_named},
      {"status", store_detail::sql::status},
      {"period_rows", store_detail::sql::period_rows},
      {"period_current_versions", store_detail::sql::period_current_versions},
  };
  for (const auto& [name, sql] : current_queries) {
    const std::string plan = plan_of(sql);
    EXPECT_NE(plan.find("USING INDEX unit_submission_current"), std::string::npos) << name << ": " << plan;
    EXPECT_EQ(plan.find("unit_submission_version"), std::string::npos) << name << ": " << plan;
  }
  sqlite3_close(db);
}

// Another program's write through `db` of 5,000 rows of 7,000 bytes (a
// table junk), each a page of 8 KiB in the log, without checkpointing: a
// log longer than wal_restart_frames (4,096) and than SQLite's 1,000. The
// result code of sqlite3_exec.
int write_a_long_log(sqlite3* db) {
  return sqlite3_exec(db,
                      "PRAGMA wal_autocheckpoint = 0; CREATE TABLE junk (x BLOB); "
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                      "INSERT INTO junk SELECT randomblob(7000) FROM n",
                      nullptr, nullptr, nullptr);
}

// The server's sync (Store::sync_committed, once a second) copies the log
// into the database; once the log is long it copies all of it and waits for
// its readers, so that the next write starts it again from its beginning
// (a writer saving without a pause never lets a write begin with all of
// the log copied otherwise; that race is not played here).
TEST(SqliteStore, SyncCopiesALongLogWholeAndTheNextWriteStartsItAgain) {
  const std::string path = db_with_one_row();
  auto store = open_or_die(path);  // in WAL from now on
  ASSERT_NE(store, nullptr);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  // Another program writes 5,000 pages of 8 KiB into the log, more than
  // wal_restart_frames (4,096), without checkpointing.
  ASSERT_EQ(write_a_long_log(other), SQLITE_OK) << sqlite3_errmsg(other);
  auto log_frames = [&] {  // the log's length, as a checkpoint that copies what it can reports it
    int frames = -1;
    EXPECT_EQ(sqlite3_wal_checkpoint_v2(other, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, nullptr), SQLITE_OK);
    return frames;
  };
  ASSERT_GT(log_frames(), 5000);
  ASSERT_TRUE(store->sync_committed().ok());
  ASSERT_EQ(sqlite3_exec(other, "INSERT INTO junk VALUES (x'00')", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_LT(log_frames(), 10);
  // Nothing lost: the rows are read from the database.
  EXPECT_EQ(count_rows(path, "junk"), 5001);
  EXPECT_EQ(count_rows(path, "unit_submission"), 1);
  sqlite3_close(other);
}

// A server's stores leave copying the log into the database to its sync:
// a commit on one of them, the log long (5,000 pages of 8 KiB, more than
// SQLite's 1,000 at which a commit copies it by default), leaves the
// database file as it was, and the sync copies the log. A store of the
// command line still copies it at such a commit, as SQLite does.
TEST(SqliteStore, AServersStoreLeavesCopyingTheLogToTheSync) {
  for (const bool server : {true, false}) {
    const std::string path = db_with_one_row();
    auto store = open_or_die(path);  // in WAL from now on
    ASSERT_NE(store, nullptr);
    if (server) {
      ASSERT_TRUE(store->leave_checkpoints_to_sync().ok());
    }
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
    ASSERT_EQ(write_a_long_log(other), SQLITE_OK) << sqlite3_errmsg(other);
    sqlite3_close(other);
    const auto size_before = std::filesystem::file_size(path);
    ASSERT_TRUE(store->open_period("2025-02", "2025-03-05").ok());  // a commit
    const auto size_after_commit = std::filesystem::file_size(path);
    const std::uintmax_t log_bytes = 5000u * 7000u;
    if (server) {
      EXPECT_EQ(size_after_commit, size_before);
      ASSERT_TRUE(store->sync_committed().ok());
      EXPECT_GT(std::filesystem::file_size(path), size_before + log_bytes);
    } else {
      EXPECT_GT(size_after_commit, size_before + log_bytes);
    }
    EXPECT_EQ(count_rows(path, "junk"), 5000);
  }
}

TEST(SqliteStore, MigratesAnEmptyDatabaseAndReopens) {
  const std::string path = db_with_one_row();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto pragma = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW)
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return value;
  };
  EXPECT_EQ(pragma("PRAGMA user_version"), "8");
  EXPECT_EQ(pragma("PRAGMA application_id"), std::to_string(0x4348534f));
  EXPECT_EQ(pragma("PRAGMA journal_mode"), "wal");
  // The values as plain rows, for any SQL tool (the view current_value).
  EXPECT_EQ(
      pragma("SELECT raw || '|' || value FROM current_value WHERE indicator = 'online_total'"),
      "1|1");
  EXPECT_EQ(pragma("SELECT value_kind FROM current_value WHERE indicator = 'meeting_room_has'"),
            "yes");
  EXPECT_EQ(pragma("SELECT value_kind FROM current_value WHERE indicator = 'online_full_pct'"),
            "text");
  sqlite3_close(db);
  // Reopening runs no migration and finds the data.
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(period_names(*store), std::vector<std::string>{"2025-01"});
  EXPECT_EQ(count_rows(path, "unit_submission"), 1);
}

// The rows `sql` reads from the file at `path`, a line each, columns joined
// by '|' (NULL as "NULL").
std::vector<std::string> rows_of(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::vector<std::string> rows;
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int col_idx = 0; col_idx < sqlite3_column_count(stmt); ++col_idx) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col_idx));
      row += (col_idx > 0 ? "|" : "") + std::string(text != nullptr ? text : "NULL");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

// A database at `path` as chiso left it at schema `version`, holding what
// `sql` writes (in the same transaction as its schema).
void make_database_at_schema(const std::string& path, int version, const std::string& sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  store_detail::Connection connection(raw);
  ASSERT_TRUE(connection.exec("BEGIN IMMEDIATE", "test").ok());
  ASSERT_TRUE(store_detail::migrate_in_transaction(connection, path, version).ok());
  auto written = connection.exec(sql + "; COMMIT", "test");
  ASSERT_TRUE(written.ok()) << written.error().message;
}

// A database as chiso left it at schema 6, with rows: versions in each of
// the five states (ids with gaps), findings of each severity (one of a whole
// file, of no version), an event and an explanation naming versions. Opened
// by this chiso, migration 7 rebuilds unit_submission and finding with
// their checks written without IN (SQLite builds a temporary table for an IN
// list of more than two values at every row written): every row is kept
// with its id, the indexes and views are there again, the checks refuse
// what they refused, and the foreign keys are on again afterwards.
TEST(SqliteStore, Version6IsMigratedTo7KeepingEveryRowAndItsChecks) {
  const std::string path = fresh_db_path();
  const std::string rows_at_schema_6 =
      "INSERT INTO period (id, name, sort_key) VALUES (1, '2025-01', '2025-01');"
      "INSERT INTO unit (id, name, kind) VALUES (1, 'Sở Tư pháp', 'so'), (2, 'Cục Thuế', 'cuc');"
      "INSERT INTO source (id, kind, author, file_name, page, created_at_utc) VALUES"
      " (1, 'file', 'an', 'a.xlsx', '', '2025-02-01T08:00:00Z'),"
      " (2, 'page', 'lan', '', 'form', '2025-02-02T08:00:00Z');"
      "INSERT INTO unit_submission (id, period_id, unit_id, version, state, is_current, source_id, row_number,"
      " raw_name, table_idx, row_idx, col_idx, comment, cells, positions, error_count, warning_count) VALUES"
      " (3, 1, 1, 1, 'draft', 0, 1, 1, 'Sở Tư pháp', 0, 5, 1, '', '{\"tong\":[\"20\",20]}', '0:5:2', 0, 0),"
      " (7, 1, 1, 2, 'submitted', 0, 2, 1, 'Sở Tư pháp', 0, 5, 1, 'xong', '{\"tong\":[\"21\",21]}', '', 0, 1),"
      " (9, 1, 1, 3, 'returned', 1, 2, 1, 'Sở Tư pháp', 0, 5, 1, '', '{\"tong\":[\"22\",22]}', '', 1, 0),"
      " (12, 1, 2, 1, 'approved', 0, 1, 2, 'Cục Thuế', 0, 6, 1, '', '{\"tong\":[\"x\",null]}', '', 0, 0),"
      " (20, 1, 2, 2, 'withdrawn', 1, 1, 2, 'Cục Thuế', 0, 6, 1, '', '{}', '', 0, 0);"
      "INSERT INTO finding (id, source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator,"
      " message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period) VALUES"
      " (4, 2, 9, 'error', 'share', 'Sở Tư pháp', 1, 'tong', 'Sai', 'Wrong', '22', '20', 'Có lẽ 20', 'Maybe 20',"
      " '', 0, 5, 2, '2025-01'),"
      " (8, 2, 7, 'warning', 'jump', 'Sở Tư pháp', 1, 'tong', 'Tăng', 'Jump', '21', '', '', '', '', 0, 5, 2,"
      " '2025-01'),"
      " (15, 1, NULL, 'info', 'unit_name', '', 0, '', 'Tên', 'Name', '', '', '', '', 'a.xlsx', 0, 0, 0, '2025-01');"
      "INSERT INTO submission_event (id, unit_submission_id, from_state, to_state, author, at_utc, comment, page,"
      " indicator) VALUES (5, 9, 'submitted', 'returned', 'hoa', '2025-02-03T08:00:00Z', 'Xem lại', 'board', 'tong');"
      "INSERT INTO explanation (unit_submission_id, finding_key, text) VALUES (7, 'jump|tong', 'Thêm phòng')";
  ASSERT_NO_FATAL_FAILURE(make_database_at_schema(path, 6, rows_at_schema_6));
  const std::string versions = "SELECT * FROM unit_submission ORDER BY id";
  const std::string findings = "SELECT * FROM finding ORDER BY id";
  const std::string events = "SELECT * FROM submission_event ORDER BY id";
  const std::string explanations = "SELECT * FROM explanation";
  const std::string values = "SELECT * FROM submission_value ORDER BY unit, version, indicator";
  const std::string current = "SELECT unit, version, state, raw FROM current_value ORDER BY unit";
  ASSERT_EQ(rows_of(path, "PRAGMA user_version"), std::vector<std::string>{"6"});
  const auto versions_before = rows_of(path, versions);
  const auto findings_before = rows_of(path, findings);
  const auto events_before = rows_of(path, events);
  const auto explanations_before = rows_of(path, explanations);
  const auto values_before = rows_of(path, values);
  ASSERT_EQ(versions_before.size(), 5u);
  ASSERT_EQ(findings_before.size(), 3u);
  ASSERT_EQ(values_before.size(), 4u);  // the withdrawn version has no cell

  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    auto connection = std::make_shared<store_detail::Connection>(raw);
    ASSERT_TRUE(connection->exec("PRAGMA foreign_keys = ON", "test").ok());
    auto migrated = store_detail::migrate(connection, path);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    auto foreign_keys = store_detail::Statement::prepare(raw, "PRAGMA foreign_keys");
    ASSERT_TRUE(foreign_keys.ok());
    ASSERT_TRUE(*foreign_keys->step());
    EXPECT_EQ(foreign_keys->column_int(0), 1);
  }
  EXPECT_EQ(rows_of(path, "PRAGMA user_version"), std::vector<std::string>{"8"});
  EXPECT_EQ(rows_of(path, versions), versions_before);
  EXPECT_EQ(rows_of(path, findings), findings_before);
  EXPECT_EQ(rows_of(path, events), events_before);
  EXPECT_EQ(rows_of(path, explanations), explanations_before);
  EXPECT_EQ(rows_of(path, values), values_before);
  EXPECT_EQ(rows_of(path, current),
            (std::vector<std::string>{"Sở Tư pháp|3|returned|22"}));  // Cục Thuế's row is withdrawn
  EXPECT_EQ(rows_of(path, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  EXPECT_EQ(rows_of(path, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_EQ(rows_of(path,
                    "SELECT name FROM sqlite_schema WHERE tbl_name IN ('unit_submission', 'finding') "
                    "OR type = 'view' ORDER BY name"),
            (std::vector<std::string>{"current_value", "finding", "finding_by_source", "finding_by_unit_submission",
                                      "period_total",  // migration 8's
                                      "submission_value", "unit_submission", "unit_submission_current",
                                      "unit_submission_version"}));
  // No temporary table is built to check a version or a finding written.
  auto program = [&](const std::string& insert) {
    std::string opcodes;
    for (const std::string& row : rows_of(path, "EXPLAIN " + insert)) opcodes += row + "\n";
    return opcodes;
  };
  const std::string insert_version =
      "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) "
      "VALUES (1, 1, 4, ?1, 1, 2)";
  const std::string insert_finding =
      "INSERT INTO finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator, "
      "message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period) "
      "VALUES (2, 9, ?1, 'r', 'u', 1, 'tong', 'm', 'm', '', '', '', '', '', 0, 0, 0, '2025-01')";
  EXPECT_EQ(program(insert_version).find("OpenEphemeral"), std::string::npos) << program(insert_version);
  EXPECT_EQ(program(insert_finding).find("OpenEphemeral"), std::string::npos) << program(insert_finding);
  // The same rule: each state and severity the old checks took is taken,
  // anything else refused.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto accepted = [&](const std::string& insert, const char* value) {
    std::string sql = "SAVEPOINT probe; " + insert;
    sql.replace(sql.find("?1"), 2, std::string("'") + value + "'");
    sql += "; ROLLBACK TO probe; RELEASE probe";
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    if (rc != SQLITE_OK) sqlite3_exec(db, "ROLLBACK TO probe; RELEASE probe", nullptr, nullptr, nullptr);
    EXPECT_TRUE(rc == SQLITE_OK || text.find("CHECK constraint failed") != std::string::npos) << text;
    return rc == SQLITE_OK;
  };
  for (const char* state : {"draft", "submitted", "returned", "approved", "withdrawn"})
    EXPECT_TRUE(accepted(insert_version, state)) << state;
  for (const char* state : {"lost", "Draft", "draft ", ""}) EXPECT_FALSE(accepted(insert_version, state)) << state;
  for (const char* severity : {"info", "warning", "error"})
    EXPECT_TRUE(accepted(insert_finding, severity)) << severity;
  for (const char* severity : {"fatal", "Error", ""}) EXPECT_FALSE(accepted(insert_finding, severity)) << severity;
  sqlite3_close(db);
  EXPECT_EQ(rows_of(path, "SELECT count(*) FROM unit_submission"), std::vector<std::string>{"5"});
  // Opening it with the store migrates nothing more.
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(period_names(*store), std::vector<std::string>{"2025-01"});
  EXPECT_EQ(rows_of(path, versions), versions_before);
}

// A database as chiso left it at schema 7, its periods' figures on their
// rows. Migration 8 moves them into period_tally (shard 0, one row per
// period) and drops them from period; the store reads the same figures.
TEST(SqliteStore, Version7IsMigratedTo8MovingThePeriodsFiguresIntoTheTally) {
  const std::string path = fresh_db_path();
  ASSERT_NO_FATAL_FAILURE(make_database_at_schema(path, 7, periods_at_schema_7));
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    auto connection = std::make_shared<store_detail::Connection>(raw);
    auto migrated = store_detail::migrate(connection, path);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
  }
  EXPECT_EQ(rows_of(path, "PRAGMA user_version"), std::vector<std::string>{"8"});
  EXPECT_EQ(rows_of(path, "SELECT * FROM period_tally ORDER BY period_id"), tally_of_schema_7);
  EXPECT_EQ(rows_of(path, "SELECT name FROM pragma_table_info('period') ORDER BY cid"),
            (std::vector<std::string>{"id", "name", "sort_key", "state", "deadline"}));
  EXPECT_EQ(rows_of(path, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  EXPECT_EQ(rows_of(path, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  expect_periods_of_schema_7(*store);
}

TEST(SqliteStore, NewerDatabaseIsRefusedAndLeftAlone) {
  std::string path = fresh_db_path();
  {
    auto store = open_or_die(path);
    ASSERT_TRUE(store->periods().ok());  // a read makes the schema
  }
  exec_raw(path, "PRAGMA user_version = 99");
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("99"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("newer"), std::string::npos);
  EXPECT_NE(store.error().message.find("mới hơn"), std::string::npos);
  EXPECT_EQ(count_rows(path, "period"), 0);  // untouched
}

TEST(SqliteStore, FileThatIsNotSqliteIsAnError) {
  std::string path = fresh_db_path();
  const std::string content = "STT\tTên đơn vị\n1\tSở Tư pháp\n" + std::string(4096, 'x');
  { std::ofstream(path, std::ios::binary) << content; }
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find(path), std::string::npos);
  EXPECT_NE(store.error().message.find("not an SQLite database"), std::string::npos)
      << store.error().message;
  // The file is left as it was.
  std::ifstream in(path, std::ios::binary);
  std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, content);
}

TEST(SqliteStore, SqliteDatabaseOfAnotherProgramIsAnError) {
  std::string path = fresh_db_path();
  exec_raw(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("another program"), std::string::npos)
      << store.error().message;
}

TEST(SqliteStore, DirectoryThatDoesNotExistIsAnError) {
  auto store = open_sqlite_store(fresh_db_path() + ".d/no/such/dir/chiso.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("no/such/dir"), std::string::npos);
}

// periods() and the trend (service::trend: the city-wide figures moved to
// the service layer; online_total is summed, one unit here) follow time,
// not the text of the period names.
TEST(SqliteStore, PeriodsAndTrendFollowTimeNotText) {
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();
  // Written in a scrambled order; the value is the month number the period
  // ends with, so the expected order is easy to read.
  const std::vector<std::pair<std::string, double>> written = {
      {"2025-02", 2}, {"2024-Q4", 12.5}, {"2025", 13},   {"2025-Q1", 3.5},
      {"2025-01", 1}, {"2024-12", 12},   {"2025-03", 3}, {"2025-10", 10}};
  {
    auto writer = store->begin_import(plan, source_file("many.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    for (const auto& [period, value] : written)
      ASSERT_TRUE(
          (*writer)->add_row(make_row(1, "Cục Thuế", period, value, 1, "100", true), {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  // A period whose one unit left the indicator blank has a point with no value.
  UnitRow blank_total = make_row(1, "Cục Thuế", "2025-H1", 1, 1, "100", true);
  blank_total.values[0] = blank_value(5, 3);
  ASSERT_TRUE(import_rows(*store, plan, "h1.txt", {blank_total}).ok());

  const std::vector<std::string> in_time = {"2024-12", "2024-Q4", "2025-01", "2025-02", "2025-03",
                                            "2025-Q1", "2025-H1", "2025-10", "2025"};
  auto trend = service::trend(plan, *store, "online_total");
  ASSERT_TRUE(trend.ok()) << trend.error().message;
  ASSERT_EQ(trend->size(), in_time.size());
  for (std::size_t point_idx = 0; point_idx < in_time.size(); ++point_idx)
    EXPECT_EQ((*trend)[point_idx].period, in_time[point_idx]);
  EXPECT_EQ((*trend)[0].value, 12);
  EXPECT_EQ((*trend)[1].value, 12.5);
  EXPECT_EQ((*trend)[3].value, 2);
  EXPECT_EQ((*trend)[5].value, 3.5);
  EXPECT_EQ((*trend)[5].units_reporting, 1);
  EXPECT_FALSE((*trend)[6].value.has_value());
  EXPECT_EQ((*trend)[6].units_reporting, 0);
  EXPECT_EQ(period_names(*store), in_time);

  // A re-import changes the period's point (the current versions count),
  // though the trend above kept the figures of the state before.
  ASSERT_TRUE(import_rows(*store, plan, "fix.txt",
                          {make_row(1, "Cục Thuế", "2025-02", 2.25, 1, "100", true)})
                  .ok());
  trend = service::trend(plan, *store, "online_total");
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->size(), in_time.size());
  EXPECT_EQ((*trend)[3].period, "2025-02");
  EXPECT_EQ((*trend)[3].value, 2.25);
  EXPECT_EQ((*trend)[4].value, 3);
  // An indicator the plan does not have.
  auto none = service::trend(plan, *store, "no_such_indicator");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::not_found);
}

TEST(SqliteStore, UnitsListsRegisteredNamesWithKindAndPeriods) {
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();
  UnitRow stranger = make_row(3, "Sở Lạ", "2025-01", 1, 1, "100", true);
  stranger.unit_name = "";  // not matched: kept under its raw name, not a registered unit
  ASSERT_TRUE(
      import_rows(*store, plan, "a.txt",
                  {make_row(1, "Cục Thuế", "2025-01", 1, 1, "100", true),
                   make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 1, 1, "100", true), stranger})
          .ok());
  ASSERT_TRUE(
      import_rows(*store, plan, "b.txt", {make_row(1, "Cục Thuế", "2025-02", 1, 1, "100", true)})
          .ok());
  // Re-importing 2025-01 without Thủy Nguyên: it keeps its version there.
  ASSERT_TRUE(
      import_rows(*store, plan, "c.txt", {make_row(1, "Cục Thuế", "2025-01", 2, 1, "100", true)})
          .ok());
  auto units = store->units();
  ASSERT_TRUE(units.ok()) << units.error().message;
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[0].name, "Cục Thuế");
  EXPECT_EQ((*units)[0].kind, "agency");
  EXPECT_EQ((*units)[0].periods_reported, 2);
  EXPECT_EQ((*units)[1].name, "UBND huyện Thủy Nguyên");
  EXPECT_EQ((*units)[1].kind, "district");
  EXPECT_EQ((*units)[1].periods_reported, 1);
  // Replacing the period withdraws it: it no longer reports there.
  ImportOptions replace;
  replace.replace_periods = {"2025-01"};
  ASSERT_TRUE(import_rows(*store, plan, "d.txt",
                          {make_row(1, "Cục Thuế", "2025-01", 3, 1, "100", true)}, replace)
                  .ok());
  units = store->units();
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[0].periods_reported, 2);
  EXPECT_EQ((*units)[1].name, "UBND huyện Thủy Nguyên");
  EXPECT_EQ((*units)[1].periods_reported, 0);
}

// A row read from a file carries the index of its unit in the plan; the
// kind stored is that unit's, and a row whose index is missing or names
// another unit gets the kind of the unit its name is.
TEST(SqliteStore, UnitKindsComeFromTheUnitTheRowNames) {
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();  // Sở Tư pháp: department, Thủy Nguyên: district, Cục Thuế: agency
  UnitRow matched = make_row(1, "Sở Tư pháp", "2025-01", 1, 1, "100", true);
  matched.unit_idx = 0;
  UnitRow stale = make_row(2, "Cục Thuế", "2025-01", 1, 1, "100", true);
  stale.unit_idx = 1;  // Thủy Nguyên's index: the name wins
  UnitRow out_of_range = make_row(3, "UBND huyện Thủy Nguyên", "2025-01", 1, 1, "100", true);
  out_of_range.unit_idx = 7;
  ASSERT_TRUE(import_rows(*store, plan, "a.txt", {matched, stale, out_of_range}).ok());
  auto units = store->units();
  ASSERT_TRUE(units.ok()) << units.error().message;
  std::map<std::string, std::string> kinds;
  for (const StoredUnit& unit : *units) kinds[unit.name] = unit.kind;
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{{"Sở Tư pháp", "department"},
                                                       {"Cục Thuế", "agency"},
                                                       {"UBND huyện Thủy Nguyên", "district"}}));
}

// The writer finds a unit's id from the unit that came after the previous
// row's last time; units in another order in each period, one not
// registered between them, still each get their own id (each row comes back
// with its own values, in the plan's order).
TEST(SqliteStore, UnitsInAnotherOrderEachPeriodKeepTheirOwnIds) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  const std::vector<std::vector<std::string>> orders = {
      {"Sở Tư pháp", "UBND huyện Thủy Nguyên", "Cục Thuế"},
      {"Sở Tư pháp", "Cục Thuế", "UBND huyện Thủy Nguyên"},
      {"Cục Thuế", "Sở Tư pháp", "", "UBND huyện Thủy Nguyên"}};
  std::vector<UnitRow> rows;
  for (size_t month = 0; month < orders.size(); ++month) {
    int row_number = 1;
    for (const std::string& name : orders[month]) {
      // The total is the row's place in the file.
      UnitRow row = make_row(row_number, name.empty() ? "Sở Lạ" : name,
                             "2025-0" + std::to_string(month + 1), row_number, 1, "1", true);
      row.unit_name = name;
      rows.push_back(row);
      ++row_number;
    }
  }
  ASSERT_TRUE(import_rows(*store, plan, "lich-su.txt", rows).ok());
  EXPECT_EQ(count_rows(path, "unit WHERE registered = 1"), 3);
  EXPECT_EQ(count_rows(path, "unit WHERE registered = 0"), 1);  // Sở Lạ
  // Loaded in the plan's order (Tư pháp, Thủy Nguyên, Cục Thuế), then Sở Lạ.
  struct Expected {
    std::string unit_name, raw_name;
    double total;
  };
  const std::vector<std::vector<Expected>> expected = {
      {{"Sở Tư pháp", "Sở Tư pháp", 1},
       {"UBND huyện Thủy Nguyên", "UBND huyện Thủy Nguyên", 2},
       {"Cục Thuế", "Cục Thuế", 3}},
      {{"Sở Tư pháp", "Sở Tư pháp", 1},
       {"UBND huyện Thủy Nguyên", "UBND huyện Thủy Nguyên", 3},
       {"Cục Thuế", "Cục Thuế", 2}},
      {{"Sở Tư pháp", "Sở Tư pháp", 2},
       {"UBND huyện Thủy Nguyên", "UBND huyện Thủy Nguyên", 4},
       {"Cục Thuế", "Cục Thuế", 1},
       {"", "Sở Lạ", 3}}};
  for (size_t month = 0; month < expected.size(); ++month) {
    auto table = store->load_period(plan, "2025-0" + std::to_string(month + 1));
    ASSERT_TRUE(table.ok()) << table.error().message;
    ASSERT_EQ(table->rows.size(), expected[month].size());
    for (size_t row_idx = 0; row_idx < expected[month].size(); ++row_idx) {
      EXPECT_EQ(table->rows[row_idx].unit_name, expected[month][row_idx].unit_name)
          << month << " " << row_idx;
      EXPECT_EQ(table->rows[row_idx].raw_name, expected[month][row_idx].raw_name)
          << month << " " << row_idx;
      EXPECT_EQ(table->rows[row_idx].values[0].number, expected[month][row_idx].total)
          << month << " " << row_idx;
    }
  }
}

// The writer keeps a registered unit's id by its index in the plan. A
// second import finds the ids the database already has, for rows whose
// index is right, missing or another unit's, beside a name the plan lacks.
TEST(SqliteStore, RegisteredUnitsKeepTheirIdsAcrossImports) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();  // 0 Sở Tư pháp, 1 UBND huyện Thủy Nguyên, 2 Cục Thuế
  auto row = [](int row_number, const std::string& name, const std::string& period, int unit_idx) {
    UnitRow made = make_row(row_number, name, period, row_number, 1, "1", true);
    made.unit_idx = unit_idx;
    return made;
  };
  ASSERT_TRUE(import_rows(*store, plan, "a.txt",
                          {row(1, "Sở Tư pháp", "2025-01", 0), row(2, "Cục Thuế", "2025-01", 2)})
                  .ok());
  ASSERT_TRUE(import_rows(*store, plan, "b.txt",
                          {row(1, "Cục Thuế", "2025-02", 2), row(2, "Sở Lạ", "2025-02", -1),
                           row(3, "UBND huyện Thủy Nguyên", "2025-02", 1),
                           row(4, "Sở Tư pháp", "2025-02", 1), row(5, "Sở Lạ", "2025-03", -1),
                           row(6, "Cục Thuế", "2025-03", -1)})
                  .ok());
  EXPECT_EQ(count_rows(path, "unit"), 4);
  // The plan's units in its order, then Sở Lạ (a name the plan lacks).
  const std::vector<std::vector<std::string>> expected = {
      {"Sở Tư pháp", "Cục Thuế"},
      {"Sở Tư pháp", "UBND huyện Thủy Nguyên", "Cục Thuế", "Sở Lạ"},
      {"Cục Thuế", "Sở Lạ"}};
  const std::vector<std::vector<double>> totals = {{1, 2}, {4, 3, 1, 2}, {6, 5}};
  for (std::size_t month = 0; month < expected.size(); ++month) {
    auto table = store->load_period(plan, "2025-0" + std::to_string(month + 1));
    ASSERT_TRUE(table.ok()) << table.error().message;
    ASSERT_EQ(table->rows.size(), expected[month].size()) << month;
    for (std::size_t row_idx = 0; row_idx < expected[month].size(); ++row_idx) {
      EXPECT_EQ(table->rows[row_idx].unit_name, expected[month][row_idx])
          << month << " " << row_idx;
      EXPECT_EQ(table->rows[row_idx].values[0].number, totals[month][row_idx])
          << month << " " << row_idx;
    }
  }
  auto units = store->units();
  ASSERT_TRUE(units.ok()) << units.error().message;
  std::map<std::string, int> periods_reported;
  for (const StoredUnit& unit : *units) periods_reported[unit.name] = unit.periods_reported;
  EXPECT_EQ(periods_reported,
            (std::map<std::string, int>{
                {"Sở Tư pháp", 2}, {"Cục Thuế", 3}, {"UBND huyện Thủy Nguyên", 1}, {"Sở Lạ", 2}}));
}

TEST(SqliteStore, ManyUnitsAndFindingsKeepTheirOrderAcrossBatchedInserts) {
  // More than one batch of versions (32) and of findings (32), plus a
  // remainder written one by one at commit, over two imports.
  auto store = open_or_die(fresh_db_path());
  Plan plan = small_plan();
  auto import_units = [&](const std::string& file, int first, int count) {
    auto writer = store->begin_import(plan, source_file(file), ImportOptions{});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    for (int unit_idx = first; unit_idx < first + count; ++unit_idx) {
      std::string name = "Đơn vị " + std::to_string(unit_idx);
      UnitRow row = make_row(unit_idx - first + 1, name, "2025-0" + file, unit_idx, 1, "50", true);
      Finding finding;
      finding.severity = unit_idx % 2 == 0 ? Severity::error : Severity::warning;
      finding.rule_id = "rule." + std::to_string(unit_idx);
      finding.unit = name;
      finding.row = row.row_number;
      std::vector<Finding> findings(1 + unit_idx % 2, finding);
      ASSERT_TRUE((*writer)->add_row(row, findings).ok());
    }
    ASSERT_TRUE((*writer)->commit().ok());
  };
  import_units("1", 0, 150);   // 150 versions: 4 batches + 22; 225 findings: 7 batches + 1
  import_units("2", 100, 80);  // 50 known, 30 new units with ids after the first 150
  auto units = store->units();
  ASSERT_TRUE(units.ok()) << units.error().message;
  ASSERT_EQ(units->size(), 180u);
  for (int unit_idx = 0; unit_idx < 180; ++unit_idx) {
    EXPECT_EQ((*units)[unit_idx].name, "Đơn vị " + std::to_string(unit_idx));
    EXPECT_EQ((*units)[unit_idx].periods_reported, unit_idx < 100 ? 1 : unit_idx < 150 ? 2 : 1);
  }
  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 150u);
  EXPECT_EQ(table->rows[149].unit_name, "Đơn vị 149");
  EXPECT_EQ(table->rows[149].values[0].number, 149);
  ASSERT_EQ(table->findings.size(), 225u);
  std::size_t finding_idx = 0;
  for (int unit_idx = 0; unit_idx < 150; ++unit_idx)
    for (int copy = 0; copy < 1 + unit_idx % 2; ++copy, ++finding_idx)
      EXPECT_EQ(table->findings[finding_idx].rule_id, "rule." + std::to_string(unit_idx))
          << finding_idx;
  PeriodInfo info = period_info(*store, "2025-01");
  EXPECT_EQ(info.unit_count, 150);
  EXPECT_EQ(info.error_count, 75);
  EXPECT_EQ(info.warning_count, 150);
}

}  // namespace
}  // namespace chiso::store_test
