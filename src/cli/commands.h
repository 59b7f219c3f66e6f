// The chiso commands. Each returns the process exit code (context.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"

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
  std::string output;
  std::string delimiter = ",";
  std::string variant = "publish";
  std::string attached_to, date, issuer;
  bool with_summary = false;
  std::string compare;  // previous period
  std::vector<std::string> charts;  // DOCX/PDF: --chart CODE (repeatable)
  bool with_charts = false;         // DOCX/PDF: every percent ratio/mean indicator
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
// The city-wide figure of `indicator` over the stored periods, as text or JSON.
int run_trend(Context& ctx, const std::string& indicator, const std::string& format);
// The same as a chart (.svg/.png/.pdf); chiso-publish only.
int run_trend_chart(Context& ctx, const std::string& indicator, const std::string& output);

struct ChartArgs {
  std::string period;
  std::string indicator;
  std::string output;
  std::optional<double> target;
};
int run_chart(Context& ctx, const ChartArgs& args);  // chiso-publish only

// Units ranked on one indicator of a stored period; ties share a rank,
// units that did not report are listed apart.
int run_rank(Context& ctx, const std::string& period, const std::string& indicator,
             const std::string& format);

int run_plan_check(Context& ctx);

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  // store threads; 0 = the machine's cores
  std::string trusted_proxy;
  std::string access_log;  // "" = stderr
};
// The HTTP server and its API (src/server/), until SIGTERM or SIGINT.
int run_serve(Context& ctx, const ServeArgs& args);


}  // namespace chiso::cli
