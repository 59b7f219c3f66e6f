// Published shares come from the counts; typed shares are kept only where the
// counts cannot give one. Values are rows of the seed, worked by hand.
#include "consolidate/published_values.h"

#include <gtest/gtest.h>

#include "plan/plan.h"

namespace chiso {
namespace {

class PublishedValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    plan_ = std::move(loaded).value();
  }

  // A row with the online counts and typed shares; other cells blank.
  UnitRow row(int row_number, const char* total, const char* full, const char* full_pct,
              const char* partial, const char* partial_pct) {
    UnitRow unit_row;
    unit_row.row_number = row_number;
    unit_row.values.resize(plan_.indicators.size());
    auto set = [&](const char* code, const char* raw, double number) {
      Value& value = unit_row.values[static_cast<std::size_t>(plan_.indicator_index(code))];
      value.raw = raw;
      value.state = ValueState::number;
      value.number = number;
    };
    set("online_total", total, std::stod(total));
    set("online_full", full, std::stod(full));
    set("online_full_pct", full_pct, std::stod(full_pct));
    set("online_partial", partial, std::stod(partial));
    set("online_partial_pct", partial_pct, std::stod(partial_pct));
    return unit_row;
  }

  const Value& value(const CheckedTable& table, std::size_t row_idx, const char* code) {
    return table.rows[row_idx].values[static_cast<std::size_t>(plan_.indicator_index(code))];
  }

  Plan plan_;
};

TEST_F(PublishedValuesTest, SharesComeFromTheCounts) {
  CheckedTable table;
  // Row 2, Công an thành phố: 76 of 140 full-process, typed 93 and 5.
  table.rows.push_back(row(2, "140", "76", "93", "64", "5"));
  CheckedTable published = with_published_values(plan_, table);
  // 76 / 140 = 0.542857… → 54,29 %; 64 / 140 = 0.457142… → 45,71 %.
  EXPECT_NEAR(value(published, 0, "online_full_pct").number, 54.29, 1e-9);
  EXPECT_EQ(value(published, 0, "online_full_pct").raw, "54,29");
  EXPECT_NEAR(value(published, 0, "online_partial_pct").number, 45.71, 1e-9);
  // The counts themselves are untouched.
  EXPECT_EQ(value(published, 0, "online_full").raw, "76");
}

TEST_F(PublishedValuesTest, TypedShareKeptWhenTheCountsAreInError) {
  CheckedTable table;
  // Row 12, Sở Ngoại vụ: 4 full-process of 1 in total; 400 % is no answer.
  table.rows.push_back(row(12, "1", "4", "100", "0", "0"));
  Finding sum_error;
  sum_error.severity = Severity::error;
  sum_error.row = 12;
  sum_error.indicator = "online_total";
  table.findings.push_back(sum_error);
  CheckedTable published = with_published_values(plan_, table);
  EXPECT_EQ(value(published, 0, "online_full_pct").raw, "100");
  EXPECT_DOUBLE_EQ(value(published, 0, "online_full_pct").number, 100);
}

TEST_F(PublishedValuesTest, TypedShareKeptWhenTheTotalIsZero) {
  CheckedTable table;
  // Row 7, Chi nhánh NHNN TP: no online services at all, shares typed 0.
  table.rows.push_back(row(7, "0", "0", "0", "0", "0"));
  CheckedTable published = with_published_values(plan_, table);
  EXPECT_EQ(value(published, 0, "online_full_pct").raw, "0");
  EXPECT_EQ(value(published, 0, "online_full_pct").state, ValueState::number);
}

}  // namespace
}  // namespace chiso
