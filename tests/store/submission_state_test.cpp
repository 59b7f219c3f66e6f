// The states of a unit's current version (store.h's design): draft →
// submitted → approved, returned with a comment; each move an event that
// history() shows with_states, none a new version.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class SubmissionStates : public StoreTest {
 protected:
  void SetUp() override {
    store_ = open_or_die(fresh_db());
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->open_period("2025-03", "").ok());
    // Tư pháp saves a draft: version 1.
    auto written = store_->write_unit(
        plan_, page_write("2025-03", make_row(1, "Sở Tư pháp", "2025-03", 20, 5, "25", true), 0));
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written->version, 1);
  }

  SubmissionState state_now() {
    auto unit = store_->load_unit(plan_, "2025-03", "Sở Tư pháp");
    EXPECT_TRUE(unit.ok());
    return unit.ok() ? unit->state : SubmissionState::withdrawn;
  }

  Result<void> move(SubmissionState to, const Provenance& who, int based_on_version = 1) {
    return store_->set_state("2025-03", "Sở Tư pháp", based_on_version, to, who);
  }

  Plan plan_ = small_plan();
  std::unique_ptr<Store> store_;
};

TEST_P(SubmissionStates, DraftSubmittedApprovedInTurn) {
  EXPECT_EQ(state_now(), SubmissionState::draft);
  ASSERT_TRUE(move(SubmissionState::submitted, person("lan")).ok());
  EXPECT_EQ(state_now(), SubmissionState::submitted);
  ASSERT_TRUE(move(SubmissionState::approved, person("dieu-phoi")).ok());
  EXPECT_EQ(state_now(), SubmissionState::approved);
  // A move makes no version.
  auto unit = store_->load_unit(plan_, "2025-03", "Sở Tư pháp");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->version, 1);
  EXPECT_EQ(period_info(*store_, "2025-03").submission_count, 1);
  auto status = store_->status(plan_, "2025-03");
  ASSERT_TRUE(status.ok());
  ASSERT_FALSE(status->empty());
  EXPECT_EQ((*status)[0].state, SubmissionState::approved);
}

TEST_P(SubmissionStates, DraftCannotBeApprovedDirectly) {
  auto moved = move(SubmissionState::approved, person("dieu-phoi"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, ErrorKind::conflict);
  EXPECT_EQ(state_now(), SubmissionState::draft);
  // Nor returned: it was never submitted.
  EXPECT_FALSE(move(SubmissionState::returned, person("dieu-phoi", "Sai")).ok());
  EXPECT_EQ(state_now(), SubmissionState::draft);
}

TEST_P(SubmissionStates, ReturningNeedsAComment) {
  ASSERT_TRUE(move(SubmissionState::submitted, person("lan")).ok());
  EXPECT_FALSE(move(SubmissionState::returned, person("dieu-phoi")).ok());
  EXPECT_EQ(state_now(), SubmissionState::submitted);
  ASSERT_TRUE(
      move(SubmissionState::returned, person("dieu-phoi", "Tỷ lệ không khớp số liệu")).ok());
  EXPECT_EQ(state_now(), SubmissionState::returned);
  // Returned → submitted again is a move of the design.
  ASSERT_TRUE(move(SubmissionState::submitted, person("lan")).ok());
  EXPECT_EQ(state_now(), SubmissionState::submitted);
}

TEST_P(SubmissionStates, AStaleBaseOrAUnitWithoutAVersionIsRefused) {
  auto stale = move(SubmissionState::submitted, person("lan"), 2);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  EXPECT_EQ(state_now(), SubmissionState::draft);
  auto none =
      store_->set_state("2025-03", "Cục Thuế", 0, SubmissionState::submitted, person("lan"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::not_found);
}

TEST_P(SubmissionStates, EachMoveShowsInHistoryWithStates) {
  ASSERT_TRUE(move(SubmissionState::submitted, person("lan")).ok());
  ASSERT_TRUE(move(SubmissionState::approved, person("dieu-phoi")).ok());
  ASSERT_TRUE(move(SubmissionState::returned, person("dieu-phoi", "Tổng số chưa khớp")).ok());

  struct Expected {
    std::string old_state, new_state, author, comment;
  };
  const std::vector<Expected> moves = {
      {"draft", "submitted", "lan", ""},
      {"submitted", "approved", "dieu-phoi", ""},
      {"approved", "returned", "dieu-phoi", "Tổng số chưa khớp"},
  };
  HistoryQuery with_states;
  with_states.unit = "Sở Tư pháp";
  auto changes = store_->history("2025-03", with_states);
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  // The first version cell by cell (20, 5, "25", x), then the three moves.
  ASSERT_EQ(changes->size(), 4u + moves.size());
  for (std::size_t cell_idx = 0; cell_idx < 4; ++cell_idx) {
    EXPECT_NE((*changes)[cell_idx].indicator, "") << cell_idx;
    EXPECT_EQ((*changes)[cell_idx].new_version, 1) << cell_idx;
  }
  for (std::size_t move_idx = 0; move_idx < moves.size(); ++move_idx) {
    const Change& change = (*changes)[4 + move_idx];
    EXPECT_EQ(change.unit, "Sở Tư pháp") << move_idx;
    EXPECT_EQ(change.indicator, "") << move_idx;
    EXPECT_EQ(change.old_state, moves[move_idx].old_state) << move_idx;
    EXPECT_EQ(change.new_state, moves[move_idx].new_state) << move_idx;
    EXPECT_EQ(change.author, moves[move_idx].author) << move_idx;
    EXPECT_EQ(change.comment, moves[move_idx].comment) << move_idx;
    EXPECT_EQ(change.old_version, 1) << move_idx;
    EXPECT_EQ(change.new_version, 1) << move_idx;
    EXPECT_EQ(change.period, "2025-03") << move_idx;
  }
  // Over the whole period too (the first version is left out there).
  auto period_wide = store_->history("2025-03", HistoryQuery{});
  ASSERT_TRUE(period_wide.ok());
  ASSERT_EQ(period_wide->size(), moves.size());
  EXPECT_EQ((*period_wide)[2].new_state, "returned");
  // Without states: the cells only.
  HistoryQuery cells_only = with_states;
  cells_only.with_states = false;
  auto cells = store_->history("2025-03", cells_only);
  ASSERT_TRUE(cells.ok());
  ASSERT_EQ(cells->size(), 4u);
  for (const Change& change : *cells) EXPECT_NE(change.indicator, "");
}

// A save that submits an unchanged draft moves its state, with no version.
TEST_P(SubmissionStates, SavingTheSameRowAsSubmittedSubmitsIt) {
  auto saved = store_->write_unit(
      plan_, page_write("2025-03", make_row(1, "Sở Tư pháp", "2025-03", 20, 5, "25", true), 1,
                        SubmissionState::submitted));
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_FALSE(saved->changed);
  EXPECT_EQ(state_now(), SubmissionState::submitted);
}

INSTANTIATE_STORE_TESTS(SubmissionStates);

}  // namespace
}  // namespace chiso::store_test
