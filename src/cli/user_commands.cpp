#include "cli/user_commands.h"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "cli/columns.h"
#include "common/limits.h"
#include "common/text.h"
#include "service/user_units.h"

namespace chiso::cli {

struct AccountCommands {
  CLI::App* user = nullptr;
  CLI::App* add = nullptr;
  CLI::App* list = nullptr;
  CLI::App* passwd = nullptr;
  CLI::App* disable = nullptr;
  CLI::App* enable = nullptr;
  CLI::App* role = nullptr;
  CLI::App* backup = nullptr;

  std::string name;
  std::string role_text;
  std::vector<std::string> units;
  std::string display_name;
  bool password_stdin = false;
  std::string format = "text";
  std::string backup_path;
  bool force = false;
};

namespace {

std::string role_word(const Context& ctx, Role role) {
  switch (role) {
    case Role::administrator:
      return ctx.say("quản trị viên", "administrator");
    case Role::coordinator:
      return ctx.say("điều phối viên", "coordinator");
    case Role::reporter:
      return ctx.say("người báo cáo", "reporter");
    case Role::viewer:
      return ctx.say("người xem", "viewer");
  }
  return "";
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// Who the trail names for a change made here: "cli", with the system user
// when known ("cli (lan)").
std::string cli_actor() {
  const char* login = std::getenv("USER");
  std::string user = login != nullptr ? login : "";
  if (user.empty() || user.size() > limits::user_name_bytes_max || !text::valid_utf8(user))
    return "cli";
  return "cli (" + user + ")";
}

std::int64_t now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Each unit as typed, as its registered name (service/user_units.h).
Result<std::vector<std::string>> registered_units(Context& ctx, const std::vector<std::string>& typed_units) {
  if (typed_units.empty()) return std::vector<std::string>();
  auto plan = ctx.plan();
  if (!plan) return plan.error();
  return service::registered_unit_names(**plan, typed_units);
}

// The password on standard input: its first line, without the line end.
Result<std::string> password_from_stdin(const Context& ctx) {
  std::string bytes;
  char buffer[512];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    bytes.append(buffer, got);
    if (bytes.find('\n') != std::string::npos || bytes.size() > limits::password_bytes_max + 2)
      break;
  }
  bytes = bytes.substr(0, bytes.find('\n'));
  if (!bytes.empty() && bytes.back() == '\r') bytes.pop_back();
  if (bytes.empty()) {
    Error error =
        make_error(ErrorKind::bad_input, "Không có mật khẩu trên đầu vào chuẩn (--password-stdin).",
                   "No password on standard input (--password-stdin).");
    error.field = "password";
    return error;
  }
  return bytes;
}

void print_one_time(const Context& ctx, const std::string& password) {
  fmt::print(
      "{}",
      ctx.tr("Mật khẩu dùng một lần: {}\nNgười dùng phải đổi mật khẩu này ở lần đăng nhập đầu "
             "tiên.\n",
             "One-time password: {}\nThe user must change it at the first login.\n", password));
}

std::string role_and_units(const Context& ctx, Role role, const std::vector<std::string>& units) {
  return units.empty() ? role_word(ctx, role) : role_word(ctx, role) + ": " + joined(units);
}

int run_user_add(Context& ctx, const AccountCommands& args) {
  auto role = role_from_name(args.role_text);
  auto units = registered_units(ctx, args.units);
  if (!units) return ctx.fail(units.error(), exit_usage);
  NewUser user;
  user.name = args.name;
  user.display_name = args.display_name;
  user.role = *role;  // CLI11 checked the word
  user.units = *units;
  if (args.password_stdin) {
    auto password = password_from_stdin(ctx);
    if (!password) return ctx.fail(password.error(), exit_usage);
    user.password = std::move(*password);
  }
  auto store = ctx.store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto added = (*store)->accounts().add_user(user, cli_actor(), now_unix());
  if (!added) return ctx.fail(added.error(), exit_usage);
  fmt::print("{}", ctx.tr("Đã thêm người dùng {} ({}).\n", "Added user {} ({}).\n", user.name,
                          role_and_units(ctx, user.role, user.units)));
  if (!added->empty()) print_one_time(ctx, *added);
  return exit_ok;
}

int run_user_list(Context& ctx, const AccountCommands& args) {
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto users = (*store)->accounts().users();
  if (!users) return ctx.fail(users.error(), exit_usage);
  if (args.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const User& user : *users)
      out.push_back({{"name", user.name},
                     {"display_name", user.display_name},
                     {"role", role_name(user.role)},
                     {"units", user.units},
                     {"disabled", user.disabled},
                     {"one_time", user.must_change_password},
                     {"created_at_utc", user.created_at_utc}});
    fmt::print("{}\n", out.dump(1));
    return exit_ok;
  }
  if (users->empty()) {
    fmt::print("{}", ctx.tr("Chưa có người dùng nào trong {}.\n", "No user in {} yet.\n",
                            db_display_name(ctx.options().db_path)));
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const User& user : *users)
    rows.push_back(
        {user.name, user.display_name, role_word(ctx, user.role), joined(user.units),
         user.disabled ? ctx.say("đã vô hiệu hoá", "disabled") : ctx.say("đang dùng", "active"),
         user.must_change_password ? ctx.say("một lần, phải đổi", "one-time, to change") : ""});
  if (ctx.english())
    print_columns({"Login", "Display name", "Role", "Units", "State", "Password"}, rows);
  else
    print_columns({"Tên đăng nhập", "Tên hiển thị", "Vai trò", "Đơn vị", "Trạng thái", "Mật khẩu"},
                  rows);
  return exit_ok;
}

int run_user_passwd(Context& ctx, const AccountCommands& args) {
  std::string password;
  if (args.password_stdin) {
    auto typed = password_from_stdin(ctx);
    if (!typed) return ctx.fail(typed.error(), exit_usage);
    password = std::move(*typed);
  }
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto set = (*store)->accounts().set_password(args.name, password, false, cli_actor(), now_unix());
  if (!set) return ctx.fail(set.error(), exit_usage);
  fmt::print("{}",
             ctx.tr("Đã đặt mật khẩu mới cho {}; các phiên đăng nhập của người này đã kết thúc.\n",
                    "New password set for {}; their sessions have ended.\n", args.name));
  if (!set->empty()) print_one_time(ctx, *set);
  return exit_ok;
}

int run_user_disabled(Context& ctx, const AccountCommands& args, bool disabled) {
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto set = (*store)->accounts().set_disabled(args.name, disabled, cli_actor(), now_unix());
  if (!set) return ctx.fail(set.error(), exit_usage);
  if (disabled)
    fmt::print(
        "{}",
        ctx.tr("Đã vô hiệu hoá người dùng {}; các phiên đăng nhập của người này đã kết thúc.\n",
               "User {} is disabled; their sessions have ended.\n", args.name));
  else
    fmt::print("{}",
               ctx.tr("Đã bật lại người dùng {}.\n", "User {} is enabled again.\n", args.name));
  return exit_ok;
}

int run_user_role(Context& ctx, const AccountCommands& args) {
  auto role = role_from_name(args.role_text);
  auto units = registered_units(ctx, args.units);
  if (!units) return ctx.fail(units.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto set = (*store)->accounts().set_role(args.name, *role, *units, cli_actor(), now_unix());
  if (!set) return ctx.fail(set.error(), exit_usage);
  fmt::print("{}", ctx.tr("Người dùng {}: {}.\n", "User {}: {}.\n", args.name,
                          role_and_units(ctx, *role, *units)));
  return exit_ok;
}

int run_backup(Context& ctx, const AccountCommands& args) {
  const std::string& db_path = ctx.options().db_path;
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  if (auto copied = (*store)->backup_to(args.backup_path, args.force); !copied)
    return ctx.fail(copied.error(), exit_usage);
  fmt::print("{}",
             ctx.tr("Đã sao lưu {} vào {}.\n", "Backed up {} to {}.\n", db_path, args.backup_path));
  return exit_ok;
}

}  // namespace

std::shared_ptr<AccountCommands> add_account_commands(CLI::App& app, bool english) {
  auto commands = std::make_shared<AccountCommands>();
  AccountCommands& args = *commands;
  auto say = [english](const char* vi, const char* en) { return english ? en : vi; };
  auto roles = [english] {
    return one_of({"administrator", "coordinator", "reporter", "viewer"}, english);
  };
  const char* role_help = "administrator|coordinator|reporter|viewer";
  const char* unit_help = say("Đơn vị báo cáo, như người ta viết (lặp được)",
                              "Unit reported for, as people write it (repeatable)");
  const char* stdin_help = say("Đọc mật khẩu từ dòng đầu của đầu vào chuẩn",
                               "Read the password from the first line of standard input");
  args.user = app.add_subcommand("user", say("Người dùng máy chủ", "The server's users"));
  args.user->require_subcommand(1);

  args.add = args.user->add_subcommand(
      "add", say("Thêm người dùng (in mật khẩu dùng một lần nếu không đọc từ đầu vào)",
                 "Add a user (prints a one-time password unless one is read from the input)"));
  args.add->add_option("name", args.name, say("Tên đăng nhập", "Login name"))->required();
  args.add->add_option("--role", args.role_text, role_help)->required()->check(roles());
  args.add->add_option("--unit", args.units, unit_help);
  args.add->add_option("--display-name", args.display_name, say("Tên hiển thị", "Display name"));
  args.add->add_flag("--password-stdin", args.password_stdin, stdin_help);

  args.list = args.user->add_subcommand("list", say("Danh sách người dùng", "List the users"));
  args.list->add_option("--format", args.format, "text|json")->check(one_of({"text", "json"}, english));

  args.passwd = args.user->add_subcommand(
      "passwd", say("Đặt mật khẩu mới (dùng một lần nếu không đọc từ đầu vào)",
                    "Set a new password (one-time unless read from the input)"));
  args.passwd->add_option("name", args.name, say("Tên đăng nhập", "Login name"))->required();
  args.passwd->add_flag("--password-stdin", args.password_stdin, stdin_help);

  args.disable = args.user->add_subcommand(
      "disable", say("Vô hiệu hoá người dùng (kết thúc các phiên)", "Disable a user (ending their sessions)"));
  args.disable->add_option("name", args.name, say("Tên đăng nhập", "Login name"))->required();
  args.enable = args.user->add_subcommand("enable", say("Bật lại người dùng", "Enable a user again"));
  args.enable->add_option("name", args.name, say("Tên đăng nhập", "Login name"))->required();

  args.role = args.user->add_subcommand("role", say("Đổi vai trò và đơn vị", "Change role and units"));
  args.role->add_option("name", args.name, say("Tên đăng nhập", "Login name"))->required();
  args.role->add_option("--role", args.role_text, role_help)->required()->check(roles());
  args.role->add_option("--unit", args.units, unit_help);

  args.backup = app.add_subcommand("backup", say("Sao lưu cơ sở dữ liệu, kể cả khi máy chủ đang chạy",
                                                 "Back up the database, also while the server runs"));
  args.backup->add_option("-o,--output", args.backup_path, say("Tệp sao lưu", "Backup file"))->required();
  args.backup->add_flag("--force", args.force, say("Ghi đè tệp đã có", "Replace an existing file"));
  return commands;
}

std::optional<int> run_account_commands(Context& ctx, const AccountCommands& commands) {
  if (commands.backup->parsed()) return run_backup(ctx, commands);
  if (!commands.user->parsed()) return std::nullopt;
  if (commands.add->parsed()) return run_user_add(ctx, commands);
  if (commands.list->parsed()) return run_user_list(ctx, commands);
  if (commands.passwd->parsed()) return run_user_passwd(ctx, commands);
  if (commands.disable->parsed()) return run_user_disabled(ctx, commands, true);
  if (commands.enable->parsed()) return run_user_disabled(ctx, commands, false);
  if (commands.role->parsed()) return run_user_role(ctx, commands);
  return exit_usage;
}

}  // namespace chiso::cli
