// One unit's save (write_unit): based on the version its writer saw; a
// stale base, a locked period or an approved version refuse it as a
// conflict, and the refused write leaves nothing behind.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class UnitWrites : public StoreTest {
 protected:
  void SetUp() override {
    store_path_ = fresh_db();
    store_ = open_or_die(store_path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(
        import_rows(*store_, plan_, "ca-thanh-pho.txt",
                    {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                     make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false),
                     make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)})
            .ok());
  }

  // Tư pháp's row as typed on its page: the total `total`, the rest as imported.
  UnitRow tu_phap(double total) {
    return make_row(1, "Sở Tư pháp", "2025-01", total, 5, "25", true);
  }

  UnitSubmission loaded(const std::string& unit) {
    auto submission = store_->load_unit(plan_, "2025-01", unit);
    EXPECT_TRUE(submission.ok()) << unit << ": "
                                 << (submission.ok() ? "" : submission.error().message);
    return submission.ok() ? *submission : UnitSubmission{};
  }

  Plan plan_ = small_plan();
  std::string store_path_;
  std::unique_ptr<Store> store_;
};

TEST_P(UnitWrites, BasedOnTheCurrentVersionMakesTheNext) {
  UnitWrite write = page_write("2025-01", tu_phap(21), 1);
  write.provenance.comment = "Sửa tổng số";
  auto written = store_->write_unit(plan_, write);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->version, 2);
  EXPECT_TRUE(written->changed);

  UnitSubmission submission = loaded("Sở Tư pháp");
  EXPECT_EQ(submission.version, 2);
  EXPECT_EQ(submission.state, SubmissionState::draft);
  EXPECT_EQ(submission.provenance.author, "lan");
  EXPECT_EQ(submission.provenance.page, "/periods/2025-01/units/Sở Tư pháp");
  EXPECT_EQ(submission.provenance.comment, "Sửa tổng số");
  EXPECT_EQ(submission.row.values[0].number, 21);
  // The other units are as imported; the table shows the new row.
  EXPECT_EQ(loaded("Cục Thuế").version, 1);
  auto table = store_->load_period(plan_, "2025-01");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].values[0].number, 21);
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.unit_count, 3);
  EXPECT_EQ(info.submission_count, 4);
  EXPECT_EQ(info.last_source, "/periods/2025-01/units/Sở Tư pháp");
  EXPECT_EQ(info.last_change_utc, submission.written_at_utc);

  // The history names who changed what, and why.
  HistoryQuery one;
  one.unit = "Sở Tư pháp";
  one.indicator = "online_total";
  auto changes = store_->history("2025-01", one);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);  // the first value, then 20 → 21
  EXPECT_EQ((*changes)[1].old_raw, "20");
  EXPECT_EQ((*changes)[1].new_raw, "21");
  EXPECT_EQ((*changes)[1].author, "lan");
  EXPECT_EQ((*changes)[1].comment, "Sửa tổng số");
  EXPECT_EQ((*changes)[1].source, "/periods/2025-01/units/Sở Tư pháp");

  // The same values again, based on version 2: nothing written.
  auto same = store_->write_unit(plan_, page_write("2025-01", tu_phap(21), 2));
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_EQ(same->version, 2);
  EXPECT_FALSE(same->changed);
  EXPECT_EQ(period_info(*store_, "2025-01").submission_count, 4);
}

