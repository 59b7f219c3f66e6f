// What people say about a row (schema 4): comments kept in order and never
// edited, the return that still stands, and a submit's explanations, read
// back through the Store and with plain SQL.
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class RowNotes : public StoreTest {
 protected:
  void SetUp() override {
    path_ = fresh_db();
    store_ = open_or_die(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->open_period("2025-03", "").ok());
    auto written = store_->write_unit(
        plan_, page_write("2025-03", make_row(1, "Sở Tư pháp", "2025-03", 20, 5, "25", true), 0));
    ASSERT_TRUE(written.ok()) << written.error().message;
  }
  RowComment comment(std::string indicator, std::string author, std::string text) {
    RowComment made;
    made.indicator = std::move(indicator);
    made.author = std::move(author);
    made.role = "reporter";
    made.text = std::move(text);
    return made;
  }
  std::string path_;
  Plan plan_ = small_plan();
  std::unique_ptr<Store> store_;
};

TEST_P(RowNotes, CommentsAreKeptInTheOrderWritten) {
  auto first = store_->add_comment(plan_, "2025-03", "Sở Tư pháp", comment("online_total", "lan", "Gồm cả chi cục"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = store_->add_comment(plan_, "2025-03", "Sở Tư pháp", comment("", "hoa", "Đã xem"));
  ASSERT_TRUE(second.ok());
  // A unit with no version yet may be commented on too.
  ASSERT_TRUE(store_->add_comment(plan_, "2025-03", "Cục Thuế", comment("", "hoa", "Chưa nộp?")).ok());
  auto comments = store_->comments("2025-03", "Sở Tư pháp");
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 2u);
  EXPECT_EQ((*comments)[0].text, "Gồm cả chi cục");
  EXPECT_EQ((*comments)[0].indicator, "online_total");
  EXPECT_EQ((*comments)[0].author, "lan");
  EXPECT_EQ((*comments)[1].text, "Đã xem");
  EXPECT_LT((*comments)[0].id, (*comments)[1].id);
  EXPECT_FALSE((*comments)[1].at_utc.empty());
  EXPECT_EQ(store_->add_comment(plan_, "2031-01", "Sở Tư pháp", comment("", "x", "?")).error().kind,
            ErrorKind::not_found);
  EXPECT_EQ(store_->add_comment(plan_, "2025-03", "Sở Không Có", comment("", "x", "?")).error().kind,
            ErrorKind::not_found);
  ASSERT_TRUE(store_->set_period_state("2025-03", PeriodState::locked, person("hoa")).ok());
  EXPECT_EQ(store_->add_comment(plan_, "2025-03", "Sở Tư pháp", comment("", "x", "?")).error().kind,
            ErrorKind::conflict);
  EXPECT_EQ(query_column(path_, "SELECT text FROM row_comment ORDER BY id"),
            "Gồm cả chi cục|Đã xem|Chưa nộp?");
}

TEST_P(RowNotes, AReturnStandsUntilTheNextSubmit) {
  auto none = store_->standing_return("2025-03", "Sở Tư pháp");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(store_->set_state("2025-03", "Sở Tư pháp", 1, SubmissionState::submitted, person("lan")).ok());
  Provenance back = person("hoa");
  back.comment = "Tỷ lệ sai";
  back.indicator = "online_full_pct";
  ASSERT_TRUE(store_->set_state("2025-03", "Sở Tư pháp", 1, SubmissionState::returned, back).ok());
  auto standing = store_->standing_return("2025-03", "Sở Tư pháp");
  ASSERT_TRUE(standing.ok() && standing->has_value());
  EXPECT_EQ((*standing)->comment, "Tỷ lệ sai");
  EXPECT_EQ((*standing)->author, "hoa");
  EXPECT_EQ((*standing)->indicator, "online_full_pct");
  EXPECT_EQ((*standing)->version, 1);
  // A draft saved after it: still standing.
  ASSERT_TRUE(store_->write_unit(plan_, page_write("2025-03", make_row(1, "Sở Tư pháp", "2025-03", 20, 5, "25,00", true), 1))
                  .ok());
  EXPECT_TRUE(store_->standing_return("2025-03", "Sở Tư pháp")->has_value());
  Provenance submit = person("lan");
  submit.explanations = {{"online_total", "Thêm dịch vụ mới"}};
  ASSERT_TRUE(store_->set_state("2025-03", "Sở Tư pháp", 2, SubmissionState::submitted, submit).ok());
  EXPECT_FALSE(store_->standing_return("2025-03", "Sở Tư pháp")->has_value());
  auto explanations = store_->explanations("2025-03", "Sở Tư pháp");
  ASSERT_TRUE(explanations.ok());
  EXPECT_EQ(*explanations, (std::map<std::string, std::string>{{"online_total", "Thêm dịch vụ mới"}}));
  EXPECT_EQ(query_text(path_, "SELECT indicator FROM submission_event WHERE to_state = 'returned'"),
            "online_full_pct");
}

INSTANTIATE_STORE_TESTS(RowNotes);

}  // namespace
}  // namespace chiso::store_test
