// The city-wide figures kept per period: returned while the period is as it
// was when they were put (its change count), gone after any write.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class SummaryCache : public StoreTest {
 protected:
  void SetUp() override {
    db_ = fresh_db();
    store_ = open_or_die(db_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(import_rows(*store_, plan_, "ca-thanh-pho.txt",
                            {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                             make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)})
                    .ok());
    // online_total 20 + 8, online_full 5 + 8, the share (text) nowhere, two yes marks.
    summary_ = {SummaryValue{28, 2, 0, 0, 0}, SummaryValue{13, 2, 0, 0, 0},
                SummaryValue{std::nullopt, 0, 0, 0, 0}, SummaryValue{2, 2, 2, 0, 0}};
  }

  // Puts the figures at the period's change count now.
  void put_now() {
    auto change_count = store_->period_change_count("2025-01");
    ASSERT_TRUE(change_count.ok());
    ASSERT_TRUE(store_->put_summary(plan_, "2025-01", *change_count, summary_).ok());
  }

  bool kept() {
    auto cached = store_->cached_summary(plan_, "2025-01");
    EXPECT_TRUE(cached.ok()) << (cached.ok() ? "" : cached.error().message);
    return cached.ok() && cached->has_value();
  }

  std::string db_;
  Plan plan_ = small_plan();
  std::unique_ptr<Store> store_;
  std::vector<SummaryValue> summary_;
};

TEST_P(SummaryCache, NoneBeforeAnyIsPut) { EXPECT_FALSE(kept()); }

TEST_P(SummaryCache, PutAtTheCurrentCountIsReturned) {
  put_now();
  auto cached = store_->cached_summary(plan_, "2025-01");
  ASSERT_TRUE(cached.ok());
  ASSERT_TRUE(cached->has_value());
  ASSERT_EQ((*cached)->size(), 4u);
  EXPECT_EQ((**cached)[0].value, 28);
  EXPECT_EQ((**cached)[0].units_reporting, 2);
  EXPECT_EQ((**cached)[1].value, 13);
  EXPECT_FALSE((**cached)[2].value.has_value());
  EXPECT_EQ((**cached)[3].value, 2);
  EXPECT_EQ((**cached)[3].yes, 2);
}

TEST_P(SummaryCache, AnImportThatChangesAUnitDropsIt) {
  put_now();
  ASSERT_TRUE(kept());
  ASSERT_TRUE(import_rows(*store_, plan_, "cuc-thue.txt",
                          {make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true)})
                  .ok());
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, ASaveDropsIt) {
  put_now();
  ASSERT_TRUE(store_
                  ->write_unit(
                      plan_, page_write("2025-01",
                                        make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true), 1))
                  .ok());
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, AStateMoveDropsIt) {
  put_now();
  ASSERT_TRUE(
      store_->set_state("2025-01", "Cục Thuế", 1, SubmissionState::approved, person("dieu-phoi"))
          .ok());
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, AWithdrawalDropsIt) {
  put_now();
  ImportOptions replace;
  replace.replace_periods = {"2025-01"};
  ASSERT_TRUE(import_rows(*store_, plan_, "chi-cuc-thue.txt",
                          {make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)}, replace)
                  .ok());
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, FiguresOfAnOlderStateAreNotKept) {
  auto before = store_->period_change_count("2025-01");
  ASSERT_TRUE(before.ok());
  // A save lands between the reader's load and its put.
  ASSERT_TRUE(store_
                  ->write_unit(
                      plan_, page_write("2025-01",
                                        make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true), 1))
                  .ok());
  auto after = store_->period_change_count("2025-01");
  ASSERT_TRUE(after.ok());
  EXPECT_GT(*after, *before);
  ASSERT_TRUE(store_->put_summary(plan_, "2025-01", *before, summary_).ok());
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, AnotherPeriodsWriteLeavesItKept) {
  put_now();
  ASSERT_TRUE(import_rows(*store_, plan_, "thang-hai.txt",
                          {make_row(3, "Cục Thuế", "2025-02", 9, 8, "100", true)})
                  .ok());
  EXPECT_TRUE(kept());
}

// An import given the figures of its rows keeps them in its own commit when
// they are the period's: every current unit came from its rows.
TEST_P(SummaryCache, AnImportOfTheWholePeriodKeepsItsFiguresInItsCommit) {
  // Both units again, Cục Thuế's total 8 → 9: online_total 20 + 9.
  std::vector<SummaryValue> figures = summary_;
  figures[0].value = 29;
  auto writer = store_->begin_import(plan_, source_file("ca-thanh-pho-2.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
  ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true), {}).ok());
  ASSERT_TRUE((*writer)->add_summary("2025-01", figures).ok());
  auto committed = (*writer)->commit();
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_TRUE(committed->at("2025-01").summary_kept);
  auto cached = store_->cached_summary(plan_, "2025-01");
  ASSERT_TRUE(cached.ok());
  ASSERT_TRUE(cached->has_value());
  EXPECT_EQ((**cached)[0].value, 29);
  EXPECT_EQ((**cached)[1].value, 13);
  EXPECT_EQ((**cached)[3].yes, 2);
}

