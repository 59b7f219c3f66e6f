// A submission per unit and period, through the service layer the commands
// and the server call: a unit's resubmission keeps the other units, an
// identical row makes no version, withdrawing is explicit, two imports of
// disjoint units land together, a stale save is refused. Figures by hand
// from the seed (samples/000_e41d2a91a7ebffff.txt).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "service/import_input.h"
#include "service/period_table.h"
#include "service/service_fixture.h"
#include "service/unit_row.h"

namespace chiso::service_test {
namespace {

const UnitRow* find_row(const CheckedTable& table, const std::string& unit) {
  for (const UnitRow& row : table.rows)
    if (row.unit_name == unit) return &row;
  return nullptr;
}

double value_of(const Plan& plan, const UnitRow& row, const std::string& code) {
  return row.values[static_cast<std::size_t>(plan.indicator_index(code))].number;
}

// Sở Y tế's own row, corrected: 41 of its 89 services full-process (was 11).
std::string yte_resubmission() {
  return table_of({"1\tSở Y tế\t89\t10\t89\t41\t46,07\t48\t53,93\t100\t82\tx\t2\tx\t\tx\t0"});
}

Result<service::ImportOutcome> import(Store& store, const std::string& path, const std::string& period,
                                      bool replace = false) {
  service::ImportRequest request;
  request.period = period;
  request.replace_period = replace;
  return service::import_input(shipped_plan(), compiled(), store, file_input(path), request);
}

TEST(Submissions, OneUnitsResubmissionKeepsTheOther29) {
  auto dir = test_dir();
  auto store = open_store((dir / "two.db").string());
  ASSERT_TRUE(store);
  auto first = import(*store, kSeed, "2025-Q1");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->periods.at("2025-Q1").new_count, 30);

  std::string resent = write_file(dir / "Sở Y tế - báo cáo Quý I.tsv", yte_resubmission());
  auto second = import(*store, resent, "2025-Q1");
  ASSERT_TRUE(second.ok()) << second.error().message;
  const PeriodImport& done = second->periods.at("2025-Q1");
  EXPECT_EQ(done.new_count, 0);
  EXPECT_EQ(done.changed_count, 1);
  EXPECT_EQ(done.unchanged_count, 0);
  EXPECT_EQ(done.kept_count, 29);
  EXPECT_TRUE(done.withdrawn_units.empty());
  EXPECT_EQ(service::describe(done, false),
            "0 đơn vị mới, 1 đơn vị thay đổi, 0 không đổi; 0 đơn vị bị rút; 29 đơn vị khác giữ nguyên số liệu đã nộp");

  auto table = service::load_period_table(shipped_plan(), *store, "2025-Q1");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 30u);
  const UnitRow* yte = find_row(*table, "Sở Y tế");
  ASSERT_NE(yte, nullptr);
  EXPECT_EQ(value_of(shipped_plan(), *yte, "online_full"), 41);
  const UnitRow* du_lich = find_row(*table, "Sở Du lịch");
  ASSERT_NE(du_lich, nullptr);
  EXPECT_EQ(value_of(shipped_plan(), *du_lich, "online_total"), 26);  // the seed's, untouched
  // City-wide full-process share: (3044 − 11 + 41) / 4190 over the same 29 units.
  auto trend = service::trend(shipped_plan(), *store, "online_full_pct");
  ASSERT_TRUE(trend.ok()) << trend.error().message;
  ASSERT_EQ(trend->size(), 1u);
  ASSERT_TRUE((*trend)[0].value.has_value());
  EXPECT_NEAR(*(*trend)[0].value, 100.0 * 3074 / 4190, 1e-9);
  EXPECT_EQ((*trend)[0].units_reporting, 29);

