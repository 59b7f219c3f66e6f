#include "check/value_jump.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/number.h"

namespace chiso::check {

void check_value_jumps(const Plan& plan, const UnitRow& row, std::span<const EarlierValues> earlier,
                       const std::string& file, std::vector<Finding>& out) {
  const double ratio = plan.value_jump_ratio;
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size() && indicator_idx < row.values.size();
       ++indicator_idx) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    const Value& value = row.values[indicator_idx];
    if (indicator.kind == IndicatorKind::mark || value.state != ValueState::number) continue;
    std::optional<double> lowest, highest;
    for (const EarlierValues& period : earlier) {
      if (indicator_idx >= period.values.size()) continue;
      const Value& before = period.values[indicator_idx];
      if (before.state != ValueState::number) continue;
      lowest = std::min(lowest.value_or(before.number), before.number);
      highest = std::max(highest.value_or(before.number), before.number);
    }
    if (!highest || *highest <= 0) continue;
    const bool above = value.number > *highest * ratio;
    const bool below = *lowest > 0 && value.number < *lowest / ratio;
    if (!above && !below) continue;
    auto figure = [&](double number, Lang lang) { return number::format_trimmed(number, indicator.decimals, lang); };
    auto range = [&](Lang lang) {
      return *lowest == *highest ? figure(*lowest, lang)
                                 : figure(*lowest, lang) + " – " + figure(*highest, lang);
    };
    Finding finding;
    finding.severity = Severity::warning;
    finding.rule_id = "value.jump";
    finding.unit = row.unit_name.empty() ? row.raw_name : row.unit_name;
    finding.row = row.row_number;
    finding.indicator = indicator.code;
    finding.raw = value.raw;
    finding.file = file;
    finding.pos = value.pos.col_idx != 0 ? value.pos : row.pos;
    finding.period = row.period;
    finding.message_vi = fmt::format("Giá trị {} khác xa các kỳ trước ({}).", figure(value.number, Lang::vi),
                                     range(Lang::vi));
    finding.message_en = fmt::format("The value {} is far from the earlier periods ({}).",
                                     figure(value.number, Lang::en), range(Lang::en));
    finding.hint_vi = "Kiểm tra lại số đã gõ; nếu đúng, ghi giải thích khi nộp.";
    finding.hint_en = "Check the figure typed; if it is right, explain it when submitting.";
    out.push_back(std::move(finding));
  }
}

}  // namespace chiso::check
