// The appendix page shared by the DOCX and PDF writers: heading lines, the
// two-level header grid, display rows in plan order, notes and findings.

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "common/limits.h"
#include "common/number.h"
#include "common/text.h"
#include "consolidate/analysis.h"
#include "plan/unit_validity.h"
#include "report/appendix.h"
#include "report/table_model.h"

namespace chiso::report::detail {
namespace {

constexpr const char* kDots = "…";

std::string upper_vi(const std::string& utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  text.toUpper(icu::Locale("vi"));
  std::string out;
  text.toUTF8String(out);
  return out;
}

size_t code_points(const std::string& utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  }));
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

struct Date {
  int year = 0, month = 0, day = 0;
};

// "2025-01-15" (ISO), or "15/01/2025" / "5/1/2025" as Vietnamese offices write it.
std::optional<Date> parse_date(const std::string& text) {
  Date date;
  int consumed = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    for (size_t idx : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (text[idx] < '0' || text[idx] > '9') return std::nullopt;
    }
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &date.year, &date.month, &date.day,
                    &consumed) != 3)
      return std::nullopt;
  } else {
    if (text.size() < 8 || text.size() > 10) return std::nullopt;
    for (char ch : text) {
      if (ch != '/' && (ch < '0' || ch > '9')) return std::nullopt;
    }
    if (std::sscanf(text.c_str(), "%2d/%2d/%4d%n", &date.day, &date.month, &date.year,
                    &consumed) != 3)
      return std::nullopt;
  }
  if (consumed != static_cast<int>(text.size())) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year < 1900 || date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
  int days_max = kDays[date.month - 1] + (date.month == 2 && is_leap(date.year) ? 1 : 0);
  if (date.day > days_max) return std::nullopt;
  return date;
}

// Decree 30: days below 10 and the months 1 and 2 are written with a 0.
std::string two_digits_if(int value, bool pad) {
  return (pad && value < 10 ? "0" : "") + std::to_string(value);
}

// options.date as a date; nullopt when not given; an error naming it when it
// is no real date.
Result<std::optional<Date>> option_date(const AppendixOptions& options) {
  if (options.date.empty()) return std::optional<Date>();
  std::optional<Date> date = parse_date(options.date);
  if (date) return date;
  Error error = options.lang == Lang::vi
                    ? make_error("Ngày kèm theo không hợp lệ: \"" + options.date +
                                 "\"; cần dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2025-01-15 "
                                 "(invalid --date \"" +
                                 options.date + "\"; expected YYYY-MM-DD or DD/MM/YYYY)")
                    : make_error("invalid --date \"" + options.date +
                                 "\"; expected YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-01-15");
  error.field = "--date";
  return error;
}

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    std::string paragraph(text::trim(std::string_view(text).substr(start, end - start)));
    if (!paragraph.empty()) out.push_back(text::to_nfc(paragraph));
    start = end + 2;
  }
  return out;
}

// The city-wide figures of both periods and the change, for every indicator
// that is not a mark (marks have no change in compare_periods).
void add_comparison(const Plan& plan, const CheckedTable& current, const CheckedTable& previous,
                    Lang lang, AppendixLayout& layout) {
  const bool vi = lang == Lang::vi;
  // "Kỳ trước (Quý III năm 2024)": the period's words held together by
  // no-break spaces, so a narrow column breaks before the parenthesis, never
  // inside the period.
  auto with_period = [lang](std::string label, const std::string& period) {
    if (period.empty()) return label;
    std::string words;
    for (char c : period_words(period, lang))
      words += c == ' ' ? std::string("\u00A0") : std::string(1, c);
    return label + " (" + words + ")";
  };
  layout.compare_title = (vi ? "SO SÁNH VỚI KỲ TRƯỚC (" : "COMPARISON WITH THE PREVIOUS PERIOD (") +
                         upper_vi(city_wide_label(plan, lang)) + ")";
  layout.compare_header = {vi ? "Chỉ tiêu" : "Indicator",
                           with_period(vi ? "Kỳ trước" : "Previous period", previous.period),
                           with_period(vi ? "Kỳ này" : "This period", current.period),
                           vi ? "Thay đổi" : "Change"};
  layout.compare_weights = {6.0, 1.6, 1.6, 1.8};
  const Lang number_lang = vi ? Lang::vi : Lang::en;
  for (const PeriodChange& change : compare_periods(plan, current, previous)) {
    if (!change.unit.empty() || change.indicator_idx < 0) continue;
    const Indicator& indicator = plan.indicators[static_cast<size_t>(change.indicator_idx)];
    if (indicator.kind == IndicatorKind::mark) continue;
    auto shown = [&](const std::optional<double>& value) {
      return value ? number::format(*value, indicator.decimals, number_lang) : std::string();
    };
    std::string delta;
    if (change.delta) {
      delta = (*change.delta > 0 ? "+" : "") + number::format(*change.delta, indicator.decimals, number_lang);
      if (indicator.kind == IndicatorKind::percent) delta += vi ? " điểm" : " points";
      if (indicator.kind == IndicatorKind::days) delta += vi ? " ngày" : " days";
    }
    std::string label = vi || indicator.label_en.empty() ? indicator.label_vi : indicator.label_en;
    layout.compare_rows.push_back({text::to_nfc(label), shown(change.previous),
                                   shown(change.current), delta});
  }
}

