// A plan and a checked table built by hand for the report tests: the 15
// indicators of Plan 197 in the seed's order with its groups, five registered
// units, and rows copied by hand from the seed (rows 1, 5 and 15) plus one
// unregistered unit. Summary figures are computed by hand below (the report
// must only format them).
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::report_test {

inline Indicator make_indicator(std::string code, std::string group, std::string label_vi,
                                std::string label_en, IndicatorKind kind,
                                Consolidation consolidation, int decimals) {
  Indicator indicator;
  indicator.code = std::move(code);
  indicator.group = std::move(group);
  indicator.label_vi = std::move(label_vi);
  indicator.label_en = std::move(label_en);
  indicator.kind = kind;
  indicator.consolidation = consolidation;
  indicator.decimals = decimals;
  return indicator;
}

inline Plan make_plan() {
  Plan plan;
  plan.id = "test-197";
  plan.appendix_vi = "PHỤ LỤC 2";
  plan.title_vi = "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND";
  plan.title_en = "STATISTICS OF SELECTED INDICATORS UNDER PLAN No. 197/KH-UBND";
  plan.notes_vi = {"Ghi chú: dấu (*) đơn vị không đánh dấu (x) là đơn vị không có chức năng"};
  plan.notes_en = {"Note: a unit without (x) has no such duty"};
  plan.unit_name_headers = {"Tên đơn vị"};
  plan.groups = {
      {"tthc", "Thực hiện thủ tục hành chính", "Administrative procedures"},
      {"online", "Thực hiện dịch vụ hành chính công trực tuyến", "Online public services"},
      {"rooms", "Phòng họp trực tuyến", "Online meeting rooms"},
  };
  using K = IndicatorKind;
  using C = Consolidation;
  plan.indicators = {
      make_indicator("tthc_shortened", "tthc", "Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)",
                     "Procedures shortened", K::count, C::sum, 0),
      make_indicator("days_shortened_avg", "tthc", "Số ngày trung bình được rút ngắn",
                     "Average days cut", K::days, C::weighted_mean, 2),
      make_indicator("online_total", "online", "Tổng số dịch vụ hành chính công trực tuyến",
                     "Online services", K::count, C::sum, 0),
      make_indicator("online_full", "online", "Dịch vụ hành chính công toàn trình",
                     "Full-process services", K::count, C::sum, 0),
      make_indicator("online_full_pct", "online",
                     "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)",
                     "Full-process share (%)", K::percent, C::ratio, 2),
      make_indicator("online_partial", "online", "Dịch vụ hành chính công một phần",
                     "Partial services", K::count, C::sum, 0),
      make_indicator("online_partial_pct", "online",
                     "Tỷ lệ DVHCC một phần/Tổng số DVHCC trực tuyến (%)", "Partial share (%)",
                     K::percent, C::ratio, 2),
      make_indicator("cashless_pct", "", "Thu phí, lệ phí không dùng tiền mặt (%)",
                     "Cashless fees (%)", K::percent, C::mean, 2),
      make_indicator("first_time_valid_pct", "",
                     "Tỷ lệ người dân và DN nộp được hồ sơ hợp lệ ngay từ lần nộp đầu tiên (%)",
                     "Valid at first submission (%)", K::percent, C::mean, 2),
      make_indicator("meeting_room_has", "rooms", "Đã có phòng họp trực tuyến", "Has online rooms",
                     K::mark, C::mark_count, 0),
      make_indicator("meeting_room_count", "rooms", "Số lượng phòng họp trực tuyến",
                     "Online rooms", K::count, C::sum, 0),
      make_indicator("ddci_connected", "", "Đã kết nối với trang DDCI", "Connected to DDCI",
                     K::mark, C::mark_count, 0),
      make_indicator("ai_answering", "",
                     "Cổng Thông tin điện tử thành phần đã sử dụng hình thức trả lời trực tuyến bằng AI",
                     "AI answering", K::mark, C::mark_count, 0),
      make_indicator("licence_model", "",
                     "Phối hợp TH mô hình \"Kết nối thủ tục giấy phép kinh doanh có điều kiện\"",
                     "Licence model", K::mark, C::mark_count, 0),
      make_indicator("commitments_published", "",
                     "Thực hiện công khai các cam kết cụ thể với DN trên Cổng TTĐT TP",
                     "Commitments published", K::mark, C::mark_count, 0),
  };
  plan.indicators[1].weight = "tthc_shortened";
  plan.indicators[4].formula = "100 * online_full / online_total";
  plan.indicators[6].formula = "100 * online_partial / online_total";
  auto unit = [](std::string name, UnitKind kind) {
    UnitDef def;
    def.name = std::move(name);
    def.kind = kind;
    return def;
  };
  plan.units = {
      unit("Sở Kế hoạch và Đầu tư", UnitKind::department),
      unit("Công an thành phố", UnitKind::agency),
      unit("Sở Văn hóa và Thể thao", UnitKind::department),
      unit("Sở Khoa học và Công nghệ", UnitKind::department),
      unit("UBND huyện Cát Hải", UnitKind::district),
  };
  return plan;
}

// "" = blank, "x" = yes, "0" on a mark column = no, a number, else text.
inline Value make_value(const Indicator& indicator, const std::string& raw, double number,
                        int line, int column) {
  Value value;
  value.raw = raw;
  value.pos = {1, line, column};
  if (raw.empty()) {
    value.state = ValueState::blank;
  } else if (indicator.kind == IndicatorKind::mark && raw == "x") {
    value.state = ValueState::yes;
    value.number = 1;
  } else if (indicator.kind == IndicatorKind::mark && raw == "0") {
    value.state = ValueState::no;
  } else if (number >= 0) {
    value.state = ValueState::number;
    value.number = number;
  } else {
    value.state = ValueState::text;
  }
  return value;
}

struct Cell {
  const char* raw;
  double number;  // -1 = not a number (text or mark)
};

inline UnitRow make_row(const Plan& plan, int row_number, const std::string& raw_name,
                        const std::string& unit_name, int line, std::vector<Cell> cells) {
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = raw_name;
  row.unit_name = unit_name;
  row.pos = {1, line, 2};
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    Cell cell = idx < cells.size() ? cells[idx] : Cell{"", -1};
    row.values.push_back(make_value(plan.indicators[idx], cell.raw, cell.number, line,
                                    static_cast<int>(idx) + 3));
  }
  return row;
}

