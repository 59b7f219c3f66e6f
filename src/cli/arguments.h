// The command line as people type it: the global options (--db, --plan,
// --lang) before or after the subcommand, the parser's messages and help in
// the chosen language, and the checks of option values that CLI11 would make
// in English.
//
// Every subcommand added to the app after configure_app() gets all of this
// without further code: the global options fall through to the app, the help
// formatter lists them under each subcommand's own options, and a parse error
// is printed by the app's failure message (exit_usage).
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>

#include "cli/context.h"

namespace chiso::cli {

// The language of the parser's own messages: the last --lang (or --lang=)
// in argv wherever it stands, else CHISO_LANG, else Vietnamese. Read before
// the parse so that an error in the parse is already in that language.
std::string lang_from_argv(int argc, char** argv);

// Sets up `app` (before its subcommands are added): the global options into
// `global`, fallthrough, the help formatter and the failure message in
// `global.lang`.
void configure_app(CLI::App& app, GlobalOptions& global);

// A validator accepting exactly one of `values`; its message names them.
CLI::Validator one_of(std::initializer_list<const char*> values, bool english);

// The text of a parse error in Vietnamese or English, without "chiso: ".
std::string parse_error_text(const CLI::Error& error, bool english);

}  // namespace chiso::cli
