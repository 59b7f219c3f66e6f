// The commands that read the store or the plan: periods, units, history,
// trend, rank, plan-check. (Charts: chart_commands.cpp, in chiso-publish.)
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "check/checker.h"
#include "cli/commands.h"
#include "common/number.h"
#include "common/text.h"
#include "consolidate/analysis.h"
#include "consolidate/published_values.h"
#include "plan/binding.h"
#include "plan/period.h"

namespace chiso::cli {
namespace {

// Display width of UTF-8 text in a terminal: code points (the text is NFC).
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

// Prints rows as aligned columns, the header underlined.
void print_columns(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size());
  for (std::size_t col = 0; col < header.size(); ++col) widths[col] = display_width(header[col]);
  for (const auto& row : rows) {
    for (std::size_t col = 0; col < row.size() && col < widths.size(); ++col) {
      widths[col] = std::max(widths[col], display_width(row[col]));
    }
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t col = 0; col < row.size(); ++col) {
      line += row[col];
      if (col + 1 < row.size()) line += std::string(widths[col] - display_width(row[col]) + 2, ' ');
    }
    fmt::print("{}\n", line);
  };
  print_row(header);
  std::size_t total = 0;
  for (auto width : widths) total += width + 2;
  fmt::print("{}\n", std::string(total > 2 ? total - 2 : 0, '-'));
  for (const auto& row : rows) print_row(row);
}

void print_trend_json(const std::vector<TrendPoint>& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& point : points) {
    out.push_back({{"period", point.period},
                   {"value", point.value ? nlohmann::json(*point.value) : nlohmann::json()},
                   {"units_reporting", point.units_reporting}});
  }
  fmt::print("{}\n", out.dump(1));
}

}  // namespace

int run_periods(Context& ctx) {
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto periods = (*store)->periods();
  if (!periods) return fail(exit_usage, periods.error().message);
  if (periods->empty()) {
    fmt::print("{}", ctx.tr("Chưa có kỳ nào trong {}.\n", "No period stored in {} yet.\n",
               ctx.options().db_path));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& info : *periods) {
    rows.push_back({info.period, std::to_string(info.submission_version),
                    std::to_string(info.unit_count), std::to_string(info.error_count),
                    std::to_string(info.warning_count), info.imported_at_utc, info.source_file});
  }
  if (ctx.english()) {
    print_columns({"Period", "Version", "Units", "Errors", "Warnings", "Imported (UTC)", "File"},
                  rows);
  } else {
    print_columns({"Kỳ", "Lần nộp", "Đơn vị", "Lỗi", "Cảnh báo", "Nhập lúc (UTC)", "Tệp"}, rows);
  }
  return exit_ok;
}

int run_units(Context& ctx) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  std::map<std::string, int> reported;
  if (auto store = ctx.store()) {
    if (auto units = (*store)->units()) {
      for (const auto& unit : *units) reported[unit.name] = unit.periods_reported;
    }
  }
  auto kind_name = [&](UnitKind kind) -> std::string {
    switch (kind) {
      case UnitKind::department: return ctx.say("sở, ngành", "department");
      case UnitKind::district: return ctx.say("quận, huyện", "district");
      case UnitKind::agency: return ctx.say("cơ quan trung ương", "agency");
    }
    return "";
  };
  std::vector<std::vector<std::string>> rows;
  int position = 0;
  for (const auto& unit : (*plan)->units) {
    auto found = reported.find(unit.name);
    rows.push_back({std::to_string(++position), unit.name, unit.short_name, kind_name(unit.kind),
                    std::to_string(found == reported.end() ? 0 : found->second)});
  }
  if (ctx.english()) {
    print_columns({"No.", "Unit", "Short name", "Kind", "Periods stored"}, rows);
  } else {
    print_columns({"STT", "Đơn vị", "Tên ngắn", "Loại", "Số kỳ đã lưu"}, rows);
  }
  return exit_ok;
}

int run_history(Context& ctx, const std::string& period_text, const std::string& unit) {
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto period = ctx.period(period_text);
  if (!period) return fail(exit_usage, period.error().message);
  // The unit as the user typed it ("Sở Y Tế", "UBND huyện Thuỷ Nguyên") is
  // matched to its registered name, the one the store keeps.
  std::string unit_name = unit;
  if (!unit.empty()) {
    if (auto plan = ctx.plan()) {
      UnitMatcher matcher(**plan);
      int unit_idx = matcher.match(unit);
      if (unit_idx >= 0) unit_name = (*plan)->units[static_cast<std::size_t>(unit_idx)].name;
    }
  }
  auto changes = (*store)->history(*period, unit_name);
  if (!changes) return fail(exit_usage, changes.error().message);
  if (changes->empty()) {
    fmt::print("{}", ctx.tr("Kỳ {}: không có thay đổi nào giữa các lần nộp.\n",
                       "Period {}: nothing changed between submissions.\n",
               *period));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& change : *changes) {
    rows.push_back({fmt::format("{}→{}", change.old_version, change.new_version), change.unit,
                    change.indicator, change.old_raw.empty() ? "(trống)" : change.old_raw,
                    change.new_raw.empty() ? "(trống)" : change.new_raw, change.changed_at_utc,
                    change.source_file});
  }
  if (ctx.english()) {
    print_columns({"Versions", "Unit", "Indicator", "Old", "New", "When (UTC)", "File"}, rows);
  } else {
    print_columns({"Lần nộp", "Đơn vị", "Chỉ số", "Cũ", "Mới", "Lúc (UTC)", "Tệp"}, rows);
  }
  return exit_ok;
}

