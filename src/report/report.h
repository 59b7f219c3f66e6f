// Publishing a checked table. Every writer takes the plan (labels, groups,
// order, notes) and a CheckedTable (rows, findings, summary) and never
// recomputes anything the check/consolidate stages computed.
#pragma once

#include <string>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"

namespace chiso::report {

enum class Lang { vi, en };

struct ReportOptions {
  Lang lang = Lang::vi;
  char csv_delimiter = ',';
};

Result<void> write_xlsx(const Plan& plan, const CheckedTable& table,
                        const ReportOptions& options, const std::string& path);
Result<void> write_html(const Plan& plan, const CheckedTable& table,
                        const ReportOptions& options, const std::string& path);
Result<void> write_csv(const Plan& plan, const CheckedTable& table,
                       const ReportOptions& options, const std::string& path);
// The JSON of `chiso check --format json` (see issue/README): units, findings,
// summary; plus "period" when the table has one.
std::string to_json(const Plan& plan, const CheckedTable& table);
// The text for people printed by `chiso check`.
std::string to_text(const Plan& plan, const CheckedTable& table, const ReportOptions& options);

}  // namespace chiso::report
