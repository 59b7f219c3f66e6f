// Units as the plan defines them (issue 15 §2, §3): its own unit kinds,
// groups, parents, and each unit's validity and successors; a period's days;
// and the shipped Plan 197 with the 2025 reorganisation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
applies_to = ["commune"]

[[unit_kinds]]
id = "city"
label_vi = "thành phố"

[[unit_kinds]]
id = "commune"
label_vi = "xã"
label_en = "communes"
words = ["UBND xã"]

[[unit_groups]]
id = "north"
label_vi = "Khối phía bắc"
)toml";

std::string load_error(const std::string& toml_text) {
  Result<Plan> plan = parse_plan(toml_text, "bad.toml");
  EXPECT_FALSE(plan.ok()) << "the plan loaded but should not have";
  return plan.ok() ? std::string() : plan.error().message;
}

TEST(UnitKinds, APlanDefinesItsKindsGroupsParentsAndValidity) {
  Result<Plan> plan = parse_plan(kHead + R"toml(
[[units]]
name = "Thành phố A"
kind = "city"

[[units]]
name = "UBND xã B"
kind = "commune"
group = "north"
parent = "Thành phố A"
valid_to = "2025-06-30"
succession = "merged_into"
successors = ["UBND xã C"]
source = "Nghị quyết thử"

[[units]]
name = "UBND xã C"
kind = "commune"
parent = "Thành phố A"
valid_from = "2025-07-01"
)toml",
                                 "kinds.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->unit_kinds.size(), 2u);
  EXPECT_EQ(plan->unit_kind_id(plan->units[0].kind), "city");
  EXPECT_EQ(plan->unit_kind_id(plan->units[1].kind), "commune");
  EXPECT_EQ(plan->find_unit_kind("commune"), plan->units[1].kind);
  EXPECT_FALSE(plan->find_unit_kind("district"));  // the plan's kinds replace the default three
  EXPECT_EQ(plan->units[1].group_idx, 0);
  EXPECT_EQ(plan->units[0].group_idx, UnitDef::kNoUnitGroup);
  EXPECT_EQ(plan->units[1].parent_idx, 0);
  EXPECT_EQ(plan->units[0].parent_idx, -1);
  ASSERT_EQ(plan->unit_validity.size(), 2u);
  const UnitValidity& ended = plan->unit_validity[static_cast<size_t>(plan->units[1].validity_idx)];
  EXPECT_EQ(ended.valid_to, "2025-06-30");
  EXPECT_EQ(ended.succession, Succession::merged_into);
  EXPECT_EQ(ended.successors, std::vector<std::string>{"UBND xã C"});
  EXPECT_EQ(ended.source, "Nghị quyết thử");
  EXPECT_EQ(plan->units[0].validity_idx, -1);

  // B ends on 30/06/2025 and C starts on 01/07/2025: the year 2025 has B, and
  // its first half; its third quarter has C only.
  EXPECT_EQ(unit_presence(*plan, plan->units[1], "2025"), UnitPresence::valid);
  EXPECT_EQ(unit_presence(*plan, plan->units[1], "2025-H1"), UnitPresence::valid);
  EXPECT_EQ(unit_presence(*plan, plan->units[1], "2025-Q3"), UnitPresence::ended);
  EXPECT_EQ(unit_presence(*plan, plan->units[2], "2025-06"), UnitPresence::not_yet);
  EXPECT_EQ(unit_presence(*plan, plan->units[2], "2025-07"), UnitPresence::valid);
  EXPECT_EQ(unit_presence(*plan, plan->units[0], "2031"), UnitPresence::valid);
  EXPECT_EQ(unit_presence(*plan, plan->units[1], ""),
            UnitPresence::valid);  // no period: not judged

  const PresenceWords words = unit_presence_words(*plan, plan->units[1], UnitPresence::ended);
  EXPECT_EQ(words.vi, "UBND xã B không còn từ 01/07/2025; nay thuộc UBND xã C.");
  EXPECT_EQ(words.en, "UBND xã B no longer exists from 01/07/2025; it is now part of UBND xã C.");
}

TEST(UnitKinds, MistakesInKindsGroupsParentsAndDatesAreReported) {
  const std::string message = load_error(kHead + R"toml(
[[units]]
name = "UBND xã B"
kind = "district"
group = "south"
parent = "Nowhere"
valid_from = "2025-13-01"
valid_to = "2025-02-30"
succession = "moved"

[[units]]
name = "UBND xã C"
kind = "commune"
valid_from = "2025-07-01"
valid_to = "2025-01-01"
successors = ["UBND xã D"]
)toml");
  EXPECT_THAT(message,
              HasSubstr("units[0].kind: 'district' is not a unit kind; expected city or commune"));
  EXPECT_THAT(message, HasSubstr("units[0].group: 'south' is not a unit group"));
  EXPECT_THAT(message,
              HasSubstr("units[0].valid_from: '2025-13-01' is not a date; expected YYYY-MM-DD"));
  EXPECT_THAT(message, HasSubstr("units[0].valid_to: '2025-02-30' is not a date"));
  EXPECT_THAT(message, HasSubstr("units[0].succession: 'moved' is not a succession"));
  EXPECT_THAT(message, HasSubstr("units[0] (UBND xã B).parent: 'Nowhere' is not a unit"));
  EXPECT_THAT(message,
              HasSubstr("units[1].valid_to: '2025-01-01' is before valid_from '2025-07-01'"));
  EXPECT_THAT(message,
              HasSubstr("units[1].succession: missing; successors need how they followed"));
  EXPECT_THAT(message, HasSubstr("units[1] (UBND xã C).successors: 'UBND xã D' is not a unit"));
}

