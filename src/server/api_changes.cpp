// The change trail (service/change_trail.h): GET /api/changes as JSON a page
// at a time, and GET /api/changes.csv, the same rows for Excel.
#include <fmt/core.h>

#include "plan/period.h"
#include "report/csv_field.h"
#include "server/api_detail.h"
#include "service/change_trail.h"

namespace chiso::server::detail {
namespace {

// The query of the request as a TrailQuery; `unit` and `period` as the
// paths take them (a number or a name; a period as people write it).
Result<service::TrailQuery> trail_query(Call& call, int default_limit) {
  service::TrailQuery query;
  query.limit = default_limit;
  const auto& params = call.request.query;
  auto param = [&](const char* name) {
    auto found = params.find(name);
    return found != params.end() ? found->second : std::string();
  };
  if (!param("period").empty()) {
    call.params["period"] = param("period");
    auto period = path_period(call);
    if (!period) return period.error();
    query.period = *period;
  }
  if (!param("unit").empty()) {
    call.params["unit"] = param("unit");
    auto unit = path_unit(call);
    if (!unit) return unit.error();
    query.unit = (*unit)->name;
  }
  query.indicator = param("indicator");
  if (!query.indicator.empty() && call.shared.plan->indicator_index(query.indicator) < 0) {
    Error error = make_error(ErrorKind::bad_input, fmt::format("Kế hoạch không có chỉ tiêu '{}'.", query.indicator),
                             fmt::format("The plan has no indicator '{}'.", query.indicator));
    error.field = "indicator";
    return error;
  }
  query.user = param("user");
  query.from = param("from");
  query.to = param("to");
  if (const std::string after_id = param("after_id"); !after_id.empty()) {
    if (after_id.size() > 15 || after_id.find_first_not_of("0123456789") != std::string::npos) {
      Error error = make_error(ErrorKind::bad_input, "after_id phải là một số.", "after_id must be a number.");
      error.field = "after_id";
      return error;
    }
    query.after_id = std::stoll(after_id);
  }
  if (const std::string order = param("order"); !order.empty()) {
    if (order != "oldest" && order != "newest") {
      Error error = make_error(ErrorKind::bad_input,
                               fmt::format("Thứ tự '{}' không hợp lệ; cần oldest (cũ trước) hoặc newest (mới trước).",
                                           order),
                               fmt::format("The order '{}' is not valid; expected oldest or newest.", order));
      error.field = "order";
      return error;
    }
    query.newest_first = order == "newest";
  }
  if (const std::string limit = param("limit"); !limit.empty()) {
    query.limit = limit.size() <= 6 && limit.find_first_not_of("0123456789") == std::string::npos ? std::stoi(limit) : 0;
  }
  return query;
}

nlohmann::json entry_json(const service::TrailEntry& entry) {
  const Change& change = entry.change;
  const bool state_move = change.indicator.empty();
  return {{"id", entry.id},
          {"at", change.changed_at_utc},
          {"user", change.author},
          {"period", change.period},
          {"unit", entry.unit_id ? nlohmann::json(*entry.unit_id) : nlohmann::json(nullptr)},
          {"unit_name", change.unit},
          {"indicator", change.indicator},
          {"old", state_move ? change.old_state : change.old_raw},
          {"new", state_move ? change.new_state : change.new_raw},
          {"source", entry.source},
          {"version", change.new_version},
          {"state", entry.state},
          {"comment", change.comment}};
}

}  // namespace

Response list_changes(Call& call) {
  auto query = trail_query(call, 100);
  if (!query) return error_response(query.error());
  auto trail = service::change_trail(*call.shared.plan, call.store(), *query);
  if (!trail) return error_response(trail.error());
  nlohmann::json changes = nlohmann::json::array();
  for (const service::TrailEntry& entry : trail->entries) changes.push_back(entry_json(entry));
  return ok_json({{"changes", std::move(changes)},
                  {"next_after_id", trail->next_after_id > 0 ? nlohmann::json(trail->next_after_id)
                                                             : nlohmann::json(nullptr)}});
}

Response changes_csv(Call& call) {
  auto query = trail_query(call, service::kTrailLimitMax);
  if (!query) return error_response(query.error());
  auto trail = service::change_trail(*call.shared.plan, call.store(), *query);
  if (!trail) return error_response(trail.error());
  // Vietnamese Excel: ';' between fields, UTF-8 with a BOM, CRLF.
  constexpr char delimiter = ';';
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
      if (field_idx > 0) out += delimiter;
      report::append_csv_field(out, fields[field_idx], delimiter);
    }
    out += "\r\n";
  };
  line({"Mã", "Thời điểm (UTC)", "Người sửa", "Kỳ báo cáo", "Đơn vị", "Chỉ tiêu", "Giá trị cũ", "Giá trị mới",
        "Nguồn", "Phiên bản", "Trạng thái", "Ý kiến"});
  for (const service::TrailEntry& entry : trail->entries) {
    const Change& change = entry.change;
    const bool state_move = change.indicator.empty();
    // What people typed (values, names, comments) could start a formula
    // in Excel: defused; ids, times and versions are the server's own.
    using report::defuse_formula;
    line({std::to_string(entry.id), change.changed_at_utc, defuse_formula(change.author),
          period_text_vi(change.period), defuse_formula(change.unit), change.indicator,
          defuse_formula(state_move ? change.old_state : change.old_raw),
          defuse_formula(state_move ? change.new_state : change.new_raw),
          defuse_formula(entry.source), std::to_string(change.new_version), entry.state,
          defuse_formula(change.comment)});
  }
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(out);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"chiso-thay-doi.csv\"");
  return response;
}

}  // namespace chiso::server::detail
