// A unit's names over time (issue 15 §3): a district renamed or upgraded
// keeps its one registered name (the store's), and a period names it as it
// was named then (`names` of [[units]], unit_name_in). The expected names are
// read off the plan text below by hand: which entry holds on the period's
// last day, or on the unit's last day when it ended inside the period.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "plan/plan.h"
#include "plan/unit_validity.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;

const std::string kHead = R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]

[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"
)toml";

// A district that became a town on 01/01/2023 and a city on 01/07/2024, and
// ended on 30/06/2025; a department that never changed.
const std::string kRenamed = kHead + R"toml(
[[units]]
name = "UBND huyện D"
short_name = "D"
kind = "district"
valid_to = "2025-06-30"
names = [
  { name = "UBND thị xã D", valid_from = "2023-01-01", valid_to = "2024-06-30" },
  { name = "UBND thành phố D", short_name = "TP D", valid_from = "2024-07-01", source = "Nghị quyết thử" },
]

[[units]]
name = "Sở E"
kind = "department"
)toml";

TEST(UnitNames, APeriodNamesTheUnitAsItWasNamedThen) {
  Result<Plan> plan = parse_plan(kRenamed, "names.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const UnitDef& district = plan->units[0];
  EXPECT_EQ(district.name, "UBND huyện D");  // the one name the store keeps
  ASSERT_GE(district.validity_idx, 0);
  const UnitValidity& validity = plan->unit_validity[static_cast<size_t>(district.validity_idx)];
  ASSERT_EQ(validity.names.size(), 2u);
  EXPECT_EQ(validity.names[1].source, "Nghị quyết thử");

  EXPECT_EQ(unit_name_in(*plan, district, "2022-Q4"), "UBND huyện D");
  EXPECT_EQ(unit_name_in(*plan, district, "2023-01"), "UBND thị xã D");
  EXPECT_EQ(unit_name_in(*plan, district, "2024-H1"), "UBND thị xã D");
  // The year 2024 ends on 31/12, under the second name.
  EXPECT_EQ(unit_name_in(*plan, district, "2024"), "UBND thành phố D");
  EXPECT_EQ(unit_name_in(*plan, district, "2024-Q3"), "UBND thành phố D");
  // The year 2025 is named by the unit's last day, 30/06/2025.
  EXPECT_EQ(unit_name_in(*plan, district, "2025"), "UBND thành phố D");
  // No period: the registered name.
  EXPECT_EQ(unit_name_in(*plan, district, ""), "UBND huyện D");
  EXPECT_EQ(unit_name_in(*plan, plan->units[1], "2024"), "Sở E");

  EXPECT_EQ(unit_short_name_in(*plan, district, "2022"), "D");
  EXPECT_EQ(unit_short_name_in(*plan, district, "2023"), "D");  // the entry has none
  EXPECT_EQ(unit_short_name_in(*plan, district, "2024-Q4"), "TP D");

  // By registered name, for a row: an unregistered name is itself.
  const std::string registered = "UBND huyện D";
  const std::string unregistered = "UBND huyện X";
  EXPECT_EQ(unit_name_in(*plan, registered, -1, "2023-Q2"), "UBND thị xã D");
  EXPECT_EQ(unit_name_in(*plan, unregistered, -1, "2023-Q2"), "UBND huyện X");

  // Each name matches a table as a variant does.
  for (const char* name : {"UBND thị xã D", "UBND thành phố D"}) {
    EXPECT_NE(std::find(district.variants.begin(), district.variants.end(), name), district.variants.end())
        << name;
  }

  // The finding of a row after its end names it as it was on its last day.
  const PresenceWords words = unit_presence_words(*plan, district, UnitPresence::ended);
  EXPECT_EQ(words.vi, "UBND thành phố D không còn từ 01/07/2025.");
  EXPECT_EQ(words.en, "UBND thành phố D no longer exists from 01/07/2025.");
}

TEST(UnitNames, MistakesInNamesAreReported) {
  Result<Plan> plan = parse_plan(kHead + R"toml(
[[units]]
name = "UBND huyện D"
kind = "district"
names = [
  { name = "UBND thị xã D", valid_from = "2023-01-01", valid_to = "2024-06-30" },
  { name = "UBND thành phố D", valid_from = "2024-03-01" },
  { name = "UBND quận D" },
  { name = "UBND D", valid_to = "2022-13-01" },
  { name = "UBND D2", valid_to = "2020-01-01", kind = "x" },
  "UBND D3",
]

[[units]]
name = "Sở E"
kind = "department"
names = [{ name = "UBND thị xã D", valid_to = "2020-12-31" }]

[[units]]
name = "Sở F"
kind = "department"
names = "Sở G"
)toml",
                                 "bad.toml");
  ASSERT_FALSE(plan.ok());
  const std::string& message = plan.error().message;
  EXPECT_THAT(message, HasSubstr("units[0].names[1]: its days overlap those of names[0] (UBND thị xã D); "
                                 "expected one name on each day"));
  EXPECT_THAT(message, HasSubstr("units[0].names[2].valid_to: missing; a name of the unit's other span says "
                                 "when: valid_to (an earlier name) or valid_from (a later one)"));
  EXPECT_THAT(message, HasSubstr("units[0].names[3].valid_to: '2022-13-01' is not a date; expected YYYY-MM-DD"));
  EXPECT_THAT(message, HasSubstr("units[0].names[4].kind: unknown field; expected one of name, short_name"));
  EXPECT_THAT(message, HasSubstr("units[0].names[5]: expected { name = \"…\", valid_to = \"YYYY-MM-DD\" }"));
  // A name belongs to one unit only, whichever span it is of.
  EXPECT_THAT(message, HasSubstr("units[1].names: 'UBND thị xã D' is the same name as one of units[0] "
                                 "(UBND huyện D); unit names and variants must be unique"));
  EXPECT_THAT(message, HasSubstr("units[2].names: expected a list of names"));
}

TEST(UnitNames, TheShippedPlanNamesThuyNguyenAsTheCityItBecame) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const int thuy_nguyen = plan->unit_index("UBND huyện Thủy Nguyên");
  const int an_duong = plan->unit_index("UBND huyện An Dương");
  ASSERT_GE(thuy_nguyen, 0);
  ASSERT_GE(an_duong, 0);
  const UnitDef& city = plan->units[static_cast<size_t>(thuy_nguyen)];
  // Resolution 1232 (the plan's note): a city and an urban district from 01/01/2025.
  EXPECT_EQ(unit_name_in(*plan, city, "2024-Q4"), "UBND huyện Thủy Nguyên");
  EXPECT_EQ(unit_name_in(*plan, city, "2025-Q1"), "UBND thành phố Thủy Nguyên");
  EXPECT_EQ(unit_name_in(*plan, plan->units[static_cast<size_t>(an_duong)], "2025-H1"), "UBND quận An Dương");
  EXPECT_EQ(unit_name_in(*plan, plan->units[static_cast<size_t>(an_duong)], "2024"), "UBND huyện An Dương");
}

}  // namespace
}  // namespace chiso