TEST_P(UnitWrites, StaleBaseIsRefusedAsAConflict) {
  // Two people open Tư pháp's page at version 1; the first saves.
  ASSERT_TRUE(
      store_
          ->write_unit(plan_, page_write("2025-01", tu_phap(21), 1, SubmissionState::draft, "lan"))
          .ok());
  // The second saves what they typed on version 1.
  auto stale = store_->write_unit(
      plan_, page_write("2025-01", tu_phap(25), 1, SubmissionState::draft, "minh"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  // Naming both versions: based on 1, current 2.
  EXPECT_NE(stale.error().message_en.find("version 1"), std::string::npos)
      << stale.error().message_en;
  EXPECT_NE(stale.error().message_en.find("version 2"), std::string::npos)
      << stale.error().message_en;
  // Nothing of it is stored.
  UnitSubmission submission = loaded("Sở Tư pháp");
  EXPECT_EQ(submission.version, 2);
  EXPECT_EQ(submission.row.values[0].number, 21);
  EXPECT_EQ(submission.provenance.author, "lan");
  EXPECT_EQ(period_info(*store_, "2025-01").submission_count, 4);
  // A base of 0 (the writer saw no version) when there is one is stale too.
  auto none = store_->write_unit(plan_, page_write("2025-01", tu_phap(25), 0));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::conflict);
  // A base ahead of the current version is not current either.
  auto ahead = store_->write_unit(plan_, page_write("2025-01", tu_phap(25), 3));
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().kind, ErrorKind::conflict);
}

TEST_P(UnitWrites, AUnitWithoutAVersionIsWrittenOnBaseZero) {
  ASSERT_TRUE(store_->open_period("2025-02", "2025-03-10").ok());
  PeriodInfo opened = period_info(*store_, "2025-02");
  EXPECT_EQ(opened.period, "2025-02");
  EXPECT_EQ(opened.deadline, "2025-03-10");
  EXPECT_EQ(opened.unit_count, 0);
  auto written = store_->write_unit(
      plan_, page_write("2025-02", make_row(1, "Cục Thuế", "2025-02", 7, 7, "100", true), 0,
                        SubmissionState::submitted));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->version, 1);
  EXPECT_TRUE(written->changed);
  auto unit = store_->load_unit(plan_, "2025-02", "Cục Thuế");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->state, SubmissionState::submitted);
  EXPECT_EQ(period_info(*store_, "2025-02").unit_count, 1);
  // A unit the plan does not have cannot be saved.
  auto stranger = store_->write_unit(
      plan_, page_write("2025-02", make_row(2, "Sở Lạ", "2025-02", 7, 7, "100", true), 0));
  ASSERT_FALSE(stranger.ok());
}

TEST_P(UnitWrites, ALockedPeriodRefusesEveryWriteUntilUnlockedWithAReason) {
  ASSERT_TRUE(store_->set_period_state("2025-01", PeriodState::locked, person("admin")).ok());
  EXPECT_EQ(period_info(*store_, "2025-01").state, PeriodState::locked);
  auto write = store_->write_unit(plan_, page_write("2025-01", tu_phap(21), 1));
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().kind, ErrorKind::conflict);
  auto state =
      store_->set_state("2025-01", "Sở Tư pháp", 1, SubmissionState::approved, person("dieu-phoi"));
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, ErrorKind::conflict);
  // An import into it is refused too.
  auto imported = import_rows(*store_, plan_, "muon.txt",
                              {make_row(3, "Cục Thuế", "2025-01", 9, 8, "100", true)});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().kind, ErrorKind::conflict);
  EXPECT_EQ(loaded("Sở Tư pháp").version, 1);
  EXPECT_EQ(loaded("Cục Thuế").version, 1);
  EXPECT_EQ(period_info(*store_, "2025-01").submission_count, 3);

  // Unlocking needs a reason.
  EXPECT_FALSE(store_->set_period_state("2025-01", PeriodState::open, person("admin")).ok());
  EXPECT_EQ(period_info(*store_, "2025-01").state, PeriodState::locked);
  ASSERT_TRUE(
      store_->set_period_state("2025-01", PeriodState::open, person("admin", "Cục Thuế nộp muộn"))
          .ok());
  EXPECT_EQ(period_info(*store_, "2025-01").state, PeriodState::open);
  auto after = store_->write_unit(plan_, page_write("2025-01", tu_phap(21), 1));
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->version, 2);
}

