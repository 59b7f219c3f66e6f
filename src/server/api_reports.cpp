// A period's documents: CSV written here (report::to_csv, what `chiso report
// -o x.csv` writes), XLSX, DOCX and PDF by chiso-publish run as a child
// process on a temporary file. Publishing links cairo, pango and
// libxlsxwriter, which the server does not (cli/hand_over.h): the child
// keeps them out of the long-lived process, and a document that takes too
// long is stopped (limits::publish_timeout_ms) without touching the server.
#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/limits.h"
#include "report/report.h"
#include "server/api_detail.h"
#include "service/period_table.h"
#include "service/submitted_row.h"

extern char** environ;

namespace chiso::server::detail {
namespace {

const char* content_type_of(std::string_view format) {
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (format == "pdf") return "application/pdf";
  return "text/csv; charset=utf-8";
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Runs `chiso-publish report ARGS -o FILE` with FILE in a temporary folder
// (`format` its extension); the document's bytes, or an error with what
// chiso-publish said.
Result<std::string> publish(const Shared& shared, const std::vector<std::string>& report_args,
                            const std::string& format) {
  char folder_template[] = "/tmp/chiso-publish-XXXXXX";
  if (!mkdtemp(folder_template)) {
    return make_error(ErrorKind::internal, "Không tạo được thư mục tạm để xuất báo cáo.",
                      "Cannot make a temporary folder for the report.");
  }
  const std::filesystem::path folder(folder_template);
  const std::string output = (folder / ("report." + format)).string();
  const std::string errors = (folder / "stderr.txt").string();
  std::vector<std::string> args = {shared.publisher_path, "--db", shared.db_path};
  if (!shared.plan_path.empty()) args.insert(args.end(), {"--plan", shared.plan_path});
  args.push_back("report");
  args.insert(args.end(), report_args.begin(), report_args.end());
  args.insert(args.end(), {"-o", output});
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // The server ignores SIGPIPE; the child gets the default back.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  auto cleanup = [&] {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  };
  if (spawned != 0) {
    cleanup();
    return make_error(ErrorKind::internal,
                      fmt::format("Không chạy được {} ({}).", shared.publisher_path, std::strerror(spawned)),
                      fmt::format("Cannot run {} ({}).", shared.publisher_path, std::strerror(spawned)));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits::publish_timeout_ms);
  int status = 0;
  while (true) {
    pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      cleanup();
      return make_error(ErrorKind::busy,
                        fmt::format("Xuất báo cáo {} quá {} giây; đã dừng.", format, limits::publish_timeout_ms / 1000),
                        fmt::format("Writing the {} report took over {} s; stopped.", format,
                                    limits::publish_timeout_ms / 1000));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string said = read_whole(errors);
    while (!said.empty() && said.back() == '\n') said.pop_back();
    cleanup();
    return make_error(ErrorKind::internal, fmt::format("chiso-publish không xuất được báo cáo: {}", said),
                      fmt::format("chiso-publish could not write the report: {}", said));
  }
  std::string bytes = read_whole(output);
  cleanup();
  return bytes;
}

}  // namespace

Response period_report(Call& call) {
  const std::string& format = call.params.at("format");
  if (format != "xlsx" && format != "docx" && format != "pdf" && format != "csv") {
    return error_response(404, "not_found", fmt::format("Không có báo cáo dạng '{}'; có xlsx, docx, pdf, csv.", format),
                          fmt::format("There is no '{}' report; there are xlsx, docx, pdf, csv.", format));
  }
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  auto info = stored_period(call, *period);
  if (!info) return error_response(info.error());
  if (auto refused = refuse_unpublished(call, *info)) return *refused;
  const bool review = call.request.query.count("variant") && call.request.query.at("variant") == "review";
  const Role role = call.session->user.role;
  if (review && role != Role::administrator && role != Role::coordinator) {
    return forbidden("Bản rà soát (variant=review) chỉ dành cho điều phối viên và quản trị viên.",
                     "The review variant is for coordinators and administrators.");
  }
  Response response;
  response.content_type = content_type_of(format);
  if (format == "csv") {
    auto table = service::load_published_table(*call.shared.plan, call.store(), *period, review);
    if (!table) return error_response(table.error());
    report::ReportOptions options;
    response.body = report::to_csv(*call.shared.plan, *table, options);
  } else {
    std::vector<std::string> args = {"--period", *period, "--format", format};
    if (review) args.insert(args.end(), {"--variant", "review"});
    auto bytes = publish(call.shared, args, format);
    if (!bytes) return error_response(bytes.error());
    response.body = std::move(bytes).value();
  }
  response.headers.emplace_back("Content-Disposition",
                                fmt::format("attachment; filename=\"phu-luc-2-{}{}.{}\"", *period,
                                            review ? "-ra-soat" : "", format));
  return response;
}

// The unit's submitted (or approved) row as a document to sign: checked
// here first, so that a row not submitted is a clear 409, then written by
// chiso-publish (`chiso report --unit`).
Response unit_document(Call& call) {
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  auto unit = path_unit(call);
  if (!unit) return error_response(unit.error());
  if (auto refused = refuse_other_unit(call, **unit)) return *refused;
  const std::string& format = call.params.at("format");
  if (format != "docx" && format != "pdf") {
    return error_response(404, "not_found",
                          fmt::format("Không có văn bản dạng '{}'; có docx, pdf.", format),
                          fmt::format("There is no '{}' document; there are docx, pdf.", format));
  }
  auto info = stored_period(call, *period);
  if (!info) return error_response(info.error());
  auto submitted =
      service::load_submitted_row(*call.shared.plan, call.store(), *period, (*unit)->name);
  if (!submitted) return error_response(submitted.error());
  auto bytes = publish(call.shared,
                       {"--period", *period, "--unit", (*unit)->name, "--format", format}, format);
  if (!bytes) return error_response(bytes.error());
  Response response;
  response.content_type = content_type_of(format);
  response.body = std::move(bytes).value();
  // The file's name in ASCII: "so-lieu-2025-Q1-don-vi-3.pdf".
  response.headers.emplace_back(
      "Content-Disposition",
      fmt::format("attachment; filename=\"so-lieu-{}-don-vi-{}.{}\"", *period,
                  (*unit - call.shared.plan->units.data()) + 1, format));
  return response;
}

}  // namespace chiso::server::detail
