#include "service/plan_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace chiso::service {

Result<void> plan_fits_store(const Plan& plan, Store& store, std::string_view db_name) {
  auto kept = store.plans();
  if (!kept) return kept.error();
  if (kept->empty()) return {};
  std::vector<std::string> ids;
  for (const StoredPlan& stored : *kept) {
    if (stored.id == plan.id) return {};
    for (const std::string& code : stored.indicator_codes)
      if (plan.indicator_index(code) >= 0) return {};
    if (std::find(ids.begin(), ids.end(), stored.id) == ids.end()) ids.push_back(stored.id);
  }
  // The codes of the plan kept last, a few, to recognise it by.
  const std::vector<std::string>& codes = kept->back().indicator_codes;
  std::string some_codes;
  for (std::size_t code_idx = 0; code_idx < codes.size() && code_idx < 3; ++code_idx)
    some_codes += (code_idx > 0 ? ", " : "") + codes[code_idx];
  if (codes.size() > 3) some_codes += ", …";
  std::string kept_ids;
  for (const std::string& id : ids) kept_ids += (kept_ids.empty() ? "" : ", ") + ("\"" + id + "\"");
  Error error = make_error(
      ErrorKind::bad_input,
      fmt::format("{} lưu số liệu của kế hoạch {} (chỉ tiêu {}), không có chỉ tiêu nào chung với kế hoạch "
                  "\"{}\" ({}) đã cho: hãy chọn đúng cơ sở dữ liệu (--db) hoặc kế hoạch (--plan).",
                  db_name, kept_ids, some_codes, plan.id, plan.name_vi),
      fmt::format("{} keeps the values of plan {} (indicators {}), which shares no indicator with the plan given, "
                  "\"{}\" ({}): choose the right database (--db) or plan (--plan).",
                  db_name, kept_ids, some_codes, plan.id, plan.name_en.empty() ? plan.name_vi : plan.name_en));
  error.field = "plan";
  return error;
}

}  // namespace chiso::service
