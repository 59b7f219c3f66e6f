// Group commit (Store::begin_write_group): the writes of one store in one
// transaction, each a savepoint of it. A write refused in the group undoes
// only itself; nothing of the group is seen by another connection before
// the commit; a group not committed leaves nothing. PostgreSQL commits each
// write by itself: it has no groups (a null group), which the tests accept.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class WriteGroups : public StoreTest {
 protected:
  void SetUp() override {
    path_ = fresh_db();
    store_ = open_or_die(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(
        import_rows(*store_, plan_, "ca-thanh-pho.txt",
                    {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                     make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false),
                     make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true)})
            .ok());
    other_ = open_or_die(path_);  // another connection, as another server thread
    ASSERT_NE(other_, nullptr);
  }

  // The unit's current version and its first value (online_total), as
  // `store` sees them.
  std::pair<int, double> current(Store& store, const std::string& unit) {
    auto submission = store.load_unit(plan_, "2025-01", unit);
    EXPECT_TRUE(submission.ok()) << unit << ": "
                                 << (submission.ok() ? "" : submission.error().message);
    if (!submission.ok()) return {0, 0};
    return {submission->version, submission->row.values[0].number};
  }

  std::string path_;
  Plan plan_ = small_plan();
  std::unique_ptr<Store> store_;
  std::unique_ptr<Store> other_;
};

TEST_P(WriteGroups, ARefusedWriteUndoesOnlyItselfAndTheOthersAreCommittedTogether) {
  auto group = store_->begin_write_group();
  ASSERT_TRUE(group.ok()) << group.error().message;
  if (!*group) {
    EXPECT_TRUE(is_postgresql());
    GTEST_SKIP() << "this store commits each write by itself";
  }
  auto first = store_->write_unit(
      plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true), 1));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, 2);
  // Based on version 1, which the group's first write replaced: refused.
  auto stale = store_->write_unit(
      plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 99, 5, "25", true), 1));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  auto second = store_->write_unit(
      plan_, page_write("2025-01", make_row(3, "Cục Thuế", "2025-01", 9, 8, "88,89", true), 1));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->version, 2);
  auto moved =
      store_->set_state("2025-01", "Cục Thuế", 2, SubmissionState::submitted, person("lan"));
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  // Inside the group its writes are seen; outside, not before the commit.
  EXPECT_EQ(current(*store_, "Sở Tư pháp"), std::make_pair(2, 21.0));
  EXPECT_EQ(current(*other_, "Sở Tư pháp"), std::make_pair(1, 20.0));
  EXPECT_EQ(current(*other_, "Cục Thuế"), std::make_pair(1, 8.0));

  ASSERT_TRUE((*group)->commit().ok());
  group->reset();
  EXPECT_EQ(current(*other_, "Sở Tư pháp"), std::make_pair(2, 21.0));  // not the refused 99
  EXPECT_EQ(current(*other_, "Cục Thuế"), std::make_pair(2, 9.0));
  EXPECT_EQ(other_->load_unit(plan_, "2025-01", "Cục Thuế")->state, SubmissionState::submitted);
  EXPECT_EQ(current(*other_, "UBND huyện Thủy Nguyên"), std::make_pair(1, 30.0));
  // Three imported versions and the group's two.
  EXPECT_EQ(period_info(*other_, "2025-01").submission_count, 5);
  // The store writes alone again after its group.
  auto alone = store_->write_unit(
      plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 22, 5, "25", true), 2));
  ASSERT_TRUE(alone.ok()) << alone.error().message;
  EXPECT_EQ(current(*other_, "Sở Tư pháp"), std::make_pair(3, 22.0));
}

TEST_P(WriteGroups, AGroupNotCommittedLeavesNothing) {
  {
    auto group = store_->begin_write_group();
    ASSERT_TRUE(group.ok()) << group.error().message;
    if (!*group) GTEST_SKIP() << "this store commits each write by itself";
    ASSERT_TRUE(
        store_
            ->write_unit(
                plan_,
                page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "25", true), 1))
            .ok());
    ASSERT_TRUE(store_->open_period("2025-02", "2025-03-10").ok());
  }
  EXPECT_EQ(current(*store_, "Sở Tư pháp"), std::make_pair(1, 20.0));
  EXPECT_EQ(current(*other_, "Sở Tư pháp"), std::make_pair(1, 20.0));
  EXPECT_EQ(period_info(*other_, "2025-02").period, "");
  EXPECT_EQ(period_info(*other_, "2025-01").submission_count, 3);
}

INSTANTIATE_STORE_TESTS(WriteGroups);

}  // namespace
}  // namespace chiso::store_test
