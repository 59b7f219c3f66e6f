// An import keeps a series of versions per (period, unit): a unit whose row
// changed gets a new version, one whose row is the same gets none, a unit
// not in the file keeps its version unless the period is replaced.
#include <algorithm>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class UnitVersions : public StoreTest {};

// The three units of small_plan() in 2025-01, version 1 each.
std::vector<UnitRow> three_units() {
  return {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
          make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false),
          make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)};
}

int version_of(Store& store, const Plan& plan, const std::string& unit) {
  auto loaded = store.load_unit(plan, "2025-01", unit);
  EXPECT_TRUE(loaded.ok()) << unit << ": " << (loaded.ok() ? "" : loaded.error().message);
  return loaded.ok() ? loaded->version : -1;
}

TEST_P(UnitVersions, ReimportOfOneUnitKeepsTheOtherUnitsCurrent) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "ca-thanh-pho.txt", three_units()).ok());
  // Cục Thuế sends its row again, its total 8 → 9.
  auto second = import_rows(*store, plan, "cuc-thue.txt",
                            {make_row(1, "Cục Thuế", "2025-01", 9, 8, "100", true)});
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(second->size(), 1u);
  const PeriodImport& outcome = second->at("2025-01");
  EXPECT_EQ(outcome.new_count, 0);
  EXPECT_EQ(outcome.changed_count, 1);
  EXPECT_EQ(outcome.unchanged_count, 0);
  EXPECT_EQ(outcome.kept_count, 2);
  EXPECT_EQ(outcome.changed_units, std::vector<std::string>{"Cục Thuế"});
  EXPECT_TRUE(outcome.withdrawn_units.empty());

  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(table->rows[0].values[0].number, 20);
  EXPECT_EQ(table->rows[1].unit_name, "UBND huyện Thủy Nguyên");
  EXPECT_EQ(table->rows[1].values[0].number, 30);
  EXPECT_EQ(table->rows[2].unit_name, "Cục Thuế");
  EXPECT_EQ(table->rows[2].values[0].number, 9);
  EXPECT_EQ(version_of(*store, plan, "Sở Tư pháp"), 1);
  EXPECT_EQ(version_of(*store, plan, "UBND huyện Thủy Nguyên"), 1);
  EXPECT_EQ(version_of(*store, plan, "Cục Thuế"), 2);
  PeriodInfo info = period_info(*store, "2025-01");
  EXPECT_EQ(info.unit_count, 3);
  EXPECT_EQ(info.submission_count, 4);
  EXPECT_EQ(info.last_source, "cuc-thue.txt");
}

TEST_P(UnitVersions, IdenticalReimportMakesNoNewVersion) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "ca-thanh-pho.txt", three_units()).ok());
  const PeriodInfo before = period_info(*store, "2025-01");
  ASSERT_EQ(before.submission_count, 3);
  // The same row of Cục Thuế, from another file.
  auto again = import_rows(*store, plan, "cuc-thue.txt",
                           {make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)});
  ASSERT_TRUE(again.ok()) << again.error().message;
  const PeriodImport& outcome = again->at("2025-01");
  EXPECT_EQ(outcome.unchanged_count, 1);
  EXPECT_EQ(outcome.new_count, 0);
  EXPECT_EQ(outcome.changed_count, 0);
  EXPECT_EQ(outcome.kept_count, 2);
  EXPECT_TRUE(outcome.changed_units.empty());
  EXPECT_TRUE(outcome.new_units.empty());
  const PeriodInfo after = period_info(*store, "2025-01");
  EXPECT_EQ(after.submission_count, 3);
  EXPECT_EQ(after.unit_count, 3);
  auto unit = store->load_unit(plan, "2025-01", "Cục Thuế");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->version, 1);
  EXPECT_EQ(unit->provenance.file, "ca-thanh-pho.txt");  // still the version first written
  HistoryQuery everything;
  everything.first_versions = false;
  auto changes = store->history("2025-01", everything);
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->empty());
}

// A row with the same values but other raw text ("8" typed "8,0") is a
// change of the row: a new version (store.h: the same raw texts and
// values make none), though no cell's value changed.
TEST_P(UnitVersions, SameValuesInOtherWordsMakeAVersionButNoCellChange) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "ca-thanh-pho.txt", three_units()).ok());
  UnitRow retyped = make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true);
  retyped.values[0].raw = "8,0";
  retyped.values[3].raw = "X";  // a yes mark all the same
  auto again = import_rows(*store, plan, "cuc-thue.txt", {retyped});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("2025-01").changed_count, 1);
  EXPECT_EQ(version_of(*store, plan, "Cục Thuế"), 2);
  // history() compares parsed values: 8 is 8, yes is yes.
  HistoryQuery one;
  one.unit = "Cục Thuế";
  auto changes = store->history("2025-01", one);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 4u);  // the first version's four cells only
  for (const Change& change : *changes)
    EXPECT_EQ(change.new_version, 1) << change.indicator << " " << change.new_raw;
  HistoryQuery period_wide;
  auto all = store->history("2025-01", period_wide);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

