// HTML: one self-contained page (inline CSS, inline SVG, no external
// resource): the titles, the table with its two-level header, findings at
// their cells (class, tooltip, numbered marker linking to the list), the
// city-wide row, the notes, the city-wide figures with how each is made, the
// bar chart of the full-process share by unit (report/chart.h), and the list
// of findings. All text from files and plans is escaped.
#include <string_view>

#include "common/number.h"
#include "common/text.h"
#include "consolidate/analysis.h"
#include "report/chart.h"
#include "report/compare_table.h"
#include "report/report.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

const char* severity_class(Severity severity) {
  switch (severity) {
    case Severity::error: return "err";
    case Severity::warning: return "warn";
    case Severity::info: return "info";
  }
  return "err";
}

constexpr std::string_view kStyle = R"css(
body{font-family:"Times New Roman",Times,"Liberation Serif",serif;margin:1.5em;color:#111}
.title{text-align:center;font-weight:bold;margin:.2em 0;font-size:1.15em}
.meta{text-align:center;color:#555;margin:.2em 0 1em}
table.appendix{border-collapse:collapse;font-size:.95em}
table.appendix th,table.appendix td{border:1px solid #444;padding:.25em .4em}
table.appendix th{background:#eef1f5;font-size:.9em;vertical-align:middle}
td.num{text-align:right;white-space:nowrap}
td.mark,td.stt{text-align:center}
td.name{min-width:16em}
td.na{text-align:center;font-style:italic;color:#555}
tr.city td{font-weight:bold;background:#f4f4f4}
td.err{background:#ffc7ce}
td.warn{background:#ffeb9c}
td.info{background:#ddebf7}
sup.marker a{text-decoration:none;color:#9c0006;font-size:.75em;margin-left:.15em}
.note{font-style:italic;margin:.6em 0}
table.figures{border-collapse:collapse}
table.figures th,table.figures td{border:1px solid #999;padding:.2em .5em;text-align:left}
table.figures td.num{text-align:right}
table.compare{border-collapse:collapse;font-size:.95em}
table.compare th,table.compare td{border:1px solid #999;padding:.2em .4em}
table.compare th{background:#eef1f5;font-size:.9em}
td.up{color:#006100}
td.down{color:#9c0006}
ol.findings li.err::marker{color:#9c0006}
ol.findings li.warn::marker{color:#9c6500}
.sev{font-weight:bold}
.sev.err{color:#9c0006}
.sev.warn{color:#9c6500}
.where{color:#555}
figure{margin:1em 0}
)css";

struct Words {
  const char* period;
  const char* file;
  const char* indicator;
  const char* value;
  const char* how;
  const char* units_reporting;
  const char* findings;
  const char* no_findings;
  const char* chart;
  const char* raw;
  const char* expected;
  const char* hint;
  const char* line;
  const char* column;
  const char* row;
  const char* whole_table;
};
constexpr Words kVi{"Kỳ báo cáo", "Tệp", "Chỉ tiêu", "Giá trị",
                    "Cách tính", "Số đơn vị báo cáo", "Phát hiện", "Không có phát hiện nào.",
                    "Biểu đồ", "giá trị nhập", "đúng là", "gợi ý", "dòng", "cột", "STT",
                    "Toàn bảng"};
constexpr Words kEn{"Period", "File", "Indicator", "Value", "How it is made",
                    "Units reporting", "Findings", "No findings.", "Chart", "typed", "expected",
                    "hint", "line", "column", "row", "Whole table"};

std::string cell_class(const ModelColumn& column, const DisplayCell& cell) {
  std::string cls;
  if (cell.kind == CellKind::not_applicable) {
    cls = "na";
  } else if (cell.kind == CellKind::mark_yes || cell.kind == CellKind::mark_no ||
      column.kind == IndicatorKind::mark) {
    cls = "mark";
  } else {
    cls = "num";
  }
  if (cell.severity) cls += std::string(" ") + severity_class(*cell.severity);
  return cls;
}

void write_cell_body(std::string& out, const TableModel& model, const DisplayCell& cell) {
  chiso::text::escape_markup_into(out, cell.text);
  for (int finding_idx : cell.findings) {
    out += "<sup class=\"marker\"><a href=\"#f-" + std::to_string(finding_idx + 1) + "\">" +
           std::to_string(finding_idx + 1) + "</a></sup>";
  }
}

std::string tooltip(const TableModel& model, const DisplayCell& cell) {
  std::string text;
  for (int finding_idx : cell.findings) {
    const Finding& finding = *model.findings[static_cast<size_t>(finding_idx)].finding;
    if (!text.empty()) text += "\n";
    text += "[" + std::to_string(finding_idx + 1) + "] " +
            std::string(severity_label(finding.severity, model.lang)) + ": " +
            finding_message(finding, model.lang);
  }
  return text;
}

void write_td(std::string& out, const TableModel& model, const std::string& cls,
              const DisplayCell& cell) {
  out += "<td class=\"" + cls + "\"";
  if (!cell.findings.empty()) out += " title=\"" + chiso::text::escape_markup(tooltip(model, cell)) + "\"";
  out += ">";
  write_cell_body(out, model, cell);
  out += "</td>";
}

void write_table(std::string& out, const TableModel& model) {
  out += "<table class=\"appendix\">\n<thead>\n";
  for (int level = 0; level < model.header_levels; ++level) {
    out += "<tr>";
    for (const HeaderCell& cell : model.header) {
      if (cell.row != level) continue;
      out += "<th";
      if (cell.row_span > 1) out += " rowspan=\"" + std::to_string(cell.row_span) + "\"";
      if (cell.col_span > 1) out += " colspan=\"" + std::to_string(cell.col_span) + "\"";
      out += cell.col_span > 1 ? " scope=\"colgroup\">" : " scope=\"col\">";
      out += chiso::text::escape_markup(cell.text) + "</th>";
    }
    out += "</tr>\n";
  }
  out += "</thead>\n<tbody>\n";
  for (const ModelRow& row : model.rows) {
    out += row.part ? "<tr class=\"city part\">" : row.city_wide ? "<tr class=\"city\">" : "<tr>";
    out += "<td class=\"stt\">";
    if (!row.city_wide && row.source) out += std::to_string(row.row_number);
    out += "</td>";
    std::string name_class = "name";
    if (row.name_cell.severity) name_class += std::string(" ") + severity_class(*row.name_cell.severity);
    write_td(out, model, name_class, row.name_cell);
    for (size_t idx = 0; idx < row.cells.size(); ++idx) {
      write_td(out, model, cell_class(model.columns[idx], row.cells[idx]), row.cells[idx]);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void write_figures(std::string& out, const Plan& plan, const TableModel& model,
                   const CheckedTable& table, const Words& words) {
  const ModelRow* city = nullptr;
  for (const ModelRow& row : model.rows) {
    if (row.city_wide && !row.part) city = &row;
  }
  const std::string heading = model.lang == Lang::vi ? "Số liệu " + city_wide_phrase(plan, model.lang)
                                                    : city_wide_label(plan, model.lang) + " figures";
  out += "<section id=\"city-wide\">\n<h2>" + chiso::text::escape_markup(heading) + "</h2>\n";
  out += "<table class=\"figures\">\n<tr><th>" + chiso::text::escape_markup(words.indicator) + "</th><th>" +
         chiso::text::escape_markup(words.value) + "</th><th>" + chiso::text::escape_markup(words.units_reporting) + "</th><th>" +
         chiso::text::escape_markup(words.how) + "</th></tr>\n";
  for (size_t idx = 0; idx < model.columns.size(); ++idx) {
    const ModelColumn& column = model.columns[idx];
    out += "<tr><td>" + chiso::text::escape_markup(model.flat_label(static_cast<int>(idx))) + "</td><td class=\"num\">";
    if (city) chiso::text::escape_markup_into(out, city->cells[idx].text);
    out += "</td><td class=\"num\">";
    size_t indicator_idx = static_cast<size_t>(column.indicator_idx);
    if (indicator_idx < table.summary.size()) out += std::to_string(table.summary[indicator_idx].units_reporting);
    out += "</td><td>";
    chiso::text::escape_markup_into(out, column.consolidation_note + column.coverage_note);
    out += "</td></tr>\n";
  }
  out += "</table>\n";
  if (!model.group_lines.empty()) {
    out += "<h3>" + std::string(model.lang == Lang::vi ? "Theo nhóm đơn vị" : "By group of units") +
           "</h3>\n<ul class=\"groups\">\n";
    for (const std::string& line : model.group_lines) {
      out += "<li>" + chiso::text::escape_markup(line) + "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void write_findings(std::string& out, const TableModel& model, const Words& words) {
  out += "<section id=\"findings\">\n<h2>" + chiso::text::escape_markup(words.findings) + " (" +
         std::to_string(model.findings.size()) + ")</h2>\n";
  if (model.findings.empty()) {
    out += "<p>" + chiso::text::escape_markup(words.no_findings) + "</p>\n</section>\n";
    return;
  }
  out += "<ol class=\"findings\">\n";
  for (size_t idx = 0; idx < model.findings.size(); ++idx) {
    const ModelFinding& placed = model.findings[idx];
    const Finding& finding = *placed.finding;
    const char* cls = severity_class(finding.severity);
    out += "<li id=\"f-" + std::to_string(idx + 1) + "\" class=\"" + cls + "\">";
    out += "<span class=\"sev " + std::string(cls) + "\">" +
           chiso::text::escape_markup(severity_label(finding.severity, model.lang)) + "</span> — ";
    std::string where;
    if (placed.model_row >= 0) {
      const ModelRow& row = model.rows[static_cast<size_t>(placed.model_row)];
      where = std::string(words.row) + " " + std::to_string(row.row_number) + ", " + row.name;
      if (placed.model_col >= 0) where += ", " + model.columns[static_cast<size_t>(placed.model_col)].label;
    } else {
      where = words.whole_table;
      if (!finding.unit.empty()) where += ", " + finding.unit;
    }
    if (finding.pos.row_idx > 0) {
      where += " (" + std::string(words.line) + " " + std::to_string(finding.pos.row_idx);
      if (finding.pos.col_idx > 0) where += ", " + std::string(words.column) + " " + std::to_string(finding.pos.col_idx);
      where += ")";
    }
    out += "<span class=\"where\">" + chiso::text::escape_markup(where) + "</span>: " +
           chiso::text::escape_markup(finding_message(finding, model.lang));
    if (!finding.raw.empty() || !finding.expected.empty()) {
      out += " <span class=\"values\">(" + chiso::text::escape_markup(words.raw) + ": " + chiso::text::escape_markup(raw_display(finding, model.lang));
      if (!finding.expected.empty()) out += " → " + chiso::text::escape_markup(words.expected) + ": " + chiso::text::escape_markup(expected_display(finding, model.lang));
      out += ")</span>";
    }
    const std::string& hint = finding_hint(finding, model.lang);
    if (!hint.empty()) out += " <em>" + chiso::text::escape_markup(words.hint) + ": " + chiso::text::escape_markup(hint) + "</em>";
    out += " <code>" + chiso::text::escape_markup(finding.rule_id) + "</code></li>\n";
  }
  out += "</ol>\n</section>\n";
}

// The chart is inline SVG; an XML declaration or doctype before <svg> is not
// valid inside HTML and is dropped.
std::string_view inline_svg(std::string_view svg) {
  size_t start = svg.find("<svg");
  return start == std::string_view::npos ? std::string_view() : svg.substr(start);
}

}  // namespace

// The written summary (consolidate/analysis.h), as a coordinator puts it at
// the top of a report: one <p> per paragraph.
void write_summary(std::string& out, const Plan& plan, const CheckedTable& table, Lang lang) {
  std::string text = written_summary(plan, table, lang == Lang::vi ? Lang::vi : Lang::en);
  if (text.empty()) return;
  out += "<section id=\"summary\">\n<h2>";
  out += lang == Lang::vi ? "Tóm tắt" : "Summary";
  out += "</h2>\n";
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out += "<p>" + chiso::text::escape_markup(std::string_view(text).substr(start, end - start)) + "</p>\n";
    start = end + 2;
  }
  out += "</section>\n";
}

// Which units meet each target of the plan, and how many.
void write_targets(std::string& out, const Plan& plan, const CheckedTable& table, Lang lang) {
  std::vector<TargetResult> results = evaluate_targets(plan, table);
  if (results.empty()) return;
  const bool vi = lang == Lang::vi;
  out += "<section id=\"targets\">\n<h2>";
  out += vi ? "Mục tiêu" : "Targets";
  out += "</h2>\n<table class=\"targets\">\n<thead><tr>";
  static const char* const headers[][2] = {{"Chỉ số", "Indicator"},       {"Mục tiêu", "Target"},
                                           {"Đạt", "Met"},                {"Chưa đạt", "Not met"},
                                           {"Không báo cáo", "Not reported"}};
  for (const auto& header : headers) out += std::string("<th>") + header[vi ? 0 : 1] + "</th>";
  out += "<th>" + chiso::text::escape_markup(city_wide_label(plan, lang)) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  auto names = [](const std::vector<std::string>& units) {
    std::string joined;
    for (const std::string& unit : units) joined += (joined.empty() ? "" : ", ") + unit;
    return joined;
  };
  for (const TargetResult& result : results) {
    const Indicator& indicator = plan.indicators[static_cast<std::size_t>(result.indicator_idx)];
    std::string bound = result.target->op + " " +
                        number::format_trimmed(result.target->bound, indicator.decimals,
                                      vi ? Lang::vi : Lang::en);
    if (!result.target->unit_kind.empty()) bound += " (" + result.target->unit_kind + ")";
    out += "<tr><td>" + chiso::text::escape_markup(vi || indicator.label_en.empty() ? indicator.label_vi : indicator.label_en) +
           "</td><td>" + chiso::text::escape_markup(bound) + "</td><td><b>" + std::to_string(result.met.size()) +
           "</b> " + chiso::text::escape_markup(names(result.met)) + "</td><td><b>" +
           std::to_string(result.not_met.size()) + "</b> " + chiso::text::escape_markup(names(result.not_met)) +
           "</td><td>" + std::to_string(result.not_reported.size()) +
           chiso::text::escape_markup(set_apart_note(result, vi ? Lang::vi : Lang::en)) + "</td><td>";
    if (result.city_wide_met) {
      out += *result.city_wide_met ? (vi ? "đạt" : "met") : (vi ? "chưa đạt" : "not met");
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
}

// The comparison with options.previous (report/compare_table.h): a table of
// previous / current / change per unit and indicator, then the trend chart of
// the city-wide options.trend_indicator.
static void write_comparison(std::string& out, const Plan& plan, const CheckedTable& table,
                      const ReportOptions& options) {
  const CheckedTable& previous = *options.previous;
  const Lang lang = options.lang;
  const bool vi = lang == Lang::vi;
  CompareTable compared = build_compare_table(plan, table, previous);
  auto label_of = [&](const Indicator& indicator) -> const std::string& {
    return vi || indicator.label_en.empty() ? indicator.label_vi : indicator.label_en;
  };
  auto period_head = [&](const std::string& period, const char* vi_word, const char* en_word) {
    return period.empty() ? std::string(vi ? vi_word : en_word) : period_words(period, lang);
  };
  out += "<section id=\"compare\">\n<h2>" + chiso::text::escape_markup(compare_title(previous.period, lang)) +
         "</h2>\n<table class=\"compare\">\n<thead>\n<tr><th rowspan=\"2\" scope=\"col\">";
  out += vi ? "Đơn vị" : "Unit";
  out += "</th>";
  for (int idx : compared.indicators) {
    out += "<th colspan=\"3\" scope=\"colgroup\">" +
           chiso::text::escape_markup(label_of(plan.indicators[static_cast<size_t>(idx)])) + "</th>";
  }
  out += "</tr>\n<tr>";
  for (size_t col = 0; col < compared.indicators.size(); ++col) {
    out += "<th scope=\"col\">" + chiso::text::escape_markup(period_head(previous.period, "Kỳ trước", "Previous")) +
           "</th><th scope=\"col\">" + chiso::text::escape_markup(period_head(table.period, "Kỳ này", "This period")) +
           "</th><th scope=\"col\">";
    out += vi ? "Thay đổi" : "Change";
    out += "</th>";
  }
  out += "</tr>\n</thead>\n<tbody>\n";
  for (const CompareRow& row : compared.rows) {
    out += row.city_wide ? "<tr class=\"city\"><td>" : "<tr><td>";
    out += chiso::text::escape_markup(row.city_wide ? compare_city_label(plan, lang) : row.unit) + "</td>";
    for (size_t col = 0; col < compared.indicators.size(); ++col) {
      const Indicator& indicator = plan.indicators[static_cast<size_t>(compared.indicators[col])];
      const CompareCell& cell = row.cells[col];
      std::string change = compare_change_text(cell.delta, indicator, lang);
      const char* trend_class = "";
      if (!change.empty() && change[0] == '+') trend_class = " up";
      if (change.rfind("\u2212", 0) == 0) trend_class = " down";
      out += "<td class=\"num\">" + chiso::text::escape_markup(compare_value_text(cell.previous, indicator, lang)) +
             "</td><td class=\"num\">" + chiso::text::escape_markup(compare_value_text(cell.current, indicator, lang)) +
             "</td><td class=\"num change" + std::string(trend_class) + "\">" + chiso::text::escape_markup(change) +
             "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";

  int trend_idx = plan.indicator_index(options.trend_indicator);
  if (trend_idx >= 0 && plan.indicators[static_cast<size_t>(trend_idx)].kind != IndicatorKind::mark) {
    std::vector<TrendPointView> points;
    for (const PeriodFigure& figure : options.trend_points) points.push_back({figure.period, figure.value});
    if (points.empty()) {
      auto figure = [&](const CheckedTable& source) -> std::optional<double> {
        size_t at = static_cast<size_t>(trend_idx);
        return at < source.summary.size() ? source.summary[at].value : std::nullopt;
      };
      points.push_back({previous.period, figure(previous)});
      points.push_back({table.period, figure(table)});
    }
    ChartOptions chart_options;
    chart_options.lang = lang;
    std::string svg = trend_chart_svg(plan, options.trend_indicator, points, chart_options);
    std::string_view body = inline_svg(svg);
    if (!body.empty()) {
      out += "<figure class=\"trend\">\n";
      out += body;
      out += "\n</figure>\n";
    }
  }
  out += "</section>\n";
}

std::string to_html(const Plan& plan, const CheckedTable& table, const ReportOptions& options) {
  const Words& words = options.lang == Lang::vi ? kVi : kEn;
  ModelOptions model_options;
  model_options.lang = options.lang;
  model_options.list_missing_units = options.list_missing_units;
  TableModel model = build_table_model(plan, table, model_options);

  std::string out;
  out.reserve(64 << 10);
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += options.lang == Lang::vi ? "vi" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  std::string page_title;
  for (const std::string& line : model.title_lines) {
    if (!page_title.empty()) page_title += " — ";
    page_title += line;
  }
  if (!table.period.empty()) page_title += " (" + period_words(table.period, options.lang) + ")";
  out += chiso::text::escape_markup(page_title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";

  out += "<header>\n";
  for (const std::string& line : model.title_lines) out += "<p class=\"title\">" + chiso::text::escape_markup(line) + "</p>\n";
  std::string meta;
  if (!table.period.empty())
    meta += std::string(words.period) + ": " + period_words(table.period, options.lang);
  if (!table.source_file.empty()) {
    if (!meta.empty()) meta += " · ";
    meta += std::string(words.file) + ": " + table.source_file;
  }
  if (!meta.empty()) out += "<p class=\"meta\">" + chiso::text::escape_markup(meta) + "</p>\n";
  out += "</header>\n<main>\n";

  if (options.html_summary) write_summary(out, plan, table, options.lang);
  write_table(out, model);
  for (const std::string& note : model.notes) out += "<p class=\"note\">" + chiso::text::escape_markup(note) + "</p>\n";

  if (has_city_wide_figures(plan)) write_figures(out, plan, model, table, words);
  write_targets(out, plan, table, options.lang);
  if (options.previous) write_comparison(out, plan, table, options);

  int chart_idx = plan.indicator_index(options.chart_indicator);
  if (options.html_chart && chart_idx >= 0) {
    ChartOptions chart_options;
    chart_options.lang = options.lang;
    std::string svg = bar_chart_svg(plan, table, options.chart_indicator, chart_options);
    std::string_view body = inline_svg(svg);
    if (!body.empty()) {
      const Indicator& indicator = plan.indicators[static_cast<size_t>(chart_idx)];
      const std::string& label =
          options.lang == Lang::en && !indicator.label_en.empty() ? indicator.label_en : indicator.label_vi;
      out += "<section id=\"chart\">\n<h2>" + chiso::text::escape_markup(words.chart) + ": " + chiso::text::escape_markup(label) +
             "</h2>\n<figure>\n";
      out += body;
      out += "\n</figure>\n</section>\n";
    }
  }

  write_findings(out, model, words);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

Result<void> write_html(const Plan& plan, const CheckedTable& table, const ReportOptions& options,
                        const std::string& path) {
  return write_file(path, to_html(plan, table, options));
}

}  // namespace chiso::report
