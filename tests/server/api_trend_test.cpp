// Units named as in the period, and a unit's line over a reorganisation, as
// the server answers them (issue 15 §3): GET /api/trend, the status of a
// period and a unit's row. Plan 197's UBND huyện Thủy Nguyên is named «UBND
// thành phố Thủy Nguyên» from 01/01/2025 and ends on 30/06/2025; two of its
// eight successors report the third quarter. Expected values by hand:
//   2024-Q4 (the sample's row 22): 182 full-process of 255 = 71,372… %;
//   2025-Q2 (as the city): 40 of 100 = 40 %;
//   2025-Q3 over UBND phường Thủy Nguyên and UBND phường Thiên Hương:
//   (24 + 6) / (30 + 20) = 60 %.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "common/test_database.h"

namespace chiso::server_test {
namespace {

const std::string kDistrict = "UBND huyện Thủy Nguyên";
const std::string kCity = "UBND thành phố Thủy Nguyên";

class TrendApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    const std::string path = folder_ + "/thuy-nguyen.tsv";
    std::ofstream(path) << "STT\tTên đơn vị\tKỳ báo cáo\tTổng số dịch vụ hành chính công trực tuyến\t"
                           "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n"
                           "1\tUBND thành phố Thủy Nguyên\t2025-Q2\t100\t40\t60\n"
                           "2\tUBND phường Thủy Nguyên\t2025-Q3\t30\t24\t6\n"
                           "3\tUBND phường Thiên Hương\t2025-Q3\t20\t6\t14\n";
    CommandRun imported = run_chiso("--db " + db_arg_ + " import " + path);
    ASSERT_LE(imported.exit_code, 1) << imported.output;
  }
};

INSTANTIATE_TEST_SUITE_P(Stores, TrendApiTest, test::both_backends, test::backend_name);

TEST_P(TrendApiTest, AUnitsLineFollowsItsSuccessorsAndNamesItAsInEachPeriod) {
  auto coordinator = client("coord");
  Reply reply = coordinator->get("/api/trend?indicator=online_full_pct&unit=" + url_encode(kDistrict));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json json = reply.json();
  EXPECT_EQ(json["unit"], kDistrict);
  EXPECT_EQ(json["period_kind"], "quarter");
  const auto& points = json["unit_points"];
  ASSERT_EQ(points.size(), 3u) << reply.body;
  EXPECT_EQ(points[0]["period"], "2024-Q4");
  EXPECT_NEAR(points[0]["value"].get<double>(), 100.0 * 182 / 255, 1e-9);
  EXPECT_FALSE(points[0].contains("name_in_period")) << "a district in 2024, under its registered name";
  EXPECT_EQ(points[1]["period"], "2025-Q2");
  EXPECT_NEAR(points[1]["value"].get<double>(), 40, 1e-9);
  EXPECT_EQ(points[1]["name_in_period"], kCity);
  EXPECT_EQ(points[2]["period"], "2025-Q3");
  EXPECT_NEAR(points[2]["value"].get<double>(), 60, 1e-9);
  EXPECT_EQ(points[2]["of_successors"], true);
  EXPECT_EQ(points[2]["units"], nlohmann::json::array({"UBND phường Thủy Nguyên", "UBND phường Thiên Hương"}));
  EXPECT_EQ(json["change"]["period"], "2025-Q3");
  EXPECT_EQ(json["change"]["stopped"], false);
  // The line is the one `chiso trend --unit` gives, word for word.
  CommandRun cli = run_chiso("--db " + db_arg_ + " trend --indicator online_full_pct --unit '" + kDistrict +
                             "' --format json");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(nlohmann::json::parse(cli.output), json);
}

TEST_P(TrendApiTest, TheCityWideLineAndItsRefusals) {
  auto coordinator = client("coord");
  Reply city = coordinator->get("/api/trend?indicator=online_full_pct");
  ASSERT_EQ(city.status, 200) << city.body;
  EXPECT_FALSE(city.json().contains("unit_points"));
  ASSERT_EQ(city.json()["points"].size(), 3u);
  EXPECT_NEAR(city.json()["points"][2]["value"].get<double>(), 60, 1e-9);
  EXPECT_EQ(coordinator->get("/api/trend").json()["error"]["field"], "indicator");
  EXPECT_EQ(coordinator->get("/api/trend?indicator=no_such").status, 400);
  EXPECT_EQ(coordinator->get("/api/trend?indicator=online_full_pct&period_kind=week").json()["error"]["field"],
            "period_kind");
  EXPECT_EQ(coordinator->get("/api/trend?indicator=online_full_pct&unit=" + url_encode("UBND huyện Không Có")).status,
            404);
  // Every stored period, locked or not: not for a reporter or a viewer.
  EXPECT_EQ(client("viewer")->get("/api/trend?indicator=online_full_pct").status, 403);
  EXPECT_EQ(client("rep_a")->get("/api/trend?indicator=online_full_pct").status, 403);
}

TEST_P(TrendApiTest, StatusAndRowNameTheUnitAsInThePeriod) {
  auto coordinator = client("coord");
  auto status_of = [&](const std::string& period) {
    nlohmann::json found;
    Reply reply = coordinator->get("/api/periods/" + period + "/status");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const nlohmann::json status = reply.json();
    for (const auto& unit : status["units"]) {
      if (unit["unit"] == kDistrict) found = unit;
    }
    return found;
  };
  const nlohmann::json in_2025 = status_of("2025-Q2");
  ASSERT_FALSE(in_2025.is_null());
  EXPECT_EQ(in_2025["name_in_period"], kCity);
  const nlohmann::json in_2024 = status_of("2024-Q4");
  ASSERT_FALSE(in_2024.is_null());
  EXPECT_FALSE(in_2024.contains("name_in_period"));
  Reply row = coordinator->get("/api/periods/2025-Q2/units/" + url_encode(kDistrict));
  ASSERT_EQ(row.status, 200) << row.body;
  EXPECT_EQ(row.json()["unit"]["name"], kDistrict);
  EXPECT_EQ(row.json()["unit"]["name_in_period"], kCity);
  EXPECT_EQ(row.json()["values"]["online_total"]["raw"], "100");
  Reply earlier = coordinator->get("/api/periods/2024-Q4/units/" + url_encode(kDistrict));
  ASSERT_EQ(earlier.status, 200) << earlier.body;
  EXPECT_FALSE(earlier.json()["unit"].contains("name_in_period"));
}

}  // namespace
}  // namespace chiso::server_test
