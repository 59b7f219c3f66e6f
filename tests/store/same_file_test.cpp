// The same file (the same SHA-256) under a second period is most likely a
// mistake (last month's file sent again): refused as a conflict unless
// ImportOptions::allow_same_file_in_other_period.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class SameFile : public StoreTest {};

// Imports `rows` from a file of the given name and SHA-256; the first error.
Result<std::map<std::string, PeriodImport>> import_file(Store& store, const Plan& plan,
                                                        const SourceFile& file,
                                                        const std::vector<UnitRow>& rows,
                                                        const ImportOptions& options = {}) {
  auto writer = store.begin_import(plan, file, options);
  if (!writer) return writer.error();
  for (const UnitRow& row : rows)
    if (auto added = (*writer)->add_row(row, {}); !added) return added.error();
  return (*writer)->commit();
}

const SourceFile march{"bao-cao.xlsx", std::string(64, 'c'), 2048};

TEST_P(SameFile, IntoASecondPeriodIsRefused) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_file(*store, plan, march, {make_row(1, "Cục Thuế", "2025-03", 8, 8, "100", true)})
          .ok());
  // The same bytes, renamed, said to be April's.
  SourceFile renamed = march;
  renamed.name = "bao-cao-thang-4.xlsx";
  auto again =
      import_file(*store, plan, renamed, {make_row(1, "Cục Thuế", "2025-04", 8, 8, "100", true)});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_NE(again.error().message_en.find("2025-03"), std::string::npos)
      << again.error().message_en;
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_EQ((*periods)[0].period, "2025-03");
}

TEST_P(SameFile, IntoASecondPeriodWhenAllowed) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_file(*store, plan, march, {make_row(1, "Cục Thuế", "2025-03", 8, 8, "100", true)})
          .ok());
  ImportOptions allow;
  allow.allow_same_file_in_other_period = true;
  auto again = import_file(*store, plan, march,
                           {make_row(1, "Cục Thuế", "2025-04", 8, 8, "100", true)}, allow);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("2025-04").new_count, 1);
  EXPECT_EQ(period_info(*store, "2025-04").unit_count, 1);
}

TEST_P(SameFile, IntoTheSamePeriodAgainIsAnUnchangedImport) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  ASSERT_TRUE(
      import_file(*store, plan, march, {make_row(1, "Cục Thuế", "2025-03", 8, 8, "100", true)})
          .ok());
  auto again =
      import_file(*store, plan, march, {make_row(1, "Cục Thuế", "2025-03", 8, 8, "100", true)});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("2025-03").unchanged_count, 1);
  EXPECT_EQ(period_info(*store, "2025-03").submission_count, 1);
}

// A file that holds several periods (a history) is stored under each; the
// same file again is the same periods, not "another period".
TEST_P(SameFile, AFileOfSeveralPeriodsImportedAgain) {
  auto store = open_or_die(fresh_db());
  Plan plan = small_plan();
  const SourceFile history{"lich-su.xlsx", std::string(64, 'd'), 4096};
  const std::vector<UnitRow> rows = {make_row(1, "Cục Thuế", "2025-01", 8, 8, "100", true),
                                     make_row(1, "Cục Thuế", "2025-02", 9, 8, "100", true)};
  ASSERT_TRUE(import_file(*store, plan, history, rows).ok());
  auto again = import_file(*store, plan, history, rows);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->at("2025-01").unchanged_count, 1);
  EXPECT_EQ(again->at("2025-02").unchanged_count, 1);
}

INSTANTIATE_STORE_TESTS(SameFile);

}  // namespace
}  // namespace chiso::store_test
