// `chiso user add|list|passwd|disable|enable|role` (the people who use the
// server, store/accounts.h) and `chiso backup` (a consistent copy of the
// database while the server runs). Their options live with them, so that
// main.cpp only adds and runs them.
#pragma once

#include <memory>
#include <optional>

#include "cli/context.h"

namespace CLI {
class App;
}  // namespace CLI

namespace chiso::cli {

struct AccountCommands;

// Adds the subcommands `user` and `backup` to `app` (after configure_app:
// cli/arguments.h), their help in English when `english`; the result holds
// their parsed arguments after app.parse().
std::shared_ptr<AccountCommands> add_account_commands(CLI::App& app, bool english);

// Runs the command parsed, if it is one of these: its exit code; none when
// another command was parsed.
std::optional<int> run_account_commands(Context& ctx, const AccountCommands& commands);

}  // namespace chiso::cli
