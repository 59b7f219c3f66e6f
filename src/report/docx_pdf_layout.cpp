// The appendix page shared by the DOCX and PDF writers: heading lines, the
// two-level header grid, display rows in plan order, notes and findings.

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "common/number.h"
#include "common/text.h"
#include "report/appendix.h"

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

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

struct Date {
  int year = 0, month = 0, day = 0;
};

std::optional<Date> parse_date(const std::string& text) {
  Date date;
  char tail = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t idx : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[idx] < '0' || text[idx] > '9') return std::nullopt;
  }
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &date.year, &date.month, &date.day, &tail) != 3)
    return std::nullopt;
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

std::string mark_summary(const SummaryValue& summary) {
  int total = summary.yes + summary.no + summary.blank;
  return std::to_string(summary.yes) + "/" + std::to_string(total);
}

std::string display_value(const Indicator& indicator, const Value& value) {
  switch (value.state) {
    case ValueState::blank: return "";
    case ValueState::yes: return "x";
    case ValueState::no: return "0";
    case ValueState::text: return value.raw;
    case ValueState::number: return number::format_vi(value.number, indicator.decimals);
  }
  return "";
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

}  // namespace

Result<std::string> attached_line(const AppendixOptions& options) {
  const bool vi = options.lang == Lang::vi;
  std::string date_text;
  if (options.date.empty()) {
    date_text = vi ? std::string("ngày ") + kDots + " tháng " + kDots + " năm " + kDots
                   : std::string("dated ") + kDots;
  } else {
    std::optional<Date> date = parse_date(options.date);
    if (!date) {
      return make_error(vi ? "Ngày kèm theo không hợp lệ: \"" + options.date +
                                 "\"; cần dạng NNNN-TT-NN, ví dụ 2025-01-15 "
                                 "(invalid --date \"" + options.date + "\"; expected YYYY-MM-DD)"
                           : "invalid --date \"" + options.date +
                                 "\"; expected YYYY-MM-DD, e.g. 2025-01-15");
    }
    if (vi) {
      date_text = "ngày " + two_digits_if(date->day, true) + " tháng " +
                  two_digits_if(date->month, date->month <= 2) + " năm " +
                  std::to_string(date->year);
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date->year, date->month, date->day);
      date_text = std::string("dated ") + buffer;
    }
  }
  std::string attached = options.attached_to.empty()
                             ? std::string(vi ? "Báo cáo số " : "Report No. ") + kDots + "/BC-UBND"
                             : text::to_nfc(options.attached_to);
  std::string issuer = options.issuer.empty() ? kDots : text::to_nfc(options.issuer);
  if (vi) return "(Kèm theo " + attached + " " + date_text + " của " + issuer + ")";
  return "(Attached to " + attached + " " + date_text + " of " + issuer + ")";
}