TEST_P(UnitWrites, AnApprovedVersionRefusesWritesUntilReturned) {
  ASSERT_TRUE(
      store_->set_state("2025-01", "Sở Tư pháp", 1, SubmissionState::approved, person("dieu-phoi"))
          .ok());
  auto write = store_->write_unit(plan_, page_write("2025-01", tu_phap(21), 1));
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().kind, ErrorKind::conflict);
  EXPECT_EQ(loaded("Sở Tư pháp").version, 1);
  EXPECT_EQ(loaded("Sở Tư pháp").state, SubmissionState::approved);
  ASSERT_TRUE(store_
                  ->set_state("2025-01", "Sở Tư pháp", 1, SubmissionState::returned,
                              person("dieu-phoi", "Tổng số chưa khớp"))
                  .ok());
  auto after = store_->write_unit(plan_, page_write("2025-01", tu_phap(21), 1));
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(loaded("Sở Tư pháp").state, SubmissionState::draft);
}

// A row saved as it is typed gains a version per save: after hundreds of
// them, what a person checks is still right — the row shows the last save,
// the period counts every version, a save from a stale page is refused with
// the current version, and the other units are untouched.
TEST_P(UnitWrites, HundredsOfVersionsOfOneRowKeepTheLastOneCurrent) {
  constexpr int saves = 300;
  for (int save_idx = 1; save_idx <= saves; ++save_idx) {
    // Version 1 is the import's; save k is based on version k and makes k + 1.
    auto written = store_->write_unit(plan_, page_write("2025-01", tu_phap(100 + save_idx), save_idx));
    ASSERT_TRUE(written.ok()) << "save " << save_idx << ": " << written.error().message;
    ASSERT_EQ(written->version, save_idx + 1);
    if (save_idx % 100 == 0) {  // Cục Thuế saves now and then, beside
      auto other = store_->write_unit(
          plan_, page_write("2025-01", make_row(3, "Cục Thuế", "2025-01", 8 + save_idx / 100, 8, "100", true),
                            save_idx / 100));
      ASSERT_TRUE(other.ok()) << other.error().message;
    }
  }
  UnitSubmission tu_phap_row = loaded("Sở Tư pháp");
  EXPECT_EQ(tu_phap_row.version, saves + 1);
  EXPECT_EQ(tu_phap_row.row.values[0].number, 400);
  EXPECT_EQ(tu_phap_row.row.values[0].raw, "400");
  EXPECT_EQ(loaded("Cục Thuế").version, 4);
  EXPECT_EQ(loaded("Cục Thuế").row.values[0].number, 11);
  EXPECT_EQ(loaded("UBND huyện Thủy Nguyên").version, 1);

  auto table = store_->load_period(plan_, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(table->rows[0].values[0].number, 400);
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.unit_count, 3);
  EXPECT_EQ(info.submission_count, 3 + saves + 3);

  auto status = store_->status(plan_, "2025-01");
  ASSERT_TRUE(status.ok()) << status.error().message;
  int reported = 0;
  for (const UnitStatus& unit : *status) {
    if (unit.reported) ++reported;
    if (unit.unit == "Sở Tư pháp") {
      EXPECT_EQ(unit.version, saves + 1);
    }
  }
  EXPECT_EQ(reported, 3);

  // A page still showing version 150 saves: refused, nothing written.
  auto stale = store_->write_unit(plan_, page_write("2025-01", tu_phap(7), 150));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  EXPECT_EQ(loaded("Sở Tư pháp").version, saves + 1);
  EXPECT_EQ(period_info(*store_, "2025-01").submission_count, 3 + saves + 3);

  // One current version per unit, as another program reads the table.
  const std::string db = store_path_;
  EXPECT_EQ(count_rows(db, "unit_submission WHERE is_current = 1"), 3);
  EXPECT_EQ(count_rows(db, "unit_submission"), 3 + saves + 3);
}

INSTANTIATE_STORE_TESTS(UnitWrites);

}  // namespace
}  // namespace chiso::store_test
