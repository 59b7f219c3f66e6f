// An indicator's line over the stored periods (issue 15 §3): the city-wide
// figure of each period of one kind and, asked for a unit, the unit's own
// line beside it, which after a reorganisation follows its successors and
// names every unit as it was named in each period. The JSON is what `chiso
// trend --format json` prints (service/trend_json.h).
#include <fmt/core.h>

#include "plan/period.h"
#include "server/api_detail.h"
#include "service/trend_json.h"
#include "service/unit_trend.h"

namespace chiso::server::detail {
namespace {

Error bad_parameter(const std::string& field, const std::string& message_vi, const std::string& message_en) {
  Error error = make_error(ErrorKind::bad_input, message_vi, message_en);
  error.field = field;
  return error;
}

}  // namespace

// GET /api/trend?indicator=CODE[&unit=UNIT][&period_kind=KIND]. KIND is
// month, quarter, half or year; none: the kind of the latest stored period.
// UNIT as in the path of a unit's row (its number or a name). For staff
// only: a trend reads every stored period, locked or not.
Response trend(Call& call) {
  const Plan& plan = *call.shared.plan;
  const auto& params = call.request.query;
  auto indicator = params.find("indicator");
  if (indicator == params.end() || indicator->second.empty()) {
    return error_response(bad_parameter("indicator", "Cần tham số indicator: mã một chỉ tiêu của kế hoạch.",
                                        "The indicator parameter is needed: the code of one of the plan's indicators."));
  }
  if (plan.indicator_index(indicator->second) < 0) {
    return error_response(bad_parameter("indicator", fmt::format("Kế hoạch không có chỉ tiêu '{}'.", indicator->second),
                                        fmt::format("The plan has no indicator '{}'.", indicator->second)));
  }
  std::optional<PeriodKind> kind;
  if (auto asked = params.find("period_kind"); asked != params.end()) {
    kind = period_kind_from_name(asked->second);
    if (!kind) {
      return error_response(bad_parameter(
          "period_kind", fmt::format("Loại kỳ '{}' không có; cần month, quarter, half hoặc year.", asked->second),
          fmt::format("'{}' is no period kind; expected month, quarter, half or year.", asked->second)));
    }
  }
  auto unit_param = params.find("unit");
  if (unit_param == params.end()) {
    auto city = service::trend_of_kind(plan, call.store(), indicator->second, kind);
    if (!city) return error_response(city.error());
    return json_response(200, service::trend_json(indicator->second, *city, -1));
  }
  call.params["unit"] = unit_param->second;
  auto unit = path_unit(call);
  if (!unit) return error_response(unit.error());
  auto lines = service::unit_trend_of_kind(plan, call.store(), indicator->second, (*unit)->name, kind);
  if (!lines) return error_response(lines.error());
  return json_response(200, service::unit_trend_json(plan, indicator->second, lines->city, lines->unit, -1));
}

}  // namespace chiso::server::detail