// Column weights before size_to_content(): STT, and the most the name
// column takes of the text width (the seed's 15 indicators leave it about
// 120 pt, where long names wrap to two lines).
constexpr double kRowNumberWeight = 0.8;
constexpr double kNameWeightMax = 4.2;
constexpr int kUnitRowsKeptWithNotes = 2;
// The text width of an A4 landscape page with the Decree's margins (297 mm
// less 30 and 15 mm), in pt; both writers use it.
constexpr double kTextWidthPt = (297.0 - 45.0) * 72.0 / 25.4;
// An estimate of a body cell's text width in Times New Roman 11 pt, per
// code point (Vietnamese names: mostly lower case, with spaces and
// diacritics over narrow letters; 0.5 em leaves room for capitals), and the
// cell's padding both sides with a little slack (PDF 2 × 2.5 pt, DOCX
// 2 × 57 twips).
constexpr double kBodyPtPerChar = 5.5;
constexpr double kBoldFactor = 1.08;
constexpr double kCellPaddingPt = 9.0;

// Removes the STT column (grid column 0) from the header, the rows and the
// weights.
void drop_row_numbers(AppendixLayout& layout) {
  std::vector<HeaderCell> header;
  for (HeaderCell& cell : layout.header) {
    if (cell.col == 0) continue;
    --cell.col;
    header.push_back(std::move(cell));
  }
  layout.header = std::move(header);
  for (BodyRow& row : layout.rows) row.cells.erase(row.cells.begin());
  layout.column_weights.erase(layout.column_weights.begin());
  --layout.columns;
  layout.name_column = 0;
  layout.row_numbers = false;
}

// The name column as wide as its longest name needs on one line, up to its
// weight in column_weights; the width it does not need goes to the indicator
// columns, in proportion to their weights, so that a ranking of 17 short
// province names does not give half the page to the names (PCI 2019).
void size_to_content(AppendixLayout& layout) {
  const size_t name_col = static_cast<size_t>(layout.name_column);
  double longest_pt = 0;
  for (const BodyRow& row : layout.rows) {
    if (name_col >= row.cells.size()) continue;
    double chars = static_cast<double>(code_points(row.cells[name_col].text));
    longest_pt = std::max(longest_pt, chars * kBodyPtPerChar * (row.city_wide ? kBoldFactor : 1.0));
  }
  double total = 0;
  for (double weight : layout.column_weights) total += weight;
  double indicators = total - layout.column_weights[name_col] -
                      (layout.row_numbers ? layout.column_weights[0] : 0.0);
  if (indicators <= 0 || total <= 0) return;
  const double name_pt = kTextWidthPt * layout.column_weights[name_col] / total;
  const double needed_pt = longest_pt + kCellPaddingPt;
  if (needed_pt >= name_pt) return;
  const double freed = layout.column_weights[name_col] * (1.0 - needed_pt / name_pt);
  layout.column_weights[name_col] -= freed;
  layout.name_sized_to_content = true;
  for (size_t col = name_col + 1; col < layout.column_weights.size(); ++col) {
    layout.column_weights[col] += freed * layout.column_weights[col] / indicators;
  }
}

