// The plans a store keeps values of (Store::plans) and whether a plan is one
// of them (service::plan_fits_store), on both stores.
#include "service/plan_fit.h"
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class PlansKept : public StoreTest {};

// A plan of `codes` (counts) under `id`.
Plan plan_of(std::string id, const std::vector<std::string>& codes) {
  Plan plan;
  plan.id = std::move(id);
  plan.name_vi = "Kế hoạch thử";
  plan.source_text = "# " + plan.id + "\n";
  for (const std::string& code : codes) {
    Indicator indicator;
    indicator.code = code;
    indicator.kind = IndicatorKind::count;
    plan.indicators.push_back(std::move(indicator));
  }
  return plan;
}

TEST_P(PlansKept, ANewStoreKeepsNoneAndTakesAnyPlan) {
  auto store = open_or_die(fresh_db());
  auto plans = store->plans();
  ASSERT_TRUE(plans.ok()) << plans.error().message;
  EXPECT_TRUE(plans->empty());
  EXPECT_TRUE(service::plan_fits_store(plan_of("pci", {"pci", "pci_rank"}), *store, "db").ok());
}

TEST_P(PlansKept, APlanSharingNoIndicatorWithTheStoresIsRefusedNamingThem) {
  const std::string db = fresh_db();
  auto store = open_or_die(db);
  const Plan plan = small_plan();  // test-plan: online_total, online_full, online_full_pct, meeting_room_has
  ASSERT_TRUE(import_rows(*store, plan, "a.txt", {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}).ok());
  // The same plan revised (another text, an indicator added): kept beside.
  Plan revised = small_plan();
  revised.source_text += "# revised\n";
  revised.indicators.push_back(plan_of("x", {"cashless_pct"}).indicators[0]);
  UnitRow row = make_row(1, "Sở Tư pháp", "2025-02", 21, 5, "23,81", true);
  row.values.push_back(blank_value(5, 7));
  auto second = import_rows(*store, revised, "b.txt", {row});
  ASSERT_TRUE(second.ok()) << second.error().message;

  auto plans = store->plans();
  ASSERT_TRUE(plans.ok()) << plans.error().message;
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].id, "test-plan");
  EXPECT_EQ((*plans)[0].indicator_codes,
            (std::vector<std::string>{"online_total", "online_full", "online_full_pct", "meeting_room_has"}));
  EXPECT_EQ((*plans)[1].indicator_codes.back(), "cashless_pct");

  EXPECT_TRUE(service::plan_fits_store(plan, *store, "db").ok());
  // Its id, whatever its indicators now.
  EXPECT_TRUE(service::plan_fits_store(plan_of("test-plan", {"pci"}), *store, "db").ok());
  // Another id with one indicator of the kept ones: read by code.
  EXPECT_TRUE(service::plan_fits_store(plan_of("next-plan", {"pci", "cashless_pct"}), *store, "db").ok());

  auto refused = service::plan_fits_store(plan_of("pci-2019", {"pci", "pci_rank", "pci_tier"}), *store, "kho.db");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::bad_input);
  EXPECT_EQ(refused.error().field, "plan");
  EXPECT_EQ(refused.error().message,
            "kho.db lưu số liệu của kế hoạch \"test-plan\" (chỉ tiêu online_total, online_full, online_full_pct, …), "
            "không có chỉ tiêu nào chung với kế hoạch \"pci-2019\" (Kế hoạch thử) đã cho: hãy chọn đúng cơ sở dữ liệu "
            "(--db) hoặc kế hoạch (--plan).");
}

INSTANTIATE_STORE_TESTS(PlansKept);

}  // namespace
}  // namespace chiso::store_test
