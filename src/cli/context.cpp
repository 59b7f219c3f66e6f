#include "cli/context.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "common/text.h"
#include "plan/period.h"
#include "plan/plan_cache.h"
#include "service/plan_fit.h"

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
    if (store_) {
      if (auto fits = plan_fits_store(*plan_, *store_); !fits) {
        plan_.reset();
        return fits.error();
      }
    }
    compiled_ = std::move(compiled).value();
  }
  return plan_.get();
}

Result<void> Context::plan_fits_store(const Plan& plan, Store& store) const {
  return service::plan_fits_store(plan, store, db_display_name(options_.db_path));
}

Result<std::shared_ptr<const check::CompiledPlan>> Context::compiled_plan() {
  if (auto loaded = plan(); !loaded) return loaded.error();
  return compiled_;
}

Result<Store*> Context::existing_store() {
  std::error_code error;
  if (!store_ && !is_postgresql_db(options_.db_path) && !std::filesystem::exists(options_.db_path, error)) {
    return make_error(ErrorKind::not_found,
                      fmt::format("không có cơ sở dữ liệu {} (chọn tệp bằng --db; chiso import tạo "
                                  "cơ sở dữ liệu khi lưu tệp đầu tiên)",
                                  options_.db_path),
                      fmt::format("no database {} (choose one with --db; chiso import creates it "
                                  "when it stores the first file)",
                                  options_.db_path));
  }
  return store();
}

Result<Store*> Context::store() {
  if (!store_) {
    auto opened = open_store(options_.db_path);
    if (!opened) return opened.error();
    if (plan_) {
      if (auto fits = plan_fits_store(*plan_, **opened); !fits) return fits.error();
    }
    store_ = std::move(opened).value();
  }
  return store_.get();
}

Result<const Indicator*> Context::indicator(const std::string& code) {
  auto loaded = plan();
  if (!loaded) return loaded.error();
  const int idx = (*loaded)->indicator_index(code);
  if (idx < 0) {
    // The codes nearest to what was typed, by edit distance, then plan order.
    const auto& indicators = (*loaded)->indicators;
    std::vector<std::pair<int, std::size_t>> by_distance;
    for (std::size_t indicator_idx = 0; indicator_idx < indicators.size(); ++indicator_idx) {
      by_distance.emplace_back(text::edit_distance(code, indicators[indicator_idx].code),
                               indicator_idx);
    }
    std::stable_sort(by_distance.begin(), by_distance.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string closest_vi, closest_en;
    for (std::size_t shown = 0; shown < by_distance.size() && shown < 3; ++shown) {
      const Indicator& near = indicators[by_distance[shown].second];
      closest_vi += fmt::format("{}{} ({})", shown ? ", " : "", near.code, near.label_vi);
      closest_en += fmt::format("{}{} ({})", shown ? ", " : "", near.code,
                                near.label_en.empty() ? near.label_vi : near.label_en);
    }
    Error error = make_error(
        ErrorKind::bad_input,
        fmt::format("kế hoạch không có chỉ tiêu '{}'; mã gần nhất: {} (tất cả: chiso indicators)",
                    code, closest_vi),
        fmt::format("the plan has no indicator '{}'; closest codes: {} (all of them: chiso "
                    "indicators)",
                    code, closest_en));
    error.field = "--indicator";
    return error;
  }
  return &(*loaded)->indicators[static_cast<std::size_t>(idx)];
}

Result<std::string> Context::period(const std::string& text) const {
  if (text.empty()) return std::string();
  auto normalized = normalize_period(text);
  if (!normalized) {
    Error error =
        make_error(ErrorKind::bad_input,
                   fmt::format("kỳ báo cáo '{}' không hợp lệ; {}", text, period_expected_vi()),
                   fmt::format("period '{}' is not valid; {}", text, period_expected_en()));
    error.field = "--period";
    return error;
  }
  return *normalized;
}

std::string Context::period_text(std::string_view period) const {
  return english() ? period_text_en(period) : period_text_vi(period);
}

int Context::fail(const Error& error, int bad_input_code) const {
  int code = exit_usage;
  switch (error.kind) {
    case ErrorKind::bad_input: code = error.field.empty() ? bad_input_code : exit_usage; break;
    case ErrorKind::not_found: code = exit_usage; break;
    case ErrorKind::conflict: code = exit_conflict; break;
    case ErrorKind::busy:
    case ErrorKind::limited: code = exit_busy; break;
    case ErrorKind::internal: code = exit_usage; break;
  }
  return cli::fail(code, error.text(english()));
}

Error argument_error(std::string field, std::string message_vi, std::string message_en) {
  Error error = make_error(ErrorKind::bad_input, std::move(message_vi), std::move(message_en));
  error.field = std::move(field);
  return error;
}

int fail(int code, std::string_view message) {
  fmt::print(stderr, "chiso: {}\n", message);
  return code;
}

}  // namespace chiso::cli
