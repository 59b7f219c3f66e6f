// What every command shares: the global options, the plan, the store, and
// the words the CLI prints in Vietnamese (default) or English.
#pragma once

#include <fmt/core.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "plan/plan.h"
#include "report/report.h"
#include "store/store.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::cli {

// Exit codes (documented in README.md).
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;    // findings of severity error
inline constexpr int exit_unreadable = 2;  // a file cannot be read, with the reason
inline constexpr int exit_usage = 3;       // wrong arguments, missing period, bad plan or store
inline constexpr int exit_conflict = 4;    // a stale version, a locked period, the same file twice
inline constexpr int exit_busy = 5;        // the database is held by another writer too long

struct GlobalOptions {
  std::string plan_path;  // "" = default_plan_path()
  std::string db_path = "chiso.db";
  std::string lang = "vi";
};

class Context {
 public:
  explicit Context(GlobalOptions options) : options_(std::move(options)) {}

  bool english() const { return options_.lang == "en"; }
  Lang lang() const { return english() ? Lang::en : Lang::vi; }
  // A stored period as a person reads it: "Quý IV năm 2024" / "Q4 2024".
  std::string period_text(std::string_view period) const;
  // Picks the Vietnamese or English wording.
  const char* say(const char* vi, const char* en) const { return english() ? en : vi; }
  // Formats the Vietnamese or English wording with `args`.
  template <class... Args>
  std::string tr(const char* vi, const char* en, Args&&... args) const {
    return fmt::format(fmt::runtime(say(vi, en)), std::forward<Args>(args)...);
  }

  // A period as the user typed it ("2024-Q4", "Quý IV/2024", "03/2025") in
  // the form the store keeps; "" stays "" (no period given). Error (bad
  // input, field "--period") says what is accepted.
  Result<std::string> period(const std::string& text) const;

  // Loads (once) the plan. Error names the plan file.
  Result<const Plan*> plan();
  // The plan's rules and formulas compiled (once, with the plan).
  Result<std::shared_ptr<const check::CompiledPlan>> compiled_plan();
  // The plan's indicator `code` (loading the plan); Error (bad input, field
  // "--indicator") when the plan has none such, naming the closest codes.
  Result<const Indicator*> indicator(const std::string& code);
  // Opens (once) the store at --db, creating the database when there is none
  // (import).
  // Once both the plan and the store are open, the plan must be one the
  // store keeps values of (service::plan_fits_store): else whichever of the
  // two was opened second is refused, with the reason.
  Result<Store*> store();
  // The same for a command that only reads: a --db that names no file is
  // not found ("không có cơ sở dữ liệu …", with the path), never created.
  Result<Store*> existing_store();
  // Prints the error in the chosen language and returns its exit code:
  // bad input → `bad_input_code` (3 when it names an argument:
  // Error::field), not found → 3, conflict → 4, busy → 5,
  // internal → 3.
  int fail(const Error& error, int bad_input_code) const;
  // Closes the store, if open.
  void close_store() { store_.reset(); }
  const GlobalOptions& options() const { return options_; }

 private:
  // service::plan_fits_store, naming --db.
  Result<void> plan_fits_store(const Plan& plan, Store& store) const;

  GlobalOptions options_;
  std::unique_ptr<Plan> plan_;
  std::shared_ptr<const check::CompiledPlan> compiled_;
  std::unique_ptr<Store> store_;
};

// An error in the argument `field` ("--date"): bad input, exit 3.
Error argument_error(std::string field, std::string message_vi, std::string message_en);

// Prints "chiso: <message>" to stderr and returns `code`.
int fail(int code, std::string_view message);

}  // namespace chiso::cli