  // The change is in the history of that cell, the old value beside the new.
  HistoryQuery query;
  query.unit = "Sở Y tế";
  query.indicator = "online_full";
  auto history = store->history("2025-Q1", query);
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);  // version 1 from blank, then 11 → 41
  EXPECT_EQ((*history)[1].old_raw, "11");
  EXPECT_EQ((*history)[1].new_raw, "41");
  EXPECT_EQ((*history)[1].old_version, 1);
  EXPECT_EQ((*history)[1].new_version, 2);
  EXPECT_EQ((*history)[1].source, "Sở Y tế - báo cáo Quý I.tsv");
}

TEST(Submissions, AnIdenticalReimportMakesNoVersion) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(import(*store, kSeed, "2024-Q4").ok());
  auto again = import(*store, kSeed, "2024-Q4");
  ASSERT_TRUE(again.ok()) << again.error().message;
  const PeriodImport& done = again->periods.at("2024-Q4");
  EXPECT_EQ(done.unchanged_count, 30);
  EXPECT_EQ(done.changed_count + done.new_count, 0);
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_EQ((*periods)[0].submission_count, 30);
  EXPECT_EQ((*periods)[0].unit_count, 30);
  // The seed's 12 errors are still its findings: the unchanged rows kept theirs.
  EXPECT_EQ((*periods)[0].error_count, 12);
  auto table = service::load_period_table(shipped_plan(), *store, "2024-Q4");
  ASSERT_TRUE(table.ok());
  int errors = 0;
  for (const Finding& finding : table->findings) errors += finding.severity == Severity::error;
  EXPECT_EQ(errors, 12);
}

TEST(Submissions, ReplacingAPeriodWithdrawsAndNamesEveryUnitNotInTheFile) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(import(*store, kSeed, "2025-Q1").ok());
  std::string resent = write_file(dir / "yte.tsv", yte_resubmission());
  auto replaced = import(*store, resent, "2025-Q1", /*replace=*/true);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  const PeriodImport& done = replaced->periods.at("2025-Q1");
  ASSERT_EQ(done.withdrawn_units.size(), 29u);
  EXPECT_EQ(done.withdrawn_units.front(), "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(done.withdrawn_units.back(), "UBND huyện Cát Hải");
  EXPECT_EQ(done.kept_count, 0);
  auto table = service::load_period_table(shipped_plan(), *store, "2025-Q1");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Y tế");
  // Nothing is lost: a withdrawn unit's values are still in its history.
  HistoryQuery query;
  query.unit = "Sở Du lịch";
  auto history = store->history("2025-Q1", query);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().new_state, "withdrawn");
  auto statuses = store->status(shipped_plan(), "2025-Q1");
  ASSERT_TRUE(statuses.ok());
  int reported = 0;
  for (const UnitStatus& status : *statuses) reported += status.reported;
  EXPECT_EQ(reported, 1);
}