// The label of an indicator in `lang`.
std::string indicator_label(const Indicator& indicator, Lang lang) {
  return lang == Lang::vi || indicator.label_en.empty() ? indicator.label_vi : indicator.label_en;
}

// "≥ 80%", "≤ 5 ngày", "≥ 1.000" with the indicator's decimals.
std::string target_text(const Target& target, const Indicator& indicator, Lang lang) {
  const bool vi = lang == Lang::vi;
  std::string op = target.op == ">=" ? "≥" : target.op == "<=" ? "≤" : target.op == "==" ? "=" : target.op;
  std::string bound = number::format_trimmed(target.bound, indicator.decimals,
                                   vi ? Lang::vi : Lang::en);
  std::string text = op + " " + bound;
  if (indicator.kind == IndicatorKind::percent) text += "%";
  if (indicator.kind == IndicatorKind::days) text += vi ? " ngày" : " days";
  if (target.unit_kind == "department") text += vi ? " (sở, ban, ngành)" : " (departments)";
  else if (target.unit_kind == "district") text += vi ? " (quận, huyện)" : " (districts)";
  else if (target.unit_kind == "agency") text += vi ? " (cơ quan ngành dọc)" : " (agencies)";
  else text += vi ? " (tất cả đơn vị)" : " (all units)";
  return text;
}

// "3: Sở A, Sở B, Sở C" with short names where the plan has them; "0".
std::string count_and_names(const Plan& plan, const std::vector<std::string>& units) {
  std::string text = std::to_string(units.size());
  for (size_t idx = 0; idx < units.size(); ++idx) {
    int unit_idx = plan.unit_index(units[idx]);
    const std::string& name =
        unit_idx >= 0 && !plan.units[static_cast<size_t>(unit_idx)].short_name.empty()
            ? plan.units[static_cast<size_t>(unit_idx)].short_name
            : units[idx];
    text += (idx == 0 ? ": " : ", ") + text::to_nfc(name);
  }
  return text;
}

// The plan's targets: who meets each, who does not, who did not report.
void add_targets(const Plan& plan, const CheckedTable& table, Lang lang, AppendixLayout& layout) {
  const bool vi = lang == Lang::vi;
  std::vector<TargetResult> results = evaluate_targets(plan, table);
  if (results.empty()) return;
  layout.targets_title = vi ? "KẾT QUẢ THỰC HIỆN CHỈ TIÊU" : "TARGETS MET";
  layout.targets_header =
      vi ? std::vector<std::string>{"Chỉ tiêu", "Mục tiêu", "Đơn vị đạt", "Đơn vị chưa đạt",
                                    "Chưa báo cáo", city_wide_label(plan, lang)}
         : std::vector<std::string>{"Indicator", "Target", "Units meeting", "Units not meeting",
                                    "Not reported", city_wide_label(plan, lang)};
  layout.targets_weights = {3.0, 1.6, 4.0, 4.0, 1.1, 1.6};
  for (const TargetResult& result : results) {
    if (!result.target || result.indicator_idx < 0) continue;
    const Indicator& indicator = plan.indicators[static_cast<size_t>(result.indicator_idx)];
    std::string city_wide;
    if (result.city_wide_met) {
      city_wide = *result.city_wide_met ? (vi ? "Đạt" : "Met") : (vi ? "Chưa đạt" : "Not met");
      if (result.city_wide) {
        city_wide += " (" + number::format(*result.city_wide, indicator.decimals,
                                          vi ? Lang::vi : Lang::en) +
                     (indicator.kind == IndicatorKind::percent ? "%" : "") + ")";
      }
    } else {
      city_wide = "—";
    }
    layout.targets_rows.push_back({text::to_nfc(indicator_label(indicator, lang)),
                                   target_text(*result.target, indicator, lang),
                                   count_and_names(plan, result.met),
                                   count_and_names(plan, result.not_met),
                                   std::to_string(result.not_reported.size()) +
                                       text::to_nfc(set_apart_note(result, vi ? Lang::vi
                                                                              : Lang::en)),
                                   city_wide});
  }
}

