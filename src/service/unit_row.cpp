#include "service/unit_row.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "check/checker.h"
#include "common/limits.h"
#include "plan/binding.h"

namespace chiso::service {

Result<CheckedUnitRow> check_unit_row(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                      const UnitRowInput& input) {
  int unit_idx = plan.unit_index(input.unit);
  if (unit_idx < 0) {
    UnitMatcher matcher(plan);
    unit_idx = matcher.match(input.unit);
  }
  if (unit_idx < 0)
    return make_error(ErrorKind::not_found, "Đơn vị '" + input.unit + "' không có trong kế hoạch.",
                      "Unit '" + input.unit + "' is not in the plan.");
  for (const auto& [code, raw] : input.raw_by_code) {
    if (plan.indicator_index(code) < 0)
      return make_error(ErrorKind::bad_input, "Kế hoạch không có chỉ tiêu '" + code + "'.",
                        "The plan has no indicator '" + code + "'.");
    if (raw.size() > limits::cell_bytes_max)
      return make_error(ErrorKind::bad_input,
                        fmt::format("Ô {} dài {} byte, quá giới hạn {} byte.", code, raw.size(), limits::cell_bytes_max),
                        fmt::format("Cell {} is {} bytes long, over the limit of {} bytes.", code, raw.size(),
                                    limits::cell_bytes_max));
  }
  CheckedUnitRow checked;
  UnitRow& row = checked.row;
  const UnitDef& unit = plan.units[static_cast<std::size_t>(unit_idx)];
  row.unit_name = unit.name;
  row.raw_name = unit.name;
  row.unit_idx = unit_idx;
  row.period = input.period;
  row.values.resize(plan.indicators.size());
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    auto raw = input.raw_by_code.find(indicator.code);
    // A typed cell has no place in a file: column = its indicator's position.
    CellPos pos{0, 0, static_cast<int>(indicator_idx) + 1};
    row.values[indicator_idx] =
        parse_value(indicator, raw != input.raw_by_code.end() ? std::string_view(raw->second) : std::string_view(), pos);
  }
  check::TableChecker checker(plan, std::move(compiled), "");
  checker.check_row_alone(row, checked.findings);
  check::check_value_jumps(plan, row, input.earlier, "", checked.findings);
  return checked;
}

Result<UnitRowSaved> save_checked_row(const Plan& plan, Store& store, CheckedUnitRow checked,
                                      const UnitRowSave& save) {
  if (save.state == SubmissionState::submitted) {
    std::string errors_vi, errors_en;
    int error_count = 0;
    for (const Finding& finding : checked.findings) {
      if (finding.severity != Severity::error) continue;
      ++error_count;
      errors_vi += "\n- " + finding.message_vi;
      errors_en += "\n- " + finding.message_en;
    }
    if (error_count > 0)
      return make_error(ErrorKind::bad_input,
                        fmt::format("Chưa nộp được: còn {} lỗi.{}", error_count, errors_vi),
                        fmt::format("Not submitted: {} errors remain.{}", error_count, errors_en));
  }
  UnitWrite write;
  write.period = checked.row.period;
  write.row = std::move(checked.row);  // given back in the result
  write.findings = std::move(checked.findings);
  write.based_on_version = save.based_on_version;
  write.state = save.state;
  write.provenance = save.provenance;
  auto written = store.write_unit(plan, write);
  if (!written) {
    Error error = written.error();
    if (error.kind == ErrorKind::conflict) {
      // The current values, for the page to show beside the ones typed.
      auto current = store.load_unit(plan, write.row.period, write.row.unit_name);
      nlohmann::json detail = {{"version", 0}, {"state", nullptr}, {"values", nlohmann::json::object()}};
      if (current) {
        detail["version"] = current->version;
        detail["state"] = submission_state_name(current->state);
        for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
          const Value& value = current->row.values[indicator_idx];
          if (value.state != ValueState::blank) detail["values"][plan.indicators[indicator_idx].code] = value.raw;
        }
      }
      error.detail = detail.dump();
    }
    return error;
  }
  return UnitRowSaved{written->version, written->changed, std::move(write.row), std::move(write.findings)};
}

Result<UnitRowSaved> record_unit_row(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                     Store& store, const UnitRowInput& input, const UnitRowSave& save) {
  auto checked = check_unit_row(plan, std::move(compiled), input);
  if (!checked) return checked.error();
  return save_checked_row(plan, store, std::move(checked).value(), save);
}

}  // namespace chiso::service