TEST(Submissions, TwoImportsOfDisjointUnitsAtTheSameTimeBothLand) {
  auto dir = test_dir();
  const std::string db = (dir / "db").string();
  // The seed's two parts as two files: units 1–14 and 15–30.
  std::vector<std::string> lines = seed_lines();
  std::string first_part, second_part;
  for (std::size_t line = 0; line < 21; ++line) first_part += lines[line] + "\n";
  for (std::size_t line = 22; line < lines.size(); ++line) second_part += lines[line] + "\n";
  std::string first = write_file(dir / "khoi-1.txt", first_part);
  std::string second = write_file(dir / "khoi-2.txt", second_part);
  ASSERT_TRUE(open_store(db));  // the schema, before two writers race for it
  Result<service::ImportOutcome> outcomes[2] = {make_error("not run"), make_error("not run")};
  std::thread threads[2];
  const std::string files[2] = {first, second};
  for (int idx = 0; idx < 2; ++idx) {
    threads[idx] = std::thread([&, idx] {
      auto store = open_store(db);
      if (store) outcomes[idx] = import(*store, files[idx], "2025-Q1");
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].error().message;
  ASSERT_TRUE(outcomes[1].ok()) << outcomes[1].error().message;
  EXPECT_EQ(outcomes[0]->periods.at("2025-Q1").new_count, 14);
  EXPECT_EQ(outcomes[1]->periods.at("2025-Q1").new_count, 16);
  auto store = open_store(db);
  auto table = service::load_period_table(shipped_plan(), *store, "2025-Q1");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 30u);
  // In the plan's order whichever file landed first.
  EXPECT_EQ(table->rows.front().unit_name, "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(table->rows.back().unit_name, "UBND huyện Cát Hải");
  auto trend = service::trend(shipped_plan(), *store, "online_full_pct");
  ASSERT_TRUE(trend.ok());
  EXPECT_NEAR(*(*trend)[0].value, 100.0 * 3044 / 4190, 1e-9);
}

TEST(Submissions, ALockedPeriodTakesNoImport) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(import(*store, kSeed, "2025-Q1").ok());
  Provenance coordinator;
  coordinator.author = "dau.moi";
  ASSERT_TRUE(store->set_period_state("2025-Q1", PeriodState::locked, coordinator).ok());
  std::string resent = write_file(dir / "yte.tsv", yte_resubmission());
  auto refused = import(*store, resent, "2025-Q1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_NE(refused.error().message.find("đã khoá"), std::string::npos) << refused.error().message;
  // Unlocking needs a reason.
  EXPECT_EQ(store->set_period_state("2025-Q1", PeriodState::open, coordinator).error().kind, ErrorKind::bad_input);
  coordinator.comment = "Sở Y tế gửi lại số liệu đã sửa";
  ASSERT_TRUE(store->set_period_state("2025-Q1", PeriodState::open, coordinator).ok());
  EXPECT_TRUE(import(*store, resent, "2025-Q1").ok());
}

service::UnitRowInput yte_row(const std::string& full, const std::string& full_pct) {
  service::UnitRowInput input;
  input.period = "2025-Q2";
  input.unit = "Sở Y tế";
  input.raw_by_code = {{"online_total", "89"}, {"online_full", full}, {"online_full_pct", full_pct},
                       {"online_partial", "78"}, {"online_partial_pct", "87,64"}};
  return input;
}

TEST(Submissions, AStaleSaveIsRefusedWithBothValues) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(store->open_period("2025-Q2", "2025-07-10").ok());
  service::UnitRowSave save;
  save.provenance.author = "yte.nguoi1";
  auto first = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "12,36"), save);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, 1);
  // A second person, on a page opened before that save (version 0), types 12.
  save.provenance.author = "yte.nguoi2";
  auto stale = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("12", "13,48"), save);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  auto detail = nlohmann::json::parse(stale.error().detail);
  EXPECT_EQ(detail["version"], 1);
  EXPECT_EQ(detail["values"]["online_full"], "11");  // what is stored, to show beside the 12 typed
  // Based on version 1, the save lands as version 2.
  save.based_on_version = 1;
  auto second = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("12", "13,48"), save);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->version, 2);
  auto current = store->load_unit(shipped_plan(), "2025-Q2", "Sở Y tế");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->state, SubmissionState::draft);
  EXPECT_EQ(current->provenance.author, "yte.nguoi2");
}