// One page per chart; the layout fails on a code that cannot be charted.
Result<void> add_charts(const Plan& plan, const CheckedTable& table,
                        const AppendixOptions& options, AppendixLayout& layout) {
  const bool vi = options.lang == Lang::vi;
  Result<void> valid = check_chart_codes(plan, options);
  if (!valid) return valid.error();
  for (const std::string& code : chart_codes(plan, options)) {
    int idx = plan.indicator_index(code);
    ChartOptions chart_options;
    chart_options.lang = options.lang;
    chart_options.width_pt = 700;
    Result<ChartScene> scene = layout_bar_chart(plan, table, code, chart_options);
    if (!scene) {
      return make_error((vi ? "Không vẽ được biểu đồ cho chỉ tiêu \"" : "Cannot chart \"") + code +
                        "\": " + scene.error().message);
    }
    std::string label = text::to_nfc(indicator_label(plan.indicators[static_cast<size_t>(idx)],
                                                     options.lang));
    layout.charts.push_back({code, (vi ? "Biểu đồ: " : "Chart: ") + label, std::move(*scene)});
  }
  return {};
}

// "ngày 05 tháng 04 năm 2025" (Decree 30: a 0 before days below 10 and the
// months 1 and 2) / "5 April 2025"; dots when `date` is "".
std::string signing_date_text(const std::optional<Date>& date, Lang lang) {
  static constexpr const char* kMonthsEn[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
  if (lang == Lang::vi) {
    if (!date) return std::string("ngày ") + kDots + " tháng " + kDots + " năm " + kDots;
    return "ngày " + two_digits_if(date->day, true) + " tháng " +
           two_digits_if(date->month, date->month <= 2) + " năm " + std::to_string(date->year);
  }
  if (!date) return std::string("date ") + kDots;
  return std::to_string(date->day) + " " + kMonthsEn[date->month - 1] + " " +
         std::to_string(date->year);
}

// The unit's own row: heading, the version line and the signature block.
Result<void> lay_out_unit_row(const Plan& plan, const CheckedTable& table,
                              const AppendixOptions& options, AppendixLayout& layout) {
  const bool vi = options.lang == Lang::vi;
  const UnitRowDocument& unit = *options.unit_row;
  Result<std::optional<Date>> date = option_date(options);
  if (!date) return date.error();
  // The unit as it was named in the period.
  layout.appendix_line =
      upper_vi(text::to_nfc(unit_name_in(plan, unit.unit, -1, table.period)));
  std::string period = period_words(table.period, options.lang);
  layout.attached_line = (vi ? "Kỳ báo cáo: " : "Reporting period: ") + period;

  std::string line = vi ? "Số liệu lần " + std::to_string(unit.version)
                        : "Figures of version " + std::to_string(unit.version);
  if (std::string at = vietnam_time_text(unit.submitted_at_utc, options.lang); !at.empty()) {
    line += vi ? ", nộp lúc " + at : ", submitted at " + at;
  } else {
    line += vi ? ", đã nộp" : ", submitted";
  }
  if (!unit.submitted_by.empty() && unit.submitted_by != "import") {
    line += (vi ? " bởi " : " by ") + unit.submitted_by;
  }
  if (unit.approved) {
    std::string at = vietnam_time_text(unit.approved_at_utc, options.lang);
    line += vi ? "; đã được duyệt" : "; approved";
    if (!at.empty()) line += (vi ? " lúc " : " at ") + at;
  }
  line += vi ? " (giờ Việt Nam)." : " (Vietnam time).";
  layout.submitted_line = line;

  AppendixLayout::Signature signature;
  const std::string place = plan.place.empty() ? std::string(kDots) : text::to_nfc(plan.place);
  signature.place_date = place + ", " + signing_date_text(*date, options.lang);
  signature.left_title = vi ? "NGƯỜI LẬP BIỂU" : "PREPARED BY";
  signature.left_hint = vi ? "(Ký, ghi rõ họ tên)" : "(Signature and full name)";
  signature.right_title = vi ? "THỦ TRƯỞNG ĐƠN VỊ" : "HEAD OF THE UNIT";
  signature.right_hint = vi ? "(Ký tên, đóng dấu)" : "(Signature and seal)";
  layout.signature = std::move(signature);
  return {};
}

}  // namespace