inline Finding make_finding(Severity severity, std::string rule, std::string unit, int row,
                            std::string indicator, std::string message_vi, std::string message_en,
                            std::string raw, std::string expected, CellPos pos) {
  Finding finding;
  finding.severity = severity;
  finding.rule_id = std::move(rule);
  finding.unit = std::move(unit);
  finding.row = row;
  finding.indicator = std::move(indicator);
  finding.message_vi = std::move(message_vi);
  finding.message_en = std::move(message_en);
  finding.raw = std::move(raw);
  finding.expected = std::move(expected);
  finding.file = "seed.txt";
  finding.pos = pos;
  return finding;
}

// Rows in table order 15, 1, 99 (unregistered), 5 so that the plan order
// (1, 5, 15, then 99) has to be restored by the report.
inline CheckedTable make_table() {
  Plan plan = make_plan();
  CheckedTable table;
  table.source_file = "seed.txt";
  table.period = "2024-Q4";
  table.rows.push_back(make_row(plan, 15, "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", 22,
                                {{"3", 3}, {"", -1}, {"54", 54}, {"54", 54}, {"100", 100}, {"0", 0},
                                 {"0", 0}, {"100", 100}, {"86-96", -1}, {"x", -1}, {"5", 5},
                                 {"x", -1}, {"", -1}, {"x", -1}, {"x", -1}}));
  table.rows.push_back(make_row(plan, 1, "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", 6,
                                {{"66", 66}, {"1,5", 1.5}, {"49", 49}, {"49", 49}, {"100", 100},
                                 {"0", 0}, {"0", 0}, {"100", 100}, {"", -1}, {"x", -1}, {"2", 2},
                                 {"x", -1}, {"x", -1}, {"x", -1}, {"", -1}}));
  table.rows.push_back(make_row(plan, 99, "Đơn vị <lạ>, \"mới\"", "", 23,
                                {{"", -1}, {"", -1}, {"10", 10}, {"5", 5}}));
  table.rows.push_back(make_row(plan, 5, "Sở Văn hóa và Thể thao", "Sở Văn hóa và Thể thao", 10,
                                {{"13", 13}, {"1,5", 1.5}, {"96", 96}, {"57", 57}, {"59,4", 59.4},
                                 {"37", 37}, {"40,6", 40.6}, {"100", 100}, {"99,71", 99.71},
                                 {"0", -1}, {"0", 0}, {"x", -1}, {"", -1}, {"x", -1}, {"x", -1}}));

  table.findings.push_back(make_finding(
      Severity::error, "value.not_number", "Sở Khoa học và Công nghệ", 15, "first_time_valid_pct",
      "Giá trị không phải là số", "The value is not a number", "86-96", "", {1, 22, 11}));
  table.findings.push_back(make_finding(
      Severity::warning, "unit.unknown", "Đơn vị <lạ>, \"mới\"", 99, "",
      "Đơn vị chưa đăng ký", "Unit not registered", "Đơn vị <lạ>, \"mới\"", "", {1, 23, 2}));
  Finding share = make_finding(Severity::warning, "share.partial", "Sở Văn hóa và Thể thao", 5,
                               "online_partial_pct", "Tỷ lệ nhập không khớp với số liệu",
                               "The typed share does not agree with the counts", "40,6", "38,54",
                               {1, 10, 9});
  share.hint_vi = "Có thể nhập nhầm";
  share.hint_en = "Possibly a typo";
  table.findings.push_back(share);
  table.findings.push_back(make_finding(Severity::info, "header.unknown", "", 0, "",
                                        "Cột không khớp chỉ tiêu nào", "A column matches no indicator",
                                        "Cột lạ", "", {1, 4, 18}));

  // City-wide figures by hand (see the file comment).
  table.summary.resize(plan.indicators.size());
  auto set = [&](int idx, std::optional<double> value, int reporting) {
    table.summary[static_cast<size_t>(idx)].value = value;
    table.summary[static_cast<size_t>(idx)].units_reporting = reporting;
  };
  auto marks = [&](int idx, int yes, int no, int blank) {
    SummaryValue& figure = table.summary[static_cast<size_t>(idx)];
    figure.yes = yes;
    figure.no = no;
    figure.blank = blank;
    figure.units_reporting = yes + no;
  };
  set(0, 82, 3);                        // 66 + 13 + 3
  set(1, 1.5, 2);                       // (66·1,5 + 13·1,5) / 79
  set(2, 209, 4);                       // 49 + 96 + 54 + 10
  set(3, 165, 4);                       // 49 + 57 + 54 + 5
  set(4, 100.0 * 165 / 209, 4);         // 78,947…
  set(5, 37, 3);                        // 0 + 37 + 0
  set(6, 100.0 * 37 / 209, 3);          // 17,703…
  set(7, 100, 3);
  set(8, 99.71, 1);
  marks(9, 2, 1, 1);
  set(10, 7, 3);                        // 2 + 0 + 5
  marks(11, 3, 0, 1);
  marks(12, 1, 0, 3);
  marks(13, 3, 0, 1);
  marks(14, 2, 0, 2);
  return table;
}

// Runs a command and returns its standard output; exit status in `status`.
inline std::string run_command(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *status = -1;
    return out;
  }
  char buffer[4096];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  *status = pclose(pipe);
  return out;
}

inline std::string python() {
  FILE* probe = std::fopen("/usr/bin/python3", "rb");
  if (probe) {
    std::fclose(probe);
    return "/usr/bin/python3";
  }
  return "python3";
}

// What tests/report/read_xlsx.py (openpyxl) reads from the workbook, as JSON.
inline std::string read_xlsx_json(const std::string& path, int* status) {
  return run_command(python() + " '" CHISO_SOURCE_DIR "/tests/report/read_xlsx.py' '" + path + "'", status);
}

inline std::string out_dir() {
  std::string dir = std::string(CHISO_BINARY_DIR) + "/report_test_out";
  int status = 0;
  run_command("mkdir -p '" + dir + "'", &status);
  return dir;
}

}  // namespace chiso::report_test