TEST(Submissions, SubmitNeedsNoErrorAndApproveNeedsASubmission) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(store->open_period("2025-Q2", "").ok());
  service::UnitRowSave save;
  save.state = SubmissionState::submitted;
  save.provenance.author = "yte";
  // 11 of 89 is 12,36 %, not 39,32 %: the share's rule finds it and submit is refused.
  auto refused = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "39,32"), save);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::bad_input);
  EXPECT_NE(refused.error().message.find("12,36"), std::string::npos) << refused.error().message;
  // Kept as a draft, it is saved with its finding.
  save.state = SubmissionState::draft;
  auto draft = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "39,32"), save);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  Provenance coordinator;
  coordinator.author = "dau.moi";
  EXPECT_EQ(store->set_state("2025-Q2", "Sở Y tế", 1, SubmissionState::approved, coordinator).error().kind,
            ErrorKind::conflict);  // a draft cannot be approved
  save.state = SubmissionState::submitted;
  save.based_on_version = 1;
  auto submitted = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "12,36"), save);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->version, 2);
  ASSERT_TRUE(store->set_state("2025-Q2", "Sở Y tế", 2, SubmissionState::approved, coordinator).ok());
  // Approved figures do not change until returned, with a comment.
  save.based_on_version = 2;
  save.state = SubmissionState::draft;
  EXPECT_EQ(service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("12", "13,48"), save).error().kind,
            ErrorKind::conflict);
  EXPECT_EQ(store->set_state("2025-Q2", "Sở Y tế", 2, SubmissionState::returned, coordinator).error().kind,
            ErrorKind::bad_input);
  coordinator.comment = "Số dịch vụ toàn trình chưa khớp Cổng DVC";
  ASSERT_TRUE(store->set_state("2025-Q2", "Sở Y tế", 2, SubmissionState::returned, coordinator).ok());
  HistoryQuery query;
  query.unit = "Sở Y tế";
  auto history = store->history("2025-Q2", query);
  ASSERT_TRUE(history.ok());
  ASSERT_GE(history->size(), 2u);
  EXPECT_EQ(history->back().old_state, "approved");
  EXPECT_EQ(history->back().new_state, "returned");
  EXPECT_EQ(history->back().comment, "Số dịch vụ toàn trình chưa khớp Cổng DVC");
}

TEST(Submissions, AChangeOfWritingIsNoChangeOfValue) {
  auto dir = test_dir();
  auto store = open_store((dir / "db").string());
  ASSERT_TRUE(store->open_period("2025-Q2", "").ok());
  service::UnitRowSave save;
  auto first = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "12,36"), save);
  ASSERT_TRUE(first.ok());
  save.based_on_version = 1;
  // "12,36" retyped "12,36%": the same number. The raw text is kept (a new
  // version), the history shows no change of that cell.
  auto second = service::record_unit_row(shipped_plan(), compiled(), *store, yte_row("11", "12,36%"), save);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, 2);
  HistoryQuery query;
  query.unit = "Sở Y tế";
  query.indicator = "online_full_pct";
  auto history = store->history("2025-Q2", query);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);  // only version 1's value, from blank
  EXPECT_EQ((*history)[0].new_version, 1);
  auto current = store->load_unit(shipped_plan(), "2025-Q2", "Sở Y tế");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->row.values[static_cast<std::size_t>(shipped_plan().indicator_index("online_full_pct"))].raw,
            "12,36%");
}

}  // namespace
}  // namespace chiso::service_test

namespace chiso::service_test {
namespace {

// A table of 1,005 rows whose units the plan does not know: 1,005
// unit.unknown errors are counted, the first 1,000 listed, and one
// findings.more says 5 more.
TEST(CheckInput, FindingsOfOneRulePastTheLimitAreCountedNotListed) {
  auto dir = test_dir();
  std::vector<std::string> rows;
  for (int row = 1; row <= 1005; ++row)
    rows.push_back(std::to_string(row) + "\tĐơn vị thử số " + std::to_string(row) + "\t1\t1");
  std::string path = write_file(dir / "nhieu-dong.tsv", table_of(rows));
  service::CheckOptions options;
  options.default_period = "2025-Q1";
  auto checked = service::check_input(shipped_plan(), compiled(), file_input(path), options);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->scan.row_count, 1005);
  EXPECT_EQ(checked->scan.error_count, 1005);
  int listed = 0;
  const Finding* more = nullptr;
  for (const Finding& finding : checked->table.findings) {
    if (finding.rule_id == "unit.unknown") ++listed;
    if (finding.rule_id == "findings.more" && finding.raw == "unit.unknown") more = &finding;
  }
  EXPECT_EQ(listed, 1000);
  ASSERT_NE(more, nullptr);
  EXPECT_NE(more->message_vi.find("còn 5 phát hiện nữa"), std::string::npos) << more->message_vi;
  EXPECT_EQ(more->severity, Severity::info);
}

}  // namespace
}  // namespace chiso::service_test