std::string vietnam_time_text(const std::string& iso_utc, Lang lang) {
  std::tm when{};
  int consumed = 0;
  if (iso_utc.size() < 16 ||
      std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &when.tm_year, &when.tm_mon,
                  &when.tm_mday, &when.tm_hour, &when.tm_min, &consumed) != 5 ||
      consumed != 16) {
    return "";
  }
  if (when.tm_mon < 1 || when.tm_mon > 12 || when.tm_mday < 1 || when.tm_mday > 31 ||
      when.tm_hour > 23 || when.tm_min > 59) {
    return "";
  }
  when.tm_year -= 1900;
  when.tm_mon -= 1;
  std::time_t seconds = timegm(&when) + 7 * 3600;  // Vietnam: UTC+7 all year
  std::tm local{};
  gmtime_r(&seconds, &local);
  char text[48];
  if (lang == Lang::vi) {
    std::snprintf(text, sizeof text, "%02d:%02d ngày %02d/%02d/%04d", local.tm_hour, local.tm_min,
                  local.tm_mday, local.tm_mon + 1, local.tm_year + 1900);
  } else {
    std::snprintf(text, sizeof text, "%02d:%02d on %04d-%02d-%02d", local.tm_hour, local.tm_min,
                  local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
  }
  return text;
}

Result<std::string> attached_line(const Plan& plan, const AppendixOptions& options) {
  const bool vi = options.lang == Lang::vi;
  Result<std::optional<Date>> date = option_date(options);
  if (!date) return date.error();
  for (auto [flag, value] :
       {std::pair{"--attached-to", &options.attached_to}, std::pair{"--issuer", &options.issuer}}) {
    if (value->size() <= limits::attached_line_part_bytes_max) continue;
    Error error = make_error(
        ErrorKind::bad_input,
        fmt::format("{} dài {} byte; tối đa {} byte (một dòng dưới tên phụ lục)", flag,
                    value->size(), limits::attached_line_part_bytes_max),
        fmt::format("{} is {} bytes long; at most {} allowed (a line under the appendix's title)",
                    flag, value->size(), limits::attached_line_part_bytes_max));
    error.field = flag;
    return error;
  }
  auto in_lang = [vi](const std::string& text_vi, const std::string& text_en) {
    return vi || text_en.empty() ? text_vi : text_en;
  };
  std::string attached = !options.attached_to.empty()
                             ? text::to_nfc(options.attached_to)
                             : in_lang(plan.attached_to_vi, plan.attached_to_en);
  if (attached.empty()) {
    // The plan's appendix is attached to nothing: no line, so nothing to fill.
    if (options.issuer.empty() && options.date.empty()) return std::string();
    const char* flag = options.issuer.empty() ? "--date" : "--issuer";
    Error error = make_error(
        ErrorKind::bad_input,
        fmt::format("{} điền dòng \"(Kèm theo … ngày … của …)\" dưới tên phụ lục, nhưng kế hoạch "
                    "{} không ghi phụ lục kèm theo văn bản nào (attached_to_vi); thêm "
                    "--attached-to \"Báo cáo số …\" để có dòng đó",
                    flag, plan.id),
        fmt::format("{} fills the line \"(Attached to … dated … of …)\" under the appendix's "
                    "title, but plan {} names no document the appendix is attached to "
                    "(attached_to_vi); add --attached-to \"Report No. …\" for that line",
                    flag, plan.id));
    error.field = flag;
    return error;
  }
  // Vietnamese: the words of a signing date ("ngày 05 tháng 01 năm 2025").
  std::string date_text = vi       ? signing_date_text(*date, Lang::vi)
                          : !*date ? std::string("dated ") + kDots
                                   : fmt::format("dated {:04d}-{:02d}-{:02d}", (*date)->year,
                                                 (*date)->month, (*date)->day);
  std::string issuer = !options.issuer.empty() ? text::to_nfc(options.issuer)
                                               : in_lang(plan.issuer_vi, plan.issuer_en);
  if (issuer.empty()) issuer = kDots;
  if (vi) return "(Kèm theo " + attached + " " + date_text + " của " + issuer + ")";
  return "(Attached to " + attached + " " + date_text + " of " + issuer + ")";
}