Result<AppendixLayout> lay_out_appendix(const Plan& plan, const CheckedTable& table,
                                        const AppendixOptions& options) {
  const bool vi = options.lang == Lang::vi;
  AppendixLayout layout;

  // 1. Heading.
  std::string appendix = !plan.appendix_vi.empty() ? plan.appendix_vi
                         : !table.title_lines.empty() ? table.title_lines[0]
                                                      : std::string("PHỤ LỤC");
  if (!vi) {
    std::string upper = upper_vi(appendix);
    const std::string word = "PHỤ LỤC";
    if (upper.rfind(word, 0) == 0) appendix = "APPENDIX" + upper.substr(word.size());
  }
  layout.appendix_line = text::to_nfc(appendix);
  std::string title = vi ? plan.title_vi : (plan.title_en.empty() ? plan.title_vi : plan.title_en);
  if (title.empty() && table.title_lines.size() > 1) title = table.title_lines[1];
  layout.title_line = upper_vi(text::to_nfc(title));
  Result<std::string> attached = attached_line(options);
  if (!attached) return attached.error();
  layout.attached_line = *attached;
  if (options.with_summary) layout.summary_paragraphs = split_paragraphs(options.summary_text);

  // 2. Header grid: STT, unit name, then the indicators; consecutive
  // indicators of one group share a group cell.
  const int indicator_count = static_cast<int>(plan.indicators.size());
  const bool grouped = std::any_of(plan.indicators.begin(), plan.indicators.end(),
                                   [](const Indicator& ind) { return !ind.group.empty(); });
  layout.header_rows = grouped ? 2 : 1;
  layout.columns = 2 + indicator_count;
  layout.header.push_back({vi ? "STT" : "No.", 0, 0, layout.header_rows, 1});
  layout.header.push_back({vi ? "Tên đơn vị" : "Unit", 0, 1, layout.header_rows, 1});
  layout.column_weights = {0.55, 2.4};
  for (int ind_idx = 0; ind_idx < indicator_count;) {
    const Indicator& indicator = plan.indicators[ind_idx];
    const Group* group = indicator.group.empty() ? nullptr : plan.group(indicator.group);
    auto label = [&](const Indicator& ind) {
      return text::to_nfc(vi || ind.label_en.empty() ? ind.label_vi : ind.label_en);
    };
    if (!group) {
      layout.header.push_back({label(indicator), 0, 2 + ind_idx, layout.header_rows, 1});
      layout.column_weights.push_back(1.0);
      ++ind_idx;
      continue;
    }
    int span = 0;
    while (ind_idx + span < indicator_count &&
           plan.indicators[ind_idx + span].group == indicator.group) {
      const Indicator& member = plan.indicators[ind_idx + span];
      layout.header.push_back({label(member), 1, 2 + ind_idx + span, 1, 1});
      layout.column_weights.push_back(1.0);
      ++span;
    }
    std::string group_label = vi || group->label_en.empty() ? group->label_vi : group->label_en;
    layout.header.push_back({text::to_nfc(group_label), 0, 2 + ind_idx, 1, span});
    ind_idx += span;
  }
  std::stable_sort(layout.header.begin(), layout.header.end(),
                   [](const HeaderCell& a, const HeaderCell& b) {
                     return a.row != b.row ? a.row < b.row : a.col < b.col;
                   });

  // 3. Rows in plan order; unregistered units after, in table order.
  std::vector<const UnitRow*> ordered;
  ordered.reserve(table.rows.size());
  for (const UnitRow& row : table.rows) ordered.push_back(&row);
  auto plan_rank = [&](const UnitRow* row) {
    int idx = row->unit_name.empty() ? -1 : plan.unit_index(row->unit_name);
    return idx < 0 ? static_cast<int>(plan.units.size()) : idx;
  };
  std::stable_sort(ordered.begin(), ordered.end(), [&](const UnitRow* a, const UnitRow* b) {
    return plan_rank(a) < plan_rank(b);
  });

  // Worst finding per (row number, indicator); "" indicator = the name cell.
  std::map<std::pair<int, std::string>, Severity> shaded;
  if (options.variant == Variant::review) {
    for (const Finding& finding : table.findings) {
      if (finding.row <= 0) continue;
      auto key = std::make_pair(finding.row, finding.indicator);
      auto it = shaded.find(key);
      if (it == shaded.end() || it->second < finding.severity) shaded[key] = finding.severity;
    }
  }
  auto shade = [&](int row_number, const std::string& code) -> std::optional<Severity> {
    auto it = shaded.find({row_number, code});
    if (it == shaded.end()) return std::nullopt;
    return it->second;
  };

  int position = 0;
  for (const UnitRow* row : ordered) {
    BodyRow body;
    body.cells.push_back({std::to_string(++position), false, std::nullopt});
    std::string name = text::to_nfc(row->unit_name.empty() ? row->raw_name : row->unit_name);
    body.cells.push_back({name, true, shade(row->row_number, "")});
    for (int ind_idx = 0; ind_idx < indicator_count; ++ind_idx) {
      const Indicator& indicator = plan.indicators[ind_idx];
      std::string cell = ind_idx < static_cast<int>(row->values.size())
                             ? display_value(indicator, row->values[ind_idx])
                             : std::string();
      body.cells.push_back({cell, false, shade(row->row_number, indicator.code)});
    }
    layout.rows.push_back(std::move(body));
  }
  {
    BodyRow city;
    city.city_wide = true;
    city.cells.push_back({"", false, std::nullopt});
    city.cells.push_back({vi ? "Toàn thành phố" : "City-wide", true, std::nullopt});
    for (int ind_idx = 0; ind_idx < indicator_count; ++ind_idx) {
      const Indicator& indicator = plan.indicators[ind_idx];
      std::string cell;
      if (ind_idx < static_cast<int>(table.summary.size())) {
        const SummaryValue& summary = table.summary[ind_idx];
        if (indicator.kind == IndicatorKind::mark) {
          cell = mark_summary(summary);
        } else if (summary.value) {
          cell = number::format_vi(*summary.value, indicator.decimals);
        }
      }
      city.cells.push_back({cell, false, std::nullopt});
    }
    layout.rows.push_back(std::move(city));
  }

  // 4. Notes: the plan's, else those read under the table.
  const std::vector<std::string>& notes =
      !vi && !plan.notes_en.empty() ? plan.notes_en
      : !plan.notes_vi.empty()      ? plan.notes_vi
                                    : table.note_lines;
  for (const std::string& note : notes) layout.notes.push_back(text::to_nfc(note));

  // 5. Findings (review).
  if (options.variant == Variant::review) {
    layout.findings_title = vi ? "DANH SÁCH CÁC VẤN ĐỀ PHÁT HIỆN KHI KIỂM TRA SỐ LIỆU"
                               : "FINDINGS OF THE DATA CHECK";
    layout.findings_header =
        vi ? std::vector<std::string>{"STT", "Đơn vị", "Chỉ tiêu", "Nội dung", "Giá trị đã nhập",
                                      "Giá trị đúng", "Gợi ý sửa"}
           : std::vector<std::string>{"No.", "Unit", "Indicator", "Message", "Value entered",
                                      "Expected", "Likely correction"};
    layout.findings_weights = {0.5, 2.2, 2.6, 4.4, 1.1, 1.1, 2.6};
    int number = 0;
    for (const Finding& finding : table.findings) {
      std::string indicator_label;
      if (!finding.indicator.empty()) {
        int ind_idx = plan.indicator_index(finding.indicator);
        indicator_label = ind_idx < 0 ? finding.indicator
                          : vi || plan.indicators[ind_idx].label_en.empty()
                              ? plan.indicators[ind_idx].label_vi
                              : plan.indicators[ind_idx].label_en;
      }
      std::string message = vi || finding.message_en.empty() ? finding.message_vi
                                                              : finding.message_en;
      std::string hint = vi || finding.hint_en.empty() ? finding.hint_vi : finding.hint_en;
      layout.findings.push_back({std::to_string(++number), text::to_nfc(finding.unit),
                                 text::to_nfc(indicator_label), text::to_nfc(message),
                                 text::to_nfc(finding.raw), text::to_nfc(finding.expected),
                                 text::to_nfc(hint)});
      layout.findings_severity.push_back(finding.severity);
    }
  }
  return layout;
}

}  // namespace chiso::report::detail
