// A table uploaded as XLSX, DOCX, CSV or TSV bytes, read by the same reader
// as `chiso import` (service::import_input, from bytes): only the units in
// it change. A reporter may upload only their own units' rows.
#include <fmt/core.h>

#include <set>

#include "server/api_detail.h"
#include "service/check_input.h"
#include "service/import_input.h"

namespace chiso::server::detail {

Response upload(Call& call) {
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  if (call.request.body.empty()) {
    return error_response(400, "bad_input", "Không có tệp: nội dung yêu cầu trống.",
                          "No file: the request body is empty.");
  }
  std::string name = "upload";
  if (auto given = call.request.query.find("name"); given != call.request.query.end() && !given->second.empty())
    name = given->second;
  const Plan& plan = *call.shared.plan;
  service::Input input{"", name, std::string_view(call.request.body)};

  // Read first without keeping: which periods and units the table holds.
  service::CheckOptions options;
  options.default_period = *period;
  options.kept_min_severity = Severity::error;
  options.findings_kept_max = 0;
  auto checked = service::check_input(plan, call.shared.compiled, input, options);
  if (!checked) return error_response(checked.error());
  for (const auto& [row_period, rows] : checked->scan.rows_by_period) {
    if (row_period != *period) {
      Error error = make_error(
          ErrorKind::bad_input,
          fmt::format("{}: có dòng của kỳ {}, không phải kỳ {} của địa chỉ tải lên.", name, row_period, *period),
          fmt::format("{}: it has rows of period {}, not the period {} of the upload address.", name, row_period,
                      *period));
      error.field = "period";
      return error_response(error);
    }
  }
  const User& user = call.session->user;
  if (user.role == Role::reporter) {
    std::set<std::string> own(user.units.begin(), user.units.end());
    std::set<std::string> others;
    for (const UnitRow& row : checked->table.rows) {
      const std::string& unit = row.unit_name.empty() ? row.raw_name : row.unit_name;
      if (!own.count(unit)) others.insert(unit);
    }
    if (!others.empty()) {
      std::string names;
      for (const std::string& other : others) names += (names.empty() ? "" : ", ") + other;
      return forbidden(fmt::format("Tài khoản {} không báo cáo cho: {}.", user.name, names),
                       fmt::format("The account {} does not report for: {}.", user.name, names));
    }
  }

  service::ImportRequest request;
  request.period = checked->scan.has_period_column ? "" : *period;
  request.author = user.name;
  auto imported = service::import_input(plan, call.shared.compiled, call.store(), input, request);
  if (!imported) return error_response(imported.error());
  const service::ScanResult& scan = imported->scan;
  nlohmann::json periods = nlohmann::json::object();
  for (const auto& [stored_period, done] : imported->periods) {
    periods[stored_period] = {{"new", done.new_count},         {"changed", done.changed_count},
                              {"unchanged", done.unchanged_count}, {"kept", done.kept_count},
                              {"new_units", done.new_units},    {"changed_units", done.changed_units},
                              {"text", service::describe(done, false)}, {"text_en", service::describe(done, true)}};
  }
  return ok_json({{"file", {{"name", scan.file.name}, {"sha256", scan.file.sha256_hex}, {"size", scan.file.size_bytes}}},
                  {"rows", scan.row_count},
                  {"errors", scan.error_count},
                  {"warnings", scan.warning_count},
                  {"periods", std::move(periods)}});
}

}  // namespace chiso::server::detail