TEST_P(UnitVersions, ReplacePeriodsWithdrawsTheUnitsNotInTheFile) {
  const std::string path = fresh_db();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "ca-thanh-pho.txt", three_units()).ok());
  ImportOptions replace;
  replace.replace_periods = {"2025-01"};
  auto replaced = import_rows(*store, plan, "chi-tu-phap.txt",
                              {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}, replace);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  const PeriodImport& outcome = replaced->at("2025-01");
  EXPECT_EQ(outcome.unchanged_count, 1);
  EXPECT_EQ(outcome.kept_count, 0);
  std::vector<std::string> withdrawn = outcome.withdrawn_units;
  std::sort(withdrawn.begin(), withdrawn.end());
  EXPECT_EQ(withdrawn, (std::vector<std::string>{"Cục Thuế", "UBND huyện Thủy Nguyên"}));

  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Tư pháp");
  PeriodInfo info = period_info(*store, "2025-01");
  EXPECT_EQ(info.unit_count, 1);
  EXPECT_EQ(info.submission_count, 5);  // 3 first versions, 2 withdrawals
  EXPECT_EQ(count_rows(path, "unit_submission WHERE state = 'withdrawn'"), 2);

  // The withdrawn units are in the status, not reported, at version 2.
  auto status = store->status(plan, "2025-01");
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->size(), 3u);
  EXPECT_TRUE((*status)[0].reported);
  EXPECT_FALSE((*status)[1].reported);
  EXPECT_EQ((*status)[1].version, 2);
  EXPECT_EQ((*status)[1].state, SubmissionState::withdrawn);
  EXPECT_FALSE((*status)[2].reported);

  // History: one state line per withdrawal.
  auto changes = store->history("2025-01", HistoryQuery{});
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  std::vector<std::string> units;
  for (const Change& change : *changes) {
    units.push_back(change.unit);
    EXPECT_EQ(change.indicator, "");
    EXPECT_EQ(change.old_state, "submitted");
    EXPECT_EQ(change.new_state, "withdrawn");
    EXPECT_EQ(change.old_version, 1);
    EXPECT_EQ(change.new_version, 2);
    EXPECT_EQ(change.source, "chi-tu-phap.txt");
  }
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<std::string>{"Cục Thuế", "UBND huyện Thủy Nguyên"}));

  // A later file with Thủy Nguyên brings it back, as a new unit of the period.
  auto back =
      import_rows(*store, plan, "thuy-nguyen.txt",
                  {make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false)});
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->at("2025-01").new_count, 1);
  EXPECT_EQ(back->at("2025-01").new_units, std::vector<std::string>{"UBND huyện Thủy Nguyên"});
  EXPECT_EQ(back->at("2025-01").kept_count, 1);
  EXPECT_EQ(version_of(*store, plan, "UBND huyện Thủy Nguyên"), 3);
  EXPECT_EQ(period_info(*store, "2025-01").unit_count, 2);
}

TEST_P(UnitVersions, ReplacingOnePeriodLeavesTheOthersAlone) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  std::vector<UnitRow> rows = three_units();
  for (UnitRow row : three_units()) {
    row.period = "2025-02";
    rows.push_back(row);
  }
  ASSERT_TRUE(import_rows(*store, plan, "hai-thang.txt", rows).ok());
  ImportOptions replace;
  replace.replace_periods = {"2025-02"};
  auto replaced = import_rows(*store, plan, "thang-hai.txt",
                              {make_row(1, "Cục Thuế", "2025-01", 8, 8, "100", true),
                               make_row(1, "Cục Thuế", "2025-02", 8, 8, "100", true)},
                              replace);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_TRUE(replaced->at("2025-01").withdrawn_units.empty());
  EXPECT_EQ(replaced->at("2025-01").kept_count, 2);
  EXPECT_EQ(replaced->at("2025-02").withdrawn_units.size(), 2u);
  EXPECT_EQ(period_info(*store, "2025-01").unit_count, 3);
  EXPECT_EQ(period_info(*store, "2025-02").unit_count, 1);
}

