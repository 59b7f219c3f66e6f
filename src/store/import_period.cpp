#include "store/import_period.h"

namespace chiso::store_detail {

Error nothing_to_replace(const std::string& file_name, const std::string& period) {
  return make_error(ErrorKind::bad_input,
                    "Tệp " + file_name + " không có dòng nào của kỳ " + period +
                        ": không thay thế kỳ này (mọi đơn vị sẽ bị rút).",
                    "File " + file_name + " has no row of period " + period +
                        ": not replacing that period (every unit would be withdrawn).");
}

Error import_locked_error(const std::string& file_name, const std::string& period) {
  return make_error(ErrorKind::conflict,
                    "Kỳ " + period + " đã khoá: không nhập thêm được (tệp " + file_name +
                        "). Quản trị viên mở khoá kỳ trước, kèm lý do.",
                    "Period " + period + " is locked: nothing can be imported into it (file " + file_name +
                        "). An administrator must unlock it first, with a reason.");
}

Error same_file_error(const SourceFile& file, const std::string& other_period, const std::string& period) {
  return make_error(ErrorKind::conflict,
                    "Tệp " + file.name + " (cùng nội dung, SHA-256 " + file.sha256_hex.substr(0, 12) +
                        "…) đã được nhập vào kỳ " + other_period + "; không nhập vào kỳ " + period +
                        ". Nếu đúng là cùng số liệu cho cả hai kỳ, thêm --allow-same-file.",
                    "File " + file.name + " (the same content, SHA-256 " + file.sha256_hex.substr(0, 12) +
                        "…) is already stored under period " + other_period + "; not importing it into " + period +
                        ". If the same figures really belong to both periods, add --allow-same-file.");
}

Error no_period_error(const std::string& file_name) {
  return make_error(ErrorKind::bad_input,
                    "Thiếu kỳ báo cáo (tệp " + file_name + "): hãy chỉ ra --period hoặc thêm cột 'Kỳ báo cáo'.",
                    "No reporting period (file " + file_name + "): give --period or a 'Kỳ báo cáo' column.");
}

Error row_size_error(const UnitRow& row, std::size_t indicator_count) {
  return make_error(ErrorKind::internal,
                    "Dòng " + std::to_string(row.row_number) + " (" + row.raw_name + ") có " +
                        std::to_string(row.values.size()) + " giá trị, kế hoạch có " +
                        std::to_string(indicator_count) + " chỉ tiêu.",
                    "Row " + std::to_string(row.row_number) + " (" + row.raw_name + ") has " +
                        std::to_string(row.values.size()) + " values; the plan has " +
                        std::to_string(indicator_count) + " indicators.");
}

Error summary_size_error(std::string_view period) {
  return make_error(ErrorKind::internal, "Bảng tổng hợp của kỳ " + std::string(period) + " không khớp kế hoạch.",
                    "The summary of period " + std::string(period) + " does not fit the plan.");
}

Error writer_spent_error(bool committed) {
  if (committed)
    return make_error(ErrorKind::internal, "Lần nhập đã được ghi xong, không thể ghi thêm.",
                      "The import is already committed.");
  return make_error(ErrorKind::internal, "Lần nhập đã bị hủy sau một lỗi trước đó.",
                    "The import was abandoned after an earlier error.");
}

}  // namespace chiso::store_detail
