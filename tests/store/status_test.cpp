// status(plan, period): every registered unit of the plan in its order,
// reported or not, then the unregistered ones that sent a row.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class UnitStatusList : public StoreTest {};

TEST_P(UnitStatusList, PlanUnitsInOrderThenUnregisteredOnes) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();  // Sở Tư pháp, UBND huyện Thủy Nguyên, Cục Thuế
  UnitRow stranger = make_row(2, "Phòng Lạ", "2025-04", 3, 1, "33", false);
  stranger.unit_name = "";  // not matched to a registered unit
  Finding error;
  error.severity = Severity::error;
  error.rule_id = "value.not_number";
  error.unit = "Cục Thuế";
  Finding warning = error;
  warning.severity = Severity::warning;
  warning.rule_id = "pct.mismatch";
  {
    auto writer = store->begin_import(plan, source_file("thang-tu.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    std::vector<Finding> findings = {error, warning, warning};
    ASSERT_TRUE(
        (*writer)->add_row(make_row(1, "Cục Thuế", "2025-04", 8, 8, "100", true), findings).ok());
    ASSERT_TRUE((*writer)->add_row(stranger, {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  auto status = store->status(plan, "2025-04");
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(status->size(), 4u);

  const UnitStatus& tu_phap = (*status)[0];
  EXPECT_EQ(tu_phap.unit, "Sở Tư pháp");
  EXPECT_TRUE(tu_phap.registered);
  EXPECT_FALSE(tu_phap.reported);
  EXPECT_EQ(tu_phap.version, 0);
  EXPECT_EQ((*status)[1].unit, "UBND huyện Thủy Nguyên");
  EXPECT_FALSE((*status)[1].reported);
  EXPECT_EQ((*status)[1].version, 0);

  const UnitStatus& cuc_thue = (*status)[2];
  EXPECT_EQ(cuc_thue.unit, "Cục Thuế");
  EXPECT_TRUE(cuc_thue.registered);
  EXPECT_TRUE(cuc_thue.reported);
  EXPECT_EQ(cuc_thue.version, 1);
  EXPECT_EQ(cuc_thue.state, SubmissionState::submitted);
  EXPECT_EQ(cuc_thue.author, "import");
  EXPECT_EQ(cuc_thue.source, "thang-tu.txt");
  EXPECT_EQ(cuc_thue.error_count, 1);
  EXPECT_EQ(cuc_thue.warning_count, 2);
  EXPECT_EQ(cuc_thue.written_at_utc, period_info(*store, "2025-04").last_change_utc);

  const UnitStatus& other = (*status)[3];
  EXPECT_EQ(other.unit, "Phòng Lạ");
  EXPECT_FALSE(other.registered);
  EXPECT_TRUE(other.reported);
  EXPECT_EQ(other.version, 1);
  EXPECT_EQ(other.error_count, 0);
}

TEST_P(UnitStatusList, APeriodWithNoUnitListsThePlanUnreported) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(store->open_period("2025-05", "2025-06-05").ok());
  auto status = store->status(plan, "2025-05");
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(status->size(), 3u);
  const std::vector<std::string> names = {"Sở Tư pháp", "UBND huyện Thủy Nguyên", "Cục Thuế"};
  for (std::size_t unit_idx = 0; unit_idx < names.size(); ++unit_idx) {
    EXPECT_EQ((*status)[unit_idx].unit, names[unit_idx]);
    EXPECT_TRUE((*status)[unit_idx].registered);
    EXPECT_FALSE((*status)[unit_idx].reported);
  }
}

TEST_P(UnitStatusList, OnePeriodIsReadWithItsChangeCount) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(store->open_period("2025-04", "2025-05-05").ok());
  ASSERT_TRUE(store->open_period("2025-05", "2025-06-05").ok());
  {
    auto writer = store->begin_import(plan, source_file("thang-tu.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Cục Thuế", "2025-04", 8, 8, "100", true), {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  ASSERT_TRUE(store->set_period_state("2025-04", PeriodState::locked, person("chi")).ok());
  auto april = store->period("2025-04");
  ASSERT_TRUE(april.ok()) << april.error().message;
  EXPECT_EQ(april->period, "2025-04");
  EXPECT_EQ(april->state, PeriodState::locked);
  EXPECT_EQ(april->deadline, "2025-05-05");
  EXPECT_EQ(april->unit_count, 1);
  EXPECT_EQ(april->last_source, "thang-tu.txt");
  auto count = store->period_change_count("2025-04");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(april->change_count, *count);
  // Each field as periods() gives it.
  const PeriodInfo listed = period_info(*store, "2025-04");
  EXPECT_EQ(april->last_change_utc, listed.last_change_utc);
  EXPECT_EQ(april->submission_count, listed.submission_count);

  auto may = store->period("2025-05");
  ASSERT_TRUE(may.ok());
  EXPECT_EQ(may->state, PeriodState::open);
  EXPECT_EQ(may->unit_count, 0);
  auto none = store->period("2025-06");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::not_found);
}

INSTANTIATE_STORE_TESTS(UnitStatusList);

}  // namespace
}  // namespace chiso::store_test
