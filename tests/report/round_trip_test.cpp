// Round trips through the whole way: the seed is read and checked with the
// shipped plan, written as XLSX (and CSV), and read back by chiso; every
// registered unit's values come back the same.
#include <gtest/gtest.h>

#include <map>

#include "service/check_input.h"
#include "check/checker.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

constexpr const char* kPlanPath = CHISO_SOURCE_DIR "/plans/hai-phong-197.toml";
constexpr const char* kSeedPath = CHISO_SOURCE_DIR "/samples/000_e41d2a91a7ebffff.txt";

class RoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Plan> loaded = load_plan(kPlanPath);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    plan_ = std::move(loaded).value();
    Result<CheckedTable> seed = service::check_file(plan_, kSeedPath, "2024-Q4");
    ASSERT_TRUE(seed.ok()) << seed.error().message;
    seed_ = std::move(seed).value();
  }

  // Every registered unit of `original` is in `back` with the same values.
  void expect_same_values(const CheckedTable& back) {
    std::map<std::string, const UnitRow*> by_unit;
    int registered = 0;
    for (const UnitRow& row : back.rows) {
      if (row.unit_name.empty()) continue;
      by_unit[row.unit_name] = &row;
      ++registered;
    }
    // Each unit once: the city-wide row, the notes and the findings sheet
    // are not read back as units.
    EXPECT_EQ(registered, 30);
    int compared = 0;
    for (const UnitRow& row : seed_.rows) {
      if (row.unit_name.empty()) continue;
      auto it = by_unit.find(row.unit_name);
      ASSERT_NE(it, by_unit.end()) << row.unit_name;
      const UnitRow& other = *it->second;
      EXPECT_EQ(other.row_number, row.row_number) << row.unit_name;
      ASSERT_EQ(other.values.size(), row.values.size());
      for (size_t idx = 0; idx < row.values.size(); ++idx) {
        const Value& want = row.values[idx];
        const Value& got = other.values[idx];
        std::string where = row.unit_name + " / " + plan_.indicators[idx].code;
        EXPECT_EQ(static_cast<int>(got.state), static_cast<int>(want.state)) << where;
        if (want.has_number()) {
          EXPECT_NEAR(got.number, want.number, 1e-9) << where;
        }
        if (want.state == ValueState::text) {
          EXPECT_EQ(got.raw, want.raw) << where;
        }
      }
      ++compared;
    }
    EXPECT_EQ(compared, 30);  // the seed's 30 units are all registered
  }

  Plan plan_;
  CheckedTable seed_;
};

TEST_F(RoundTripTest, XlsxWrittenByChisoReadsBackTheSame) {
  std::string path = report_test::out_dir() + "/round_trip.xlsx";
  Result<void> written = write_xlsx(plan_, seed_, {}, path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  Result<CheckedTable> back = service::check_file(plan_, path, "2024-Q4");
  ASSERT_TRUE(back.ok()) << back.error().message;
  expect_same_values(*back);
}

TEST_F(RoundTripTest, CsvWrittenByChisoReadsBackTheSame) {
  for (char delimiter : {',', ';'}) {
    ReportOptions options;
    options.csv_delimiter = delimiter;
    std::string path = report_test::out_dir() + "/round_trip" + (delimiter == ';' ? "_semicolon" : "") + ".csv";
    Result<void> written = write_csv(plan_, seed_, options, path);
    ASSERT_TRUE(written.ok()) << written.error().message;
    Result<CheckedTable> back = service::check_file(plan_, path, "2024-Q4");
    ASSERT_TRUE(back.ok()) << back.error().message;
    SCOPED_TRACE(std::string("delimiter ") + delimiter);
    expect_same_values(*back);
  }
}

TEST_F(RoundTripTest, SeedReportsAreWritten) {
  std::string dir = report_test::out_dir();
  EXPECT_TRUE(write_xlsx(plan_, seed_, {}, dir + "/seed.xlsx").ok());
  EXPECT_TRUE(write_html(plan_, seed_, {}, dir + "/seed.html").ok());
  // Seed row 12 (Sở Ngoại vụ): 4 full-process services of 1 in total.
  std::string json = to_json(plan_, seed_);
  EXPECT_NE(json.find("\"Sở Ngoại vụ\""), std::string::npos);
}

}  // namespace
}  // namespace chiso::report
