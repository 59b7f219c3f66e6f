// The commands that read the store or the plan: periods, units, history,
// trend, rank, plan-check. (Charts: chart_commands.cpp, in chiso-publish.)
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "check/checker.h"
#include "cli/columns.h"
#include "cli/commands.h"
#include "common/number.h"
#include "common/text.h"
#include "consolidate/analysis.h"
#include "plan/binding.h"
#include "plan/period.h"
#include "service/history_json.h"
#include "service/period_table.h"
#include "service/plan_outline.h"
#include "service/trend_json.h"
#include "service/unit_trend.h"
#include "service/user_units.h"

namespace chiso::cli {
namespace {

std::string kind_words(const Context& ctx, PeriodKind kind) {
  return std::string(ctx.english() ? period_kind_words_en(kind) : period_kind_words_vi(kind));
}

}  // namespace

int run_periods(Context& ctx) {
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto periods = (*store)->periods();
  if (!periods) return ctx.fail(periods.error(), exit_usage);
  if (periods->empty()) {
    fmt::print("{}", ctx.tr("Chưa có kỳ nào trong {}.\n", "No period stored in {} yet.\n",
               db_display_name(ctx.options().db_path)));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& info : *periods) {
    std::string state = info.state == PeriodState::locked ? ctx.say("đã khoá", "locked") : ctx.say("mở", "open");
    rows.push_back({ctx.period_text(info.period), info.period, state,
                    std::to_string(info.unit_count), std::to_string(info.submission_count),
                    std::to_string(info.error_count), std::to_string(info.warning_count),
                    info.last_change_utc, info.last_source});
  }
  if (ctx.english()) {
    print_columns({"Period", "Code", "State", "Units", "Versions", "Errors", "Warnings",
                   "Last change (UTC)", "Source"},
                  rows);
  } else {
    print_columns({"Kỳ", "Mã", "Trạng thái", "Đơn vị", "Lần nộp", "Lỗi", "Cảnh báo",
                   "Thay đổi gần nhất (UTC)", "Nguồn"},
                  rows);
  }
  return exit_ok;
}

int run_units(Context& ctx) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  std::map<std::string, int> reported;
  if (auto store = ctx.existing_store()) {
    if (auto units = (*store)->units()) {
      for (const auto& unit : *units) reported[unit.name] = unit.periods_reported;
    }
  }
  const Plan& units_plan = **plan;
  auto kind_name = [&](UnitKind kind) -> std::string {
    if (!units_plan.unit_kinds.empty()) {  // the plan's own kinds
      const auto kind_idx = static_cast<size_t>(kind);
      if (kind_idx >= units_plan.unit_kinds.size()) return "";
      const UnitKindDef& def = units_plan.unit_kinds[kind_idx];
      return ctx.say(def.label_vi.c_str(), (def.label_en.empty() ? def.id : def.label_en).c_str());
    }
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

namespace {

std::string state_word(const Context& ctx, std::string_view state) {
  if (state == "draft") return ctx.say("nháp", "draft");
  if (state == "submitted") return ctx.say("đã nộp", "submitted");
  if (state == "returned") return ctx.say("trả lại", "returned");
  if (state == "approved") return ctx.say("đã duyệt", "approved");
  if (state == "withdrawn") return ctx.say("đã rút", "withdrawn");
  return std::string(state);
}

// The unit as the user typed it ("Sở Y Tế", "UBND huyện Thuỷ Nguyên") matched
// to its registered name, the one the store keeps; as typed when unmatched.
std::string registered_name(Context& ctx, const std::string& typed) {
  if (typed.empty()) return typed;
  if (auto plan = ctx.plan()) {
    UnitMatcher matcher(**plan);
    int unit_idx = matcher.match(typed);
    if (unit_idx >= 0) return (*plan)->units[static_cast<std::size_t>(unit_idx)].name;
  }
  return typed;
}

}  // namespace

int run_history(Context& ctx, const HistoryArgs& args) {
  auto period = ctx.period(args.period);
  if (!period) return ctx.fail(period.error(), exit_usage);
  if (!args.indicator.empty())
    if (auto found = ctx.indicator(args.indicator); !found)
      return ctx.fail(found.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  HistoryQuery query;
  query.unit = registered_name(ctx, args.unit);
  query.indicator = args.indicator;
  query.first_versions = args.all;
  auto changes = (*store)->history(*period, query);
  if (!changes) return ctx.fail(changes.error(), exit_usage);
  if (args.format == "json") {
    fmt::print("{}\n", service::changes_json(*changes, 1));
    return exit_ok;
  }
  if (changes->empty()) {
    fmt::print("{}", ctx.tr("{}: không có thay đổi nào.\n", "{}: nothing changed.\n",
                            ctx.period_text(*period)));
    return exit_ok;
  }
  const std::string blank = ctx.say("(trống)", "(blank)");
  std::vector<std::vector<std::string>> rows;
  for (const auto& change : *changes) {
    std::string what, old_text, new_text;
    if (!change.indicator.empty()) {
      what = change.indicator;
      old_text = change.old_raw.empty() ? blank : change.old_raw;
      new_text = change.new_raw.empty() ? blank : change.new_raw;
    } else {
      what = ctx.say("trạng thái", "state");
      old_text = change.old_state.empty() ? ctx.say("(chưa có)", "(none)") : state_word(ctx, change.old_state);
      new_text = state_word(ctx, change.new_state);
    }
    std::string versions = change.old_version == change.new_version
                               ? std::to_string(change.new_version)
                               : fmt::format("{}→{}", change.old_version, change.new_version);
    rows.push_back({versions, change.unit, what, old_text, new_text, change.author, change.changed_at_utc,
                    change.source, change.comment});
  }
  if (ctx.english()) {
    print_columns({"Version", "Unit", "Indicator", "Old", "New", "Who", "When (UTC)", "Source", "Comment"}, rows);
  } else {
    print_columns({"Lần nộp", "Đơn vị", "Chỉ số", "Cũ", "Mới", "Ai", "Lúc (UTC)", "Nguồn", "Ghi chú"}, rows);
  }
  return exit_ok;
}

int run_status(Context& ctx, const std::string& period_typed, const std::string& format) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  auto period = ctx.period(period_typed);
  if (!period) return ctx.fail(period.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto statuses = (*store)->status(**plan, *period);
  if (!statuses) return ctx.fail(statuses.error(), exit_usage);
  if (format == "json") {
    nlohmann::json out = {{"period", *period}, {"units", nlohmann::json::array()}};
    for (const UnitStatus& status : *statuses) {
      nlohmann::json unit = {{"unit", status.unit}, {"registered", status.registered}, {"reported", status.reported}};
      if (status.version > 0) {
        unit["version"] = status.version;
        unit["state"] = submission_state_name(status.state);
        unit["at_utc"] = status.written_at_utc;
        unit["author"] = status.author;
        unit["source"] = status.source;
        unit["errors"] = status.error_count;
        unit["warnings"] = status.warning_count;
      }
      out["units"].push_back(std::move(unit));
    }
    fmt::print("{}\n", out.dump(1));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> missing;
  int position = 0, reported = 0;
  for (const UnitStatus& status : *statuses) {
    if (!status.reported) missing.push_back(status.unit);
    if (status.reported) ++reported;
    std::string state = status.version == 0 ? ctx.say("chưa nộp", "not reported")
                                            : state_word(ctx, submission_state_name(status.state));
    if (!status.registered) state += ctx.say(" (không có trong kế hoạch)", " (not in the plan)");
    rows.push_back({std::to_string(++position), status.unit, state,
                    status.version > 0 ? std::to_string(status.version) : "", status.written_at_utc, status.source,
                    status.version > 0 ? std::to_string(status.error_count) : "",
                    status.version > 0 ? std::to_string(status.warning_count) : ""});
  }
  if (ctx.english()) {
    print_columns({"No.", "Unit", "State", "Version", "When (UTC)", "Source", "Errors", "Warnings"}, rows);
  } else {
    print_columns({"STT", "Đơn vị", "Trạng thái", "Lần nộp", "Lúc (UTC)", "Nguồn", "Lỗi", "Cảnh báo"}, rows);
  }
  fmt::print("{}",
             ctx.tr("{}: {} đơn vị đã nộp, {} chưa nộp.\n", "{}: {} units reported, {} not.\n",
                    ctx.period_text(*period), reported, missing.size()));
  return exit_ok;
}

namespace {

// Not found, naming the periods stored, for a trend with no period of its kind.
Error no_period_of_kind(Context& ctx, const service::Trend& trend) {
  std::string stored;
  for (const PeriodsOfKind& other : trend.other_kinds) {
    for (const std::string& period : other.periods)
      stored += (stored.empty() ? "" : "; ") + ctx.period_text(period);
  }
  if (stored.empty()) {
    return make_error(ErrorKind::not_found,
                      fmt::format("chưa có kỳ nào trong {}", db_display_name(ctx.options().db_path)),
                      fmt::format("no period stored in {} yet", db_display_name(ctx.options().db_path)));
  }
  return make_error(ErrorKind::not_found,
                    fmt::format("không có kỳ {} nào đã lưu; các kỳ đã lưu: {}",
                                period_kind_words_vi(trend.kind), stored),
                    fmt::format("no {} period is stored; the stored periods: {}",
                                period_kind_words_en(trend.kind), stored));
}

std::optional<PeriodKind> kind_asked(const TrendArgs& args) {
  if (args.period_kind.empty()) return std::nullopt;
  return period_kind_from_name(args.period_kind);
}

}  // namespace

Result<service::Trend> load_trend(Context& ctx, Store& store, const TrendArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return plan.error();
  auto trend = service::trend_of_kind(**plan, store, args.indicator, kind_asked(args));
  if (!trend || !trend->points.empty()) return trend;
  return no_period_of_kind(ctx, *trend);
}

Result<service::UnitTrendLines> load_unit_trend(Context& ctx, Store& store, const TrendArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return plan.error();
  auto unit = service::registered_unit_names(**plan, {args.unit});
  if (!unit) return unit.error();
  auto lines = service::unit_trend_of_kind(**plan, store, args.indicator, unit->front(), kind_asked(args));
  if (!lines || !lines->city.points.empty()) return lines;
  return no_period_of_kind(ctx, lines->city);
}

int run_trend(Context& ctx, const TrendArgs& args) {
  if (args.format == "svg" || args.format == "png" || args.format == "pdf") {
    return ctx.fail(
        argument_error(
            "--format",
            fmt::format("--format {} vẽ biểu đồ: cần -o TỆP (hoặc -o - cho đầu ra chuẩn)",
                        args.format),
            fmt::format("--format {} draws a chart: it needs -o FILE (or -o - for standard output)",
                        args.format)),
        exit_usage);
  }
  auto found = ctx.indicator(args.indicator);
  if (!found) return ctx.fail(found.error(), exit_usage);
  const Indicator& ind = **found;
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  // The city-wide line, and with --unit the unit's line beside it.
  std::optional<service::Trend> trend;
  std::optional<UnitTrend> unit_line;
  if (args.unit.empty()) {
    auto city = load_trend(ctx, **store, args);
    if (!city) return ctx.fail(city.error(), exit_usage);
    trend = std::move(city).value();
  } else {
    auto lines = load_unit_trend(ctx, **store, args);
    if (!lines) return ctx.fail(lines.error(), exit_usage);
    trend = std::move(lines->city);
    unit_line = std::move(lines->unit);
  }
  if (args.format == "json") {
    auto plan = ctx.plan();
    if (!plan) return ctx.fail(plan.error(), exit_usage);
    fmt::print("{}\n", unit_line ? service::unit_trend_json(**plan, args.indicator, *trend, *unit_line, 1)
                                  : service::trend_json(args.indicator, *trend, 1));
    return exit_ok;
  }
  const Lang lang = ctx.lang();
  std::vector<std::vector<std::string>> rows;
  for (const auto& point : trend->points) {
    std::vector<std::string> row = {ctx.period_text(point.period)};
    if (unit_line) {
      // A successors' figure is marked; a period past the line's end is "—".
      std::string unit_value = "—";
      for (const UnitTrendPoint& own : unit_line->points) {
        if (own.period != point.period) continue;
        if (own.value) unit_value = number::format(*own.value, ind.decimals, lang);
        if (own.of_successors) unit_value += " *";
      }
      row.push_back(std::move(unit_value));
    }
    row.push_back(point.value ? number::format(*point.value, ind.decimals, lang) : "—");
    row.push_back(std::to_string(point.units_reporting));
    rows.push_back(std::move(row));
  }
  fmt::print("{}\n", ctx.english() && !ind.label_en.empty() ? ind.label_en : ind.label_vi);
  std::string kind = kind_words(ctx, trend->kind);
  if (ctx.english() && !kind.empty())
    kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  fmt::print("{}", ctx.tr("Các kỳ {}:\n", "{} periods:\n", kind));
  std::vector<std::string> header = ctx.english()
                                        ? std::vector<std::string>{"Period", "City-wide", "Units reporting"}
                                        : std::vector<std::string>{"Kỳ", "Toàn thành phố", "Số đơn vị báo cáo"};
  if (unit_line) header.insert(header.begin() + 1, unit_line->unit);
  print_columns(header, rows);
  if (unit_line && unit_line->change) {
    const UnitTrendChange& change = *unit_line->change;
    fmt::print("{}{}\n", change.stopped ? "" : "* ", ctx.english() ? change.words_en : change.words_vi);
  }
  for (const PeriodsOfKind& other : trend->other_kinds) {
    std::string names;
    for (const std::string& period : other.periods)
      names += (names.empty() ? "" : "; ") + ctx.period_text(period);
    fmt::print(
        "{}",
        ctx.tr(
            "Cũng đã lưu {0} kỳ {1} (không nối vào đường này; xem bằng --period-kind {3}): {4}\n",
            "Also stored: {0} {1} period{2} (not joined to this line; see them with --period-kind "
            "{3}): {4}\n",
            other.periods.size(), kind_words(ctx, other.kind),
            ctx.english() && other.periods.size() != 1 ? "s" : "", period_kind_name(other.kind),
            names));
  }
  return exit_ok;
}

int run_rank(Context& ctx, const std::string& period_typed, const std::string& indicator,
             const std::string& format) {
  auto found = ctx.indicator(indicator);
  if (!found) return ctx.fail(found.error(), exit_usage);
  const Indicator& ind = **found;
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  auto period = ctx.period(period_typed);
  if (!period) return ctx.fail(period.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  // Ranked on the published values: shares from the counts.
  auto published = service::load_published_table(**plan, **store, *period, /*review=*/false);
  if (!published) return ctx.fail(published.error(), exit_usage);
  Ranking ranking = rank_units(**plan, *published, indicator);
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
             ctx.period_text(*period));
  std::vector<std::vector<std::string>> rows;
  for (const RankEntry& entry : ranking.ranked) {
    rows.push_back({std::to_string(entry.rank), entry.unit,
                    entry.value ? number::format(*entry.value, ind.decimals,
                                                 ctx.lang())
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
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  fmt::print("{}", ctx.tr("Kế hoạch {} hợp lệ: {} chỉ số, {} quy tắc, {} đơn vị, {} mục tiêu.\n",
                     "Plan {} is valid: {} indicators, {} rules, {} units, {} targets.\n",
             (*plan)->id, (*plan)->indicators.size(), (*plan)->rules.size(), (*plan)->units.size(),
             (*plan)->targets.size()));
  return exit_ok;
}

int run_indicators(Context& ctx, const std::string& format) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  auto kind_name = [](IndicatorKind kind) { return word_of(kIndicatorKindWords, kind); };
  auto unit_words = [](IndicatorKind kind) {
    const service::UnitOfMeasure unit = service::unit_of_measure(kind);
    return std::pair<const char*, const char*>(unit.vi, unit.en);
  };
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const Indicator& ind : (*plan)->indicators) {
      out.push_back({{"code", ind.code},
                     {"label_vi", ind.label_vi},
                     {"label_en", ind.label_en},
                     {"unit_vi", unit_words(ind.kind).first},
                     {"unit_en", unit_words(ind.kind).second},
                     {"kind", kind_name(ind.kind)},
                     {"decimals", ind.decimals}});
    }
    fmt::print("{}\n", out.dump(1));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Indicator& ind : (*plan)->indicators) {
    rows.push_back({ind.code, ctx.english() && !ind.label_en.empty() ? ind.label_en : ind.label_vi,
                    ctx.say(unit_words(ind.kind).first, unit_words(ind.kind).second),
                    kind_name(ind.kind)});
  }
  if (ctx.english()) {
    print_columns({"Code", "Indicator", "Unit", "Kind"}, rows);
  } else {
    print_columns({"Mã", "Chỉ tiêu", "Đơn vị tính", "Loại"}, rows);
  }
  return exit_ok;
}

}  // namespace chiso::cli