TEST_P(SummaryCache, AnImportBesideUnitsKeptFromBeforeDoesNotKeepItsFigures) {
  put_now();
  auto writer = store_->begin_import(plan_, source_file("cuc-thue.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true), {}).ok());
  // Cục Thuế's alone: not the period's (Sở Tư pháp is kept).
  ASSERT_TRUE((*writer)->add_summary("2025-01", {SummaryValue{9, 1, 0, 0, 0}, SummaryValue{8, 1, 0, 0, 0},
                                                 SummaryValue{std::nullopt, 0, 0, 0, 0},
                                                 SummaryValue{1, 1, 1, 0, 0}})
                  .ok());
  auto committed = (*writer)->commit();
  ASSERT_TRUE(committed.ok());
  EXPECT_FALSE(committed->at("2025-01").summary_kept);
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, AnImportWithARepeatedUnitDoesNotKeepItsFigures) {
  auto writer = store_->begin_import(plan_, source_file("lap.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
  ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true), {}).ok());
  ASSERT_TRUE((*writer)->add_row(make_row(4, "Cục Thuế", "2025-01", 9, 8, "100", true), {}).ok());
  ASSERT_TRUE((*writer)->add_summary("2025-01", summary_).ok());
  auto committed = (*writer)->commit();
  ASSERT_TRUE(committed.ok());
  EXPECT_FALSE(committed->at("2025-01").summary_kept);
  EXPECT_FALSE(kept());
}

TEST_P(SummaryCache, AnImportNotCommittedKeepsNoFigures) {
  {
    auto writer = store_->begin_import(plan_, source_file("ca-thanh-pho-2.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true), {}).ok());
    ASSERT_TRUE((*writer)->add_summary("2025-01", summary_).ok());
  }
  EXPECT_FALSE(kept());
  auto writer = store_->begin_import(plan_, source_file("ngan.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->add_summary("2025-01", {SummaryValue{}}).ok());  // not the plan's size
}

// Keeping figures is a reader's convenience: while an import of the period
// runs (it may take minutes), a reader that computed them does not wait to
// keep them (on a server it would hold one of the few workers); the next
// reader after the import keeps them.
TEST_P(SummaryCache, AReaderDoesNotWaitToKeepFiguresWhileAnImportOfThePeriodRuns) {
  auto change_count = store_->period_change_count("2025-01");
  ASSERT_TRUE(change_count.ok());
  auto importer = open_or_die(db_);
  ASSERT_NE(importer, nullptr);
  {
    auto writer = importer->begin_import(plan_, source_file("ca-thanh-pho-2.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), {}).ok());
    auto put = store_->put_summary(plan_, "2025-01", *change_count, summary_);
    EXPECT_TRUE(put.ok()) << put.error().text(true);
    EXPECT_FALSE(kept());
  }  // the import abandoned: rolled back
  put_now();
  EXPECT_TRUE(kept());
}

// The trend's read: one indicator's kept figure of every period, only where
// the kept figures are current.
TEST_P(SummaryCache, OneIndicatorOfEveryPeriodWhoseFiguresAreCurrent) {
  put_now();
  // 2025-02: Cục Thuế alone, online_total 9, online_full 8.
  ASSERT_TRUE(import_rows(*store_, plan_, "thang-hai.txt",
                          {make_row(3, "Cục Thuế", "2025-02", 9, 8, "100", true)})
                  .ok());
  auto february = store_->period_change_count("2025-02");
  ASSERT_TRUE(february.ok());
  ASSERT_TRUE(store_
                  ->put_summary(plan_, "2025-02", *february,
                                {SummaryValue{9, 1, 0, 0, 0}, SummaryValue{8, 1, 0, 0, 0},
                                 SummaryValue{std::nullopt, 0, 0, 0, 0}, SummaryValue{1, 1, 1, 0, 0}})
                  .ok());
  // 2025-03: stored, its figures never put.
  ASSERT_TRUE(import_rows(*store_, plan_, "thang-ba.txt",
                          {make_row(3, "Cục Thuế", "2025-03", 7, 7, "100", true)})
                  .ok());

  auto totals = store_->cached_indicator_summaries(plan_, "online_total");
  ASSERT_TRUE(totals.ok()) << totals.error().message;
  ASSERT_EQ(totals->size(), 2u);
  EXPECT_EQ(totals->at("2025-01").value, 28);
  EXPECT_EQ(totals->at("2025-01").units_reporting, 2);
  EXPECT_EQ(totals->at("2025-02").value, 9);
  EXPECT_EQ(totals->at("2025-02").units_reporting, 1);
  EXPECT_EQ(totals->count("2025-03"), 0u);

  auto shares = store_->cached_indicator_summaries(plan_, "online_full_pct");
  ASSERT_TRUE(shares.ok());
  ASSERT_EQ(shares->size(), 2u);
  EXPECT_FALSE(shares->at("2025-01").value.has_value());
  auto rooms = store_->cached_indicator_summaries(plan_, "meeting_room_has");
  ASSERT_TRUE(rooms.ok());
  EXPECT_EQ(rooms->at("2025-01").yes, 2);
  EXPECT_EQ(rooms->at("2025-02").yes, 1);

  // A save into 2025-01: its kept figures are no longer current.
  ASSERT_TRUE(store_
                  ->write_unit(
                      plan_, page_write("2025-01",
                                        make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true), 1))
                  .ok());
  totals = store_->cached_indicator_summaries(plan_, "online_total");
  ASSERT_TRUE(totals.ok());
  ASSERT_EQ(totals->size(), 1u);
  EXPECT_EQ(totals->count("2025-02"), 1u);

  EXPECT_TRUE(store_->cached_indicator_summaries(plan_, "no_such_code")->empty());
  // Figures kept under another plan are not this plan's.
  Plan other = plan_;
  other.source_text += "# changed\n";
  EXPECT_TRUE(store_->cached_indicator_summaries(other, "online_total")->empty());
}

INSTANTIATE_STORE_TESTS(SummaryCache);

}  // namespace
}  // namespace chiso::store_test
