#include "cli/copy_command.h"

#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "common/number.h"
#include "store/store_copy.h"

namespace chiso::cli {

struct CopyCommand {
  CLI::App* app = nullptr;
  std::string from;
  std::string to;
};

std::shared_ptr<CopyCommand> add_copy_command(CLI::App& app, bool english) {
  auto command = std::make_shared<CopyCommand>();
  auto say = [english](const char* vi, const char* en) { return english ? en : vi; };
  command->app = app.add_subcommand(
      "copy", say("Chép cả cơ sở dữ liệu sang một cơ sở dữ liệu mới hoặc trống (SQLite, PostgreSQL)",
                  "Copy the whole database into a new or empty one (SQLite, PostgreSQL)"));
  command->app
      ->add_option("--from", command->from,
                   say("Cơ sở dữ liệu chép đi: tệp SQLite hoặc postgresql://…",
                       "The database copied: an SQLite file or postgresql://…"))
      ->required();
  command->app
      ->add_option("--to", command->to,
                   say("Cơ sở dữ liệu chép đến (mới hoặc trống): tệp SQLite hoặc postgresql://…",
                       "The database copied into (new or empty): an SQLite file or postgresql://…"))
      ->required();
  return command;
}

std::optional<int> run_copy_command(Context& ctx, const CopyCommand& command) {
  if (!command.app->parsed()) return std::nullopt;
  auto copied = copy_store(command.from, command.to);
  if (!copied) return ctx.fail(copied.error(), exit_usage);
  std::int64_t total = 0;
  for (const CopiedTable& table : copied->tables) total += table.rows;
  auto count = [&](std::int64_t rows) { return number::format(static_cast<double>(rows), 0, ctx.lang()); };
  fmt::print("{}", ctx.tr("Đã chép {} sang {}: {} dòng trong {} bảng.\n", "Copied {} to {}: {} rows in {} tables.\n",
                          copied->from, copied->to, count(total), copied->tables.size()));
  for (const CopiedTable& table : copied->tables) fmt::print("  {:<18} {:>12}\n", table.table, count(table.rows));
  return exit_ok;
}

}  // namespace chiso::cli