std::string document_title(const AppendixLayout& layout) {
  if (layout.appendix_line.empty()) return layout.title_line;
  return layout.appendix_line + " — " + layout.title_line;
}

Result<AppendixLayout> lay_out_appendix(const Plan& plan, const CheckedTable& table,
                                        const AppendixOptions& options) {
  const bool vi = options.lang == Lang::vi;
  AppendixLayout layout;

  // 1. Heading. The appendix line is the plan's, none when it names none (a
  // ranking published on its own), as in the XLSX and HTML: not a bare
  // "PHỤ LỤC", nor the table's own title over the same title.
  std::string appendix = plan.appendix_vi;
  if (!vi) {
    std::string upper = upper_vi(appendix);
    const std::string word = "PHỤ LỤC";
    if (upper.rfind(word, 0) == 0) appendix = "APPENDIX" + upper.substr(word.size());
  }
  layout.appendix_line = text::to_nfc(appendix);
  std::string title = vi ? plan.title_vi : (plan.title_en.empty() ? plan.title_vi : plan.title_en);
  if (title.empty() && table.title_lines.size() > 1) title = table.title_lines[1];
  layout.title_line = upper_vi(text::to_nfc(title));
  if (options.unit_row) {
    Result<void> own = lay_out_unit_row(plan, table, options, layout);
    if (!own) return own.error();
  } else {
    Result<std::string> attached = attached_line(plan, options);
    if (!attached) return attached.error();
    layout.attached_line = *attached;
    if (options.with_summary) layout.summary_paragraphs = split_paragraphs(options.summary_text);
  }

  // 2.–5. The table as every writer lays it out (report/table_model.h): a
  // published appendix lists every registered unit, reported or not.
  ModelOptions model_options;
  model_options.lang = options.lang;
  model_options.list_missing_units = !options.unit_row;
  model_options.city_wide_row = !options.unit_row;
  const TableModel model = build_table_model(plan, table, model_options);
  const bool review = options.variant == Variant::review;

  layout.header_rows = model.header_levels;
  layout.columns = model.table_column_count();
  for (const report::HeaderCell& cell : model.header) {
    layout.header.push_back({text::to_nfc(cell.text), cell.row, cell.col, cell.row_span,
                             cell.col_span});
  }
  std::stable_sort(layout.header.begin(), layout.header.end(),
                   [](const HeaderCell& a, const HeaderCell& b) {
                     return a.row != b.row ? a.row < b.row : a.col < b.col;
                   });
  // Widths: an indicator column grows with its label (the long mark labels
  // would otherwise make the header taller than half a page); the name
  // column is sized after its content below.
  layout.column_weights = {kRowNumberWeight, kNameWeightMax};
  for (const ModelColumn& column : model.columns) {
    double label_chars = static_cast<double>(code_points(column.label));
    layout.column_weights.push_back(1.0 + 0.7 * std::min(label_chars, 120.0) / 120.0);
  }

  // STT: the published document numbers its rows 1..n; the review variant
  // keeps the numbers as received, which the findings refer to.
  int position = 0;
  bool any_in_error = false;
  for (const ModelRow& model_row : model.rows) {
    BodyRow body;
    body.city_wide = model_row.city_wide;
    std::string number;
    if (!model_row.city_wide) {
      ++position;
      if (!review) number = std::to_string(position);
      else if (model_row.row_number > 0) number = std::to_string(model_row.row_number);
    }
    body.cells.push_back({number, false, std::nullopt});
    auto severity = [&](const DisplayCell& cell) {
      return review ? cell.severity : std::optional<Severity>();
    };
    body.cells.push_back(
        {text::to_nfc(model_row.name_cell.text), true, severity(model_row.name_cell)});
    for (const DisplayCell& cell : model_row.cells) {
      body.cells.push_back({text::to_nfc(cell.text), false, severity(cell), cell.in_error});
      any_in_error = any_in_error || cell.in_error;
    }
    body.cells.resize(static_cast<size_t>(layout.columns));
    layout.rows.push_back(std::move(body));
  }

  // The rows that go onto the notes' page with them when the notes do not
  // fit under the table: the city-wide and part rows and the two unit rows
  // above them (a clerk's "keep with next" on the table's last rows).
  int trailing_city_wide = 0;
  for (auto row = layout.rows.rbegin(); row != layout.rows.rend() && row->city_wide; ++row) {
    ++trailing_city_wide;
  }
  layout.rows_kept_with_notes =
      std::min(static_cast<int>(layout.rows.size()), trailing_city_wide + kUnitRowsKeptWithNotes);
  if (!review && !options.unit_row && rows_repeat_rank(model)) drop_row_numbers(layout);
  size_to_content(layout);

  for (const std::string& note : model.notes) layout.notes.push_back(text::to_nfc(note));
  if (any_in_error) {
    layout.notes.push_back(vi ? "Số liệu in nghiêng: có lỗi khi kiểm tra (xem bản rà soát), "
                                "không dùng để xếp hạng."
                              : "Figures in italics failed a check (see the review variant) and "
                                "are not ranked.");
  }
  // A unit's own row: what the unit typed and the plan's notes, nothing
  // about the city.
  if (options.unit_row) return layout;
  if (options.previous) add_comparison(plan, table, *options.previous, options.lang, layout);
  add_targets(plan, table, options.lang, layout);
  Result<void> charts = add_charts(plan, table, options, layout);
  if (!charts) return charts.error();
  // How each city-wide figure is made and how many units it covers (both
  // variants: the reader of a published figure is told what it stands on).
  for (const std::string& footnote : model.footnotes) {
    layout.notes.push_back("(*) " + text::to_nfc(footnote));
  }
  // Each group's figures and its highest and lowest units.
  for (const std::string& line : model.group_lines) layout.notes.push_back(text::to_nfc(line));
  if (!review) return layout;

  // Review: the findings.
  layout.findings_title = vi ? "DANH SÁCH CÁC VẤN ĐỀ PHÁT HIỆN KHI KIỂM TRA SỐ LIỆU"
                             : "FINDINGS OF THE DATA CHECK";
  layout.findings_header =
      vi ? std::vector<std::string>{"STT", "Đơn vị", "Chỉ tiêu", "Nội dung", "Giá trị đã nhập",
                                    "Giá trị đúng", "Gợi ý sửa"}
         : std::vector<std::string>{"No.", "Unit", "Indicator", "Message", "Value entered",
                                    "Expected", "Likely correction"};
  layout.findings_weights = {0.5, 2.2, 2.6, 4.4, 1.1, 1.1, 2.6};
  int number = 0;
  for (const ModelFinding& placed : model.findings) {
    const Finding& finding = *placed.finding;
    std::string indicator_label;
    if (placed.model_col >= 0) {
      indicator_label = model.columns[static_cast<size_t>(placed.model_col)].label;
    } else if (!finding.indicator.empty()) {
      int ind_idx = plan.indicator_index(finding.indicator);
      indicator_label = ind_idx < 0 ? finding.indicator
                        : vi || plan.indicators[ind_idx].label_en.empty()
                            ? plan.indicators[ind_idx].label_vi
                            : plan.indicators[ind_idx].label_en;
    }
    layout.findings.push_back({std::to_string(++number), text::to_nfc(finding_unit(model, placed)),
                               text::to_nfc(indicator_label),
                               text::to_nfc(finding_message(finding, options.lang)),
                               text::to_nfc(raw_display(finding, options.lang)),
                               text::to_nfc(expected_display(finding, options.lang)),
                               text::to_nfc(finding_hint(finding, options.lang))});
    layout.findings_severity.push_back(finding.severity);
  }
  if (layout.findings.empty()) {
    layout.findings_none =
        vi ? "Không phát hiện vấn đề nào khi kiểm tra số liệu." : "The data check found nothing.";
  }
  return layout;
}

}  // namespace chiso::report::detail

namespace chiso::report {

Result<void> check_date(const AppendixOptions& options) {
  if (Result<std::optional<detail::Date>> date = detail::option_date(options); !date) {
    return date.error();
  }
  return {};
}

Result<void> check_attached_line(const Plan& plan, const AppendixOptions& options) {
  if (Result<std::string> line = detail::attached_line(plan, options); !line) return line.error();
  return {};
}

}  // namespace chiso::report