TEST_P(UnitVersions, ARepeatedUnitInOneFileTheLaterRowWins) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  auto imported = import_rows(*store, plan, "lap.txt",
                              {make_row(1, "Cục Thuế", "2025-01", 8, 8, "100", true),
                               make_row(2, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                               make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true)});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const PeriodImport& outcome = imported->at("2025-01");
  EXPECT_EQ(outcome.repeated_count, 1);
  EXPECT_EQ(outcome.new_count, 2);
  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1].unit_name, "Cục Thuế");
  EXPECT_EQ(table->rows[1].values[0].number, 9);
  EXPECT_EQ(period_info(*store, "2025-01").unit_count, 2);
}

// The unit's first row, new in the period, is read back when the unit comes
// again: its version is replaced, and its findings leave the period's counts.
TEST_P(UnitVersions, ARepeatedUnitNewInThePeriodTakesItsFirstRowsFindingsOutOfTheCounts) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  Finding error;
  error.severity = Severity::error;
  error.rule_id = "value.not_number";
  error.unit = "Cục Thuế";
  Finding warning;
  warning.severity = Severity::warning;
  warning.rule_id = "value.jump";
  warning.unit = "Cục Thuế";
  {
    auto writer = store->begin_import(plan, source_file("lap-loi.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    const std::vector<Finding> first_findings = {error};
    const std::vector<Finding> later_findings = {warning};
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Cục Thuế", "2025-01", 8, 8, "100", true), first_findings).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(2, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true), later_findings).ok());
    auto committed = (*writer)->commit();
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    EXPECT_EQ(committed->at("2025-01").repeated_count, 1);
  }
  // Three versions stored; Cục Thuế's second is current, with the warning only.
  const PeriodInfo info = period_info(*store, "2025-01");
  EXPECT_EQ(info.unit_count, 2);
  EXPECT_EQ(info.submission_count, 3);
  EXPECT_EQ(info.error_count, 0);
  EXPECT_EQ(info.warning_count, 1);
  auto unit = store->load_unit(plan, "2025-01", "Cục Thuế");
  ASSERT_TRUE(unit.ok()) << unit.error().message;
  EXPECT_EQ(unit->version, 2);
  EXPECT_EQ(unit->row.values[0].number, 9);
  ASSERT_EQ(unit->findings.size(), 1u);
  EXPECT_EQ(unit->findings[0].rule_id, "value.jump");
}

// A period's table shows the findings of its current versions, and those of
// the imports they came from (a header the plan does not know): a finding
// goes when its version or every version of its import is replaced.
TEST_P(UnitVersions, FindingsShowWhileTheirVersionsAreCurrent) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  Finding not_number;
  not_number.severity = Severity::error;
  not_number.rule_id = "value.not_number";
  not_number.unit = "Cục Thuế";
  Finding header;
  header.severity = Severity::warning;
  header.rule_id = "header.unmatched";
  {
    auto writer = store->begin_import(plan, source_file("ca-thanh-pho.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    std::vector<Finding> row_findings = {not_number};
    std::vector<Finding> table_findings = {header};
    ASSERT_TRUE(
        (*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
    ASSERT_TRUE((*writer)
                    ->add_row(make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true), row_findings)
                    .ok());
    ASSERT_TRUE((*writer)->add_findings("2025-01", table_findings).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  auto rule_ids = [&] {
    std::vector<std::string> ids;
    auto table = store->load_period(plan, "2025-01");
    EXPECT_TRUE(table.ok());
    if (table.ok())
      for (const Finding& finding : table->findings) ids.push_back(finding.rule_id);
    return ids;
  };
  EXPECT_EQ(rule_ids(), (std::vector<std::string>{"value.not_number", "header.unmatched"}));
  EXPECT_EQ(period_info(*store, "2025-01").error_count, 1);
  // Cục Thuế corrected: its finding goes; Tư pháp's version still comes
  // from the first file, whose header finding stays.
  ASSERT_TRUE(import_rows(*store, plan, "cuc-thue.txt",
                          {make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true)})
                  .ok());
  EXPECT_EQ(rule_ids(), std::vector<std::string>{"header.unmatched"});
  EXPECT_EQ(period_info(*store, "2025-01").error_count, 0);
  // Tư pháp too: nothing of the first file is current any more.
  ASSERT_TRUE(import_rows(*store, plan, "tu-phap.txt",
                          {make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true)})
                  .ok());
  EXPECT_TRUE(rule_ids().empty());
}

// PeriodImport keeps the first names_kept_max names of new and changed
// units and counts them all; withdrawn_units names every one.
TEST_P(UnitVersions, NameListsKeepTheFirstNamesAndCountAll) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  constexpr int unit_count = 250;
  static_assert(unit_count > static_cast<int>(PeriodImport::names_kept_max));
  std::vector<UnitRow> rows;
  for (int unit_idx = 0; unit_idx < unit_count; ++unit_idx)
    rows.push_back(make_row(unit_idx + 1, "Đơn vị " + std::to_string(unit_idx), "2025-01", unit_idx,
                            1, "1", true));
  auto first = import_rows(*store, plan, "nhieu.txt", rows);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const PeriodImport& outcome = first->at("2025-01");
  EXPECT_EQ(outcome.new_count, unit_count);
  ASSERT_EQ(outcome.new_units.size(), PeriodImport::names_kept_max);
  EXPECT_EQ(outcome.new_units.front(), "Đơn vị 0");
  EXPECT_EQ(outcome.new_units.back(), "Đơn vị 199");

  ImportOptions replace;
  replace.replace_periods = {"2025-01"};
  auto replaced = import_rows(*store, plan, "mot.txt", {rows[0]}, replace);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_EQ(replaced->at("2025-01").unchanged_count, 1);
  EXPECT_EQ(replaced->at("2025-01").withdrawn_units.size(),
            static_cast<std::size_t>(unit_count - 1));
  EXPECT_EQ(period_info(*store, "2025-01").unit_count, 1);
}

// More new units in one import than PostgreSQL's writer adds in one statement
// (2,048 rows wait at most): each unit once, ids in the file's order, a name
// with a quote and a backslash as typed, a unit first stored unregistered
// registered when the plan has it, and a unit repeated in the file.
TEST_P(UnitVersions, ManyNewUnitsAreStoredOnceInTheOrderOfTheFile) {
  const std::string db = fresh_db();
  auto store = open_or_die(db);
  Plan plan = small_plan();
  UnitRow stranger = make_row(1, "Phòng Lạ", "2024-12", 5, 1, "20", false);
  stranger.unit_name.clear();
  ASSERT_TRUE(import_rows(*store, plan, "thang-12.txt", {stranger}).ok());

  plan.units.push_back(UnitDef{"Phòng Lạ", "Phòng Lạ", {}, UnitKind::agency});
  auto numbered = [](int number) {
    UnitRow row = make_row(number, number == 1000 ? "Tổ \"Một\" \\ Hai" : "Đơn vị số " + std::to_string(number),
                           "2025-01", number, 1, "1", true);
    row.unit_name.clear();
    return row;
  };
  std::vector<UnitRow> rows;
  for (int number = 1; number <= 2000; ++number) rows.push_back(numbered(number));
  rows.push_back(make_row(2001, "Sở Tư pháp", "2025-01", 20, 5, "25", true));
  rows.push_back(make_row(2002, "Phòng Lạ", "2025-01", 6, 1, "16,67", false));
  for (int number = 2001; number <= 2500; ++number) rows.push_back(numbered(number));
  rows.push_back(numbered(5));
  auto imported = import_rows(*store, plan, "thang-1.txt", rows);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const PeriodImport& outcome = imported->at("2025-01");
  EXPECT_EQ(outcome.new_count, 2502);  // 2,500 numbered (one renamed), Sở Tư pháp, Phòng Lạ
  EXPECT_EQ(outcome.repeated_count, 1);
  PeriodInfo info = period_info(*store, "2025-01");
  EXPECT_EQ(info.unit_count, 2502);
  EXPECT_EQ(info.submission_count, 2503);

  const std::vector<std::string> names = test::query_values(db, "SELECT name FROM unit ORDER BY id");
  ASSERT_EQ(names.size(), 2502u);
  EXPECT_EQ(names[0], "Phòng Lạ");
  EXPECT_EQ(names[1], "Đơn vị số 1");
  EXPECT_EQ(names[999], "Đơn vị số 999");
  EXPECT_EQ(names[1000], "Tổ \"Một\" \\ Hai");
  EXPECT_EQ(names[2000], "Đơn vị số 2000");
  EXPECT_EQ(names[2001], "Sở Tư pháp");
  EXPECT_EQ(names[2002], "Đơn vị số 2001");
  EXPECT_EQ(names[2501], "Đơn vị số 2500");
  EXPECT_EQ(query_column(db, "SELECT name || ':' || kind FROM unit WHERE registered = 1 ORDER BY id"),
            "Phòng Lạ:agency|Sở Tư pháp:department");
  EXPECT_EQ(query_text(db, "SELECT max(s.version) FROM unit_submission s JOIN unit u ON u.id = s.unit_id "
                           "WHERE u.name = 'Đơn vị số 5'"),
            "2");
  EXPECT_EQ(query_text(db, "SELECT s.raw_name FROM unit_submission s JOIN unit u ON u.id = s.unit_id "
                           "WHERE u.name = 'Tổ \"Một\" \\ Hai'"),
            "Tổ \"Một\" \\ Hai");
}

INSTANTIATE_STORE_TESTS(UnitVersions);

}  // namespace
}  // namespace chiso::store_test
