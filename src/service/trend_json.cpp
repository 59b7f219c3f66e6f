#include "service/trend_json.h"

#include <nlohmann/json.hpp>

#include "plan/unit_validity.h"

namespace chiso::service {
namespace {

nlohmann::json number_or_null(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json city_line(const std::string& indicator, const Trend& trend) {
  nlohmann::json out = {{"indicator", indicator},
                        {"period_kind", period_kind_name(trend.kind)},
                        {"points", nlohmann::json::array()},
                        {"other_kinds", nlohmann::json::array()}};
  for (const TrendPoint& point : trend.points) {
    out["points"].push_back({{"period", point.period},
                             {"value", number_or_null(point.value)},
                             {"units_reporting", point.units_reporting}});
  }
  for (const PeriodsOfKind& other : trend.other_kinds) {
    out["other_kinds"].push_back({{"period_kind", period_kind_name(other.kind)}, {"periods", other.periods}});
  }
  return out;
}

std::string dumped(const nlohmann::json& out, int indent) {
  return out.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string trend_json(const std::string& indicator, const Trend& trend, int indent) {
  return dumped(city_line(indicator, trend), indent);
}

std::string unit_trend_json(const Plan& plan, const std::string& indicator, const Trend& city,
                            const UnitTrend& line, int indent) {
  nlohmann::json out = city_line(indicator, city);
  out["unit"] = line.unit;
  out["unit_points"] = nlohmann::json::array();
  for (const UnitTrendPoint& point : line.points) {
    nlohmann::json entry = {{"period", point.period},
                            {"value", number_or_null(point.value)},
                            {"of_successors", point.of_successors},
                            {"units", point.units}};
    const std::string& own = unit_name_in(plan, line.unit, -1, point.period);
    if (own != line.unit) entry["name_in_period"] = own;
    std::vector<std::string> in_period;
    bool renamed = false;
    for (const std::string& unit : point.units) {
      in_period.push_back(unit_name_in(plan, unit, -1, point.period));
      renamed = renamed || in_period.back() != unit;
    }
    if (renamed) entry["units_in_period"] = std::move(in_period);
    out["unit_points"].push_back(std::move(entry));
  }
  if (line.change) {
    const UnitTrendChange& change = *line.change;
    out["change"] = {{"period", change.period},
                     {"stopped", change.stopped},
                     {"successors", change.successors},
                     {"message", change.words_vi},
                     {"message_en", change.words_en}};
  }
  return dumped(out, indent);
}

}  // namespace chiso::service
