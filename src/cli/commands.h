// The chiso commands. Each returns the process exit code (context.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "service/period_table.h"
#include "service/unit_trend.h"

namespace chiso::cli {

struct CheckArgs {
  std::string file;
  std::string period;
  std::string format = "text";  // text | json
  int findings_shown_max = 200;  // text: the rest are counted, not printed
  bool list_all = false;         // text: list "not reported" notes too
};
int run_check(Context& ctx, const CheckArgs& args);

struct ImportArgs {
  std::string file;
  std::string period;
  bool replace_period = false;   // withdraw the period's units not in the file
  bool allow_same_file = false;  // the same file into a second period
};
int run_import(Context& ctx, const ImportArgs& args);

struct ReportArgs {
  std::string period;
  std::string format;  // xlsx | html | csv | json | docx | pdf; "" = from -o
  std::string output;  // "-" = standard output
  std::string delimiter = ",";
  std::string variant = "publish";
  std::string attached_to, date, issuer;
  bool with_summary = false;
  std::string compare;  // previous period
  std::vector<std::string> charts;  // DOCX/PDF: --chart CODE (repeatable)
  bool with_charts = false;         // DOCX/PDF: every percent ratio/mean indicator
  // DOCX/PDF: this unit's own submitted row with a signature block, not the
  // period's table (report/appendix.h).
  std::string unit;
};
int run_report(Context& ctx, const ReportArgs& args);  // chiso-publish only

int run_periods(Context& ctx);
int run_units(Context& ctx);
struct HistoryArgs {
  std::string period;
  std::string unit;
  std::string indicator;
  std::string format = "text";  // text | json
  bool all = false;  // a whole period's first versions too
};
int run_history(Context& ctx, const HistoryArgs& args);
// Each unit of a period with its submission's state, version, time, source and
// findings outstanding; the units that have not reported.
int run_status(Context& ctx, const std::string& period, const std::string& format);
struct TrendArgs {
  std::string indicator;
  std::string format;       // text | json, or svg | png | pdf with -o; "" = text, or from -o
  std::string period_kind;  // month | quarter | half | year; "" = the kind of the latest period
  std::string output;       // a chart file, "-" = standard output; "" = no chart
  std::string unit;         // "" = the city-wide line alone; else that unit's line beside it
};
// The city-wide figure of `indicator` over the stored periods of one kind
// (the other kinds are listed apart), as text or JSON.
int run_trend(Context& ctx, const TrendArgs& args);
// The trend `args` asks for; not found (naming the stored periods) when no
// period of the kind asked is stored.
Result<service::Trend> load_trend(Context& ctx, Store& store, const TrendArgs& args);
// The same with the line of `args.unit` (as typed, matched to a registered
// unit), following its successors after a reorganisation.
Result<service::UnitTrendLines> load_unit_trend(Context& ctx, Store& store, const TrendArgs& args);
// The same as a chart (.svg/.png/.pdf); chiso-publish only.
int run_trend_chart(Context& ctx, const TrendArgs& args);

struct ChartArgs {
  std::string period;
  std::string indicator;
  std::string output;  // "-" = standard output
  std::string format;  // svg | png | pdf; "" = from the output's extension
  std::optional<double> target;
};
int run_chart(Context& ctx, const ChartArgs& args);  // chiso-publish only

// Units ranked on one indicator of a stored period; ties share a rank,
// units that did not report are listed apart.
int run_rank(Context& ctx, const std::string& period, const std::string& indicator,
             const std::string& format);

int run_plan_check(Context& ctx);
// The plan's indicators: code, Vietnamese and English labels, unit, kind.
int run_indicators(Context& ctx, const std::string& format);

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  // store threads; 0 = the machine's cores
  std::string trusted_proxy;
  std::string access_log;  // "" = stderr
  int wait_for_database = 60;  // seconds (server::ServeOptions::database_wait_seconds)
};
// The HTTP server and its API (src/server/), until SIGTERM or SIGINT.
int run_serve(Context& ctx, const ServeArgs& args);


}  // namespace chiso::cli