int run_trend(Context& ctx, const std::string& indicator, const std::string& format) {
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto points = (*store)->trend(indicator);
  if (!points) return fail(exit_usage, points.error().message);
  // The stored city-wide figures are all JSON needs: a national plan of
  // 10,000 units is read only when there is something to label or draw.
  const bool has_data = std::any_of(points->begin(), points->end(),
                                    [](const TrendPoint& point) { return point.units_reporting > 0; });
  if (format == "json" && has_data) {
    print_trend_json(*points);
    return exit_ok;
  }
  auto found = ctx.indicator(indicator);
  if (!found) return fail(exit_usage, found.error().message);
  const Indicator& ind = **found;
  if (format == "json") {
    print_trend_json(*points);
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& point : *points) {
    rows.push_back({point.period,
                    point.value ? number::format_vi(*point.value, ind.decimals) : "—",
                    std::to_string(point.units_reporting)});
  }
  fmt::print("{}\n", ctx.english() ? ind.label_en : ind.label_vi);
  if (ctx.english()) {
    print_columns({"Period", "City-wide", "Units reporting"}, rows);
  } else {
    print_columns({"Kỳ", "Toàn thành phố", "Số đơn vị báo cáo"}, rows);
  }
  return exit_ok;
}

int run_rank(Context& ctx, const std::string& period_text, const std::string& indicator,
             const std::string& format) {
  auto found = ctx.indicator(indicator);
  if (!found) return fail(exit_usage, found.error().message);
  const Indicator& ind = **found;
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  auto period = ctx.period(period_text);
  if (!period) return fail(exit_usage, period.error().message);
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto table = (*store)->load_period(**plan, *period);
  if (!table) return fail(exit_usage, table.error().message);
  // Ranked on the published values: shares from the counts.
  Ranking ranking = rank_units(**plan, with_published_values(**plan, *table), indicator);
  if (format == "json") {
    nlohmann::json out = {{"period", *period},
                          {"indicator", indicator},
                          {"lower_is_better", ranking.lower_is_better},
                          {"ranked", nlohmann::json::array()},
                          {"not_reported", ranking.not_reported},
                          {"not_applicable", ranking.not_applicable},
                          {"in_error", nlohmann::json::array()}};
    for (const RankEntry& entry : ranking.in_error) {
      out["in_error"].push_back({{"unit", entry.unit},
                                 {"value", entry.value ? nlohmann::json(*entry.value) : nlohmann::json()}});
    }
    for (const RankEntry& entry : ranking.ranked) {
      out["ranked"].push_back({{"rank", entry.rank},
                               {"unit", entry.unit},
                               {"value", entry.value ? nlohmann::json(*entry.value) : nlohmann::json()}});
    }
    fmt::print("{}\n", out.dump(1));
    return exit_ok;
  }
  fmt::print("{} — {}\n", ctx.english() && !ind.label_en.empty() ? ind.label_en : ind.label_vi,
             *period);
  std::vector<std::vector<std::string>> rows;
  for (const RankEntry& entry : ranking.ranked) {
    rows.push_back({std::to_string(entry.rank), entry.unit,
                    entry.value ? number::format(*entry.value, ind.decimals,
                                                 ctx.english() ? number::Lang::en : number::Lang::vi)
                                : ""});
  }
  if (ctx.english()) {
    print_columns({"Rank", "Unit", "Value"}, rows);
  } else {
    print_columns({"Hạng", "Đơn vị", "Giá trị"}, rows);
  }
  if (!ranking.not_reported.empty()) {
    std::string names;
    for (const std::string& name : ranking.not_reported) names += (names.empty() ? "" : ", ") + name;
    fmt::print("{}", ctx.tr("Không xếp hạng (không báo cáo): {}\n",
                            "Not ranked (not reported): {}\n", names));
  }
  // Listed apart by consolidate/value_standing.h: never silently dropped.
  if (!ranking.not_applicable.empty()) {
    std::string names;
    for (const std::string& name : ranking.not_applicable) names += (names.empty() ? "" : ", ") + name;
    fmt::print("{}", ctx.tr("Không xếp hạng (không áp dụng: không có số liệu để tính tỷ lệ): {}\n",
                            "Not ranked (not applicable: nothing to take a share of): {}\n", names));
  }
  if (!ranking.in_error.empty()) {
    std::string names;
    for (const RankEntry& entry : ranking.in_error) names += (names.empty() ? "" : ", ") + entry.unit;
    fmt::print("{}", ctx.tr("Không xếp hạng (số liệu có lỗi): {}\n",
                            "Not ranked (the figures have errors): {}\n", names));
  }
  return exit_ok;
}

int run_plan_check(Context& ctx) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  fmt::print("{}", ctx.tr("Kế hoạch {} hợp lệ: {} chỉ số, {} quy tắc, {} đơn vị, {} mục tiêu.\n",
                     "Plan {} is valid: {} indicators, {} rules, {} units, {} targets.\n",
             (*plan)->id, (*plan)->indicators.size(), (*plan)->rules.size(), (*plan)->units.size(),
             (*plan)->targets.size()));
  return exit_ok;
}

}  // namespace chiso::cli