TEST(UnitKinds, ParentsNeverLoop) {
  const std::string message = load_error(kHead + R"toml(
[[units]]
name = "A"
kind = "commune"
parent = "B"

[[units]]
name = "B"
kind = "commune"
parent = "A"
)toml");
  EXPECT_THAT(message, HasSubstr("the parents of 'A' lead back to it; expected a tree"));
}

TEST(UnitKinds, APlanWithoutKindsHasTheDefaultThree) {
  Result<Plan> plan = parse_plan(R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]

[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"

[[units]]
name = "UBND huyện A"
kind = "district"
)toml",
                                 "min.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->unit_kinds.empty());
  EXPECT_EQ(plan->units[0].kind, UnitKind::district);
  EXPECT_EQ(plan->unit_kind_id(UnitKind::agency), "agency");
}

TEST(PeriodDays, EachKindOfPeriod) {
  auto days = [](std::string_view period) {
    auto found = period_days(period);
    return found ? found->first + " " + found->last : std::string("none");
  };
  EXPECT_EQ(days("2025"), "2025-01-01 2025-12-31");
  EXPECT_EQ(days("2025-H2"), "2025-07-01 2025-12-31");
  EXPECT_EQ(days("2025-Q1"), "2025-01-01 2025-03-31");
  EXPECT_EQ(days("2024-02"), "2024-02-01 2024-02-29");  // a leap year
  EXPECT_EQ(days("2025-02"), "2025-02-01 2025-02-28");
  EXPECT_EQ(days("Quý 1"), "none");
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2025-02-29"));
  EXPECT_FALSE(is_iso_date("2025-7-1"));
}

TEST(ShippedPlanOverTime, The2024PeriodsKeepTheir30UnitsAnd2026HasTheNewOnes) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  auto count_in = [&](std::string_view period) {
    int count = 0;
    for (const UnitDef& unit : plan->units)
      count += unit_presence(*plan, unit, period) == UnitPresence::valid;
    return count;
  };
  // 19 departments and agencies and 11 districts; from 01/07/2025 the 114
  // commune-level units of Resolution 1669/NQ-UBTVQH15 (its Article 1,
  // khoản 115) in the districts' place.
  EXPECT_EQ(count_in("2024-Q4"), 30);
  EXPECT_EQ(count_in("2025-Q2"), 30);
  EXPECT_EQ(count_in("2025"), 30 + 114);  // both, each for part of the year
  EXPECT_EQ(count_in("2026-Q1"), 19 + 114);
  // 67 xã, 45 phường and 2 đặc khu (khoản 115).
  auto count_kind = [&](std::string_view kind_id) {
    int count = 0;
    for (const UnitDef& unit : plan->units)
      count += unit_presence(*plan, unit, "2026-Q1") == UnitPresence::valid &&
               plan->unit_kind_id(unit.kind) == kind_id;
    return count;
  };
  EXPECT_EQ(count_kind("commune"), 67);
  EXPECT_EQ(count_kind("ward"), 45);
  EXPECT_EQ(count_kind("special_zone"), 2);
  auto successors_of = [&](int unit_idx) {
    const UnitDef& unit = plan->units[static_cast<size_t>(unit_idx)];
    if (unit.validity_idx < 0) return std::vector<std::string>{};
    return plan->unit_validity[static_cast<size_t>(unit.validity_idx)].successors;
  };
  const int kien_thuy = plan->unit_index("UBND huyện Kiến Thụy");
  ASSERT_GE(kien_thuy, 0);
  const UnitDef& unit = plan->units[static_cast<size_t>(kien_thuy)];
  EXPECT_EQ(unit_presence_words(*plan, unit, UnitPresence::ended).vi,
            "UBND huyện Kiến Thụy không còn từ 01/07/2025; nay thuộc UBND xã Kiến Thụy, UBND xã "
            "Kiến Minh, "
            "UBND xã Kiến Hải, UBND xã Kiến Hưng và UBND xã Nghi Dương.");
  // Vĩnh Bảo's seven communes, khoản 62–68 of the resolution: Vĩnh Am (khoản
  // 64), not the "Vĩnh An" of the press report the last version followed.
  const int vinh_bao = plan->unit_index("UBND huyện Vĩnh Bảo");
  ASSERT_GE(vinh_bao, 0);
  EXPECT_EQ(successors_of(vinh_bao),
            (std::vector<std::string>{"UBND xã Vĩnh Bảo", "UBND xã Nguyễn Bỉnh Khiêm",
                                      "UBND xã Vĩnh Am", "UBND xã Vĩnh Hải", "UBND xã Vĩnh Hòa",
                                      "UBND xã Vĩnh Thịnh", "UBND xã Vĩnh Thuận"}));
  // Dương Kinh's phường Tân Thành went partly to phường Đồ Sơn (khoản 19).
  const int duong_kinh = plan->unit_index("UBND quận Dương Kinh");
  ASSERT_GE(duong_kinh, 0);
  EXPECT_EQ(successors_of(duong_kinh),
            (std::vector<std::string>{"UBND phường Dương Kinh", "UBND phường Hưng Đạo",
                                      "UBND phường Đồ Sơn"}));
  const int cat_hai = plan->unit_index("UBND đặc khu Cát Hải");
  ASSERT_GE(cat_hai, 0);
  EXPECT_EQ(plan->unit_kind_id(plan->units[static_cast<size_t>(cat_hai)].kind), "special_zone");
}

}  // namespace
}  // namespace chiso
