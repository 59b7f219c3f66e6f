#include "cli/context.h"

#include <fmt/core.h>

#include <cstdio>

#include "check/checker.h"
#include "plan/period.h"
#include "plan/plan_cache.h"

namespace chiso::cli {

Result<const Plan*> Context::plan() {
  if (!plan_) {
    std::string path = options_.plan_path.empty() ? default_plan_path() : options_.plan_path;
    auto loaded = load_plan_cached(path);
    if (!loaded) return loaded.error();
    // Expressions are compiled once here so that a bad rule is reported as a
    // plan problem before any file is read.
    plan_ = std::make_unique<Plan>(std::move(loaded).value());
    auto compiled = check::compile(*plan_);
    if (!compiled) {
      plan_.reset();
      return make_error(fmt::format("{}: {}", path, compiled.error().message));
    }
    compiled_ = std::move(compiled).value();
  }
  return plan_.get();
}

Result<std::shared_ptr<const check::CompiledPlan>> Context::compiled_plan() {
  if (auto loaded = plan(); !loaded) return loaded.error();
  return compiled_;
}

Result<Store*> Context::store() {
  if (!store_) {
    auto opened = open_sqlite_store(options_.db_path);
    if (!opened) return opened.error();
    store_ = std::move(opened).value();
  }
  return store_.get();
}

Result<const Indicator*> Context::indicator(const std::string& code) {
  auto loaded = plan();
  if (!loaded) return loaded.error();
  const int idx = (*loaded)->indicator_index(code);
  if (idx < 0) {
    return make_error(tr("kế hoạch không có chỉ số '{}'", "the plan has no indicator '{}'", code));
  }
  return &(*loaded)->indicators[static_cast<std::size_t>(idx)];
}

Result<std::string> Context::period(const std::string& text) const {
  if (text.empty()) return std::string();
  auto normalized = normalize_period(text);
  if (!normalized) {
    return make_error(tr("kỳ báo cáo '{}' không hợp lệ; cần dạng 2024-Q4 (hoặc Quý IV/2024), "
                         "2025-03 (hoặc 03/2025), 2025-H1 hoặc 2025",
                         "period '{}' is not valid; expected 2024-Q4 (or Quý IV/2024), "
                         "2025-03 (or 03/2025), 2025-H1 or 2025",
                         text));
  }
  return *normalized;
}

int Context::fail(const Error& error, int bad_input_code) const {
  int code = exit_usage;
  switch (error.kind) {
    case ErrorKind::bad_input: code = error.field.empty() ? bad_input_code : exit_usage; break;
    case ErrorKind::not_found: code = exit_usage; break;
    case ErrorKind::conflict: code = exit_conflict; break;
    case ErrorKind::busy: code = exit_busy; break;
    case ErrorKind::internal: code = exit_usage; break;
  }
  return cli::fail(code, error.text(english()));
}

int fail(int code, std::string_view message) {
  fmt::print(stderr, "chiso: {}\n", message);
  return code;
}

}  // namespace chiso::cli
