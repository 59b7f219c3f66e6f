#include "service/import_input.h"

#include <fmt/format.h>

#include "service/period_table.h"

namespace chiso::service {
namespace {

constexpr const char* kInterruptedField = "interrupted";

Error interrupted(const std::string& file_label) {
  Error error = make_error(
      ErrorKind::conflict,
      fmt::format("{}: đã dừng theo yêu cầu; không lưu gì (giao dịch đã được huỷ)", file_label),
      fmt::format("{}: stopped on request; nothing was stored (the transaction was rolled back)",
                  file_label));
  error.field = kInterruptedField;
  return error;
}

}  // namespace

bool is_interrupted(const Error& error) { return error.field == kInterruptedField; }

Result<ImportOutcome> import_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                   Store& store, const Input& input, const ImportRequest& request) {
  const std::string file_label = input.name.empty() ? input.path : input.name;
  // One transaction for the whole file: nothing is visible to others, and
  // nothing is left behind on failure, until commit().
  std::unique_ptr<ImportWriter> writer;
  ScanOptions options;
  options.default_period = request.period;
  options.min_severity = Severity::warning;
  options.checks_while_reading = true;  // storing is the heavier half
  // On the reading thread too, for the same reason; `writer` is set by then
  // (on_file comes before the first row).
  options.encode_row = [&writer](const UnitRow& row, EncodedCells& out) { writer->encode_row(row, out); };
  std::optional<Error> refused;  // why the scan was stopped, as the user should hear it

  auto scan = scan_input(
      plan, std::move(compiled), input, options,
      [&](const SourceFile& file) -> Result<void> {
        ImportOptions import_options;
        import_options.author = request.author;
        import_options.allow_same_file_in_other_period = request.allow_same_file;
        if (request.replace_period && !request.period.empty()) import_options.replace_periods = {request.period};
        auto begun = store.begin_import(plan, file, import_options);
        if (!begun) return begun.error();
        writer = std::move(begun).value();
        return {};
      },
      [&](const UnitRow& row, std::span<const Finding> findings, EncodedCells* encoded) -> Result<void> {
        if (row.period.empty()) {
          refused = make_error(
              ErrorKind::bad_input,
              fmt::format("{}: bảng không có cột \"Kỳ báo cáo\"; hãy cho biết kỳ bằng --period (vd. --period 2024-Q4)",
                          file_label),
              fmt::format("{}: the table has no period column (\"Kỳ báo cáo\"); give the period with --period "
                          "(e.g. --period 2024-Q4)",
                          file_label));
          refused->field = "period";
          return *refused;
        }
        if (request.stop != nullptr && request.stop->load()) {
          refused = interrupted(file_label);
          return *refused;
        }
        return encoded != nullptr ? writer->add_encoded_row(row, *encoded, findings) : writer->add_row(row, findings);
      });
  if (!scan) return refused ? *refused : scan.error();
  if (scan->has_period_column && !request.period.empty()) {
    Error error = make_error(ErrorKind::bad_input,
                      fmt::format("{}: bảng đã có cột \"Kỳ báo cáo\" cho từng dòng; bỏ --period {} (kỳ của mỗi dòng "
                                  "lấy từ cột đó).",
                                  file_label, request.period),
                      fmt::format("{}: the table has a period column (\"Kỳ báo cáo\") for each row; leave out "
                                  "--period {} (each row's period comes from that column).",
                                  file_label, request.period));
    error.field = "period";
    return error;
  }
  if (scan->row_count == 0)
    return make_error(ErrorKind::bad_input, fmt::format("{}: không có dòng dữ liệu nào để lưu", file_label),
                      fmt::format("{}: no data rows to store", file_label));
  for (const auto& [row_period, summary] : scan->summaries) {
    if (auto done = writer->add_findings(row_period, scan->table_findings); !done) return done.error();
    // Kept by the commit itself when they are the period's figures.
    if (auto done = writer->add_summary(row_period, summary); !done) return done.error();
  }
  if (request.stop != nullptr && request.stop->load()) return interrupted(file_label);
  auto committed = writer->commit();
  if (!committed) return committed.error();
  writer.reset();

  ImportOutcome outcome;
  outcome.scan = std::move(*scan);
  outcome.periods = std::move(*committed);
  // A period where units kept from before are current with the file's: its
  // figures made again from its current units.
  for (const auto& [period, done] : outcome.periods) {
    if (done.summary_kept) continue;
    if (auto made = period_summary(plan, store, period); !made) return made.error();
  }
  return outcome;
}

std::string describe(const PeriodImport& period, bool english) {
  std::string text =
      english ? fmt::format("{} new units, {} changed, {} unchanged; {} withdrawn", period.new_count,
                            period.changed_count, period.unchanged_count, period.withdrawn_units.size())
              : fmt::format("{} đơn vị mới, {} đơn vị thay đổi, {} không đổi; {} đơn vị bị rút", period.new_count,
                            period.changed_count, period.unchanged_count, period.withdrawn_units.size());
  if (period.kept_count > 0)
    text += english ? fmt::format("; {} other units keep their submission", period.kept_count)
                    : fmt::format("; {} đơn vị khác giữ nguyên số liệu đã nộp", period.kept_count);
  if (period.repeated_count > 0)
    text += english ? fmt::format("; {} rows repeat a unit of an earlier row (the later row is kept)",
                                  period.repeated_count)
                    : fmt::format("; {} dòng lặp lại đơn vị của dòng trước (giữ dòng sau)", period.repeated_count);
  if (!period.withdrawn_units.empty()) {
    text += english ? ". Withdrawn: " : ". Bị rút: ";
    for (std::size_t name_idx = 0; name_idx < period.withdrawn_units.size(); ++name_idx)
      text += (name_idx > 0 ? ", " : "") + period.withdrawn_units[name_idx];
  }
  return text;
}

}  // namespace chiso::service
