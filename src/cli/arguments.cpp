#include "cli/columns.h"
#include "cli/arguments.h"

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string_view>

namespace chiso::cli {
namespace {

std::string_view global_group(bool english) {
  return english ? "Global options" : "Tùy chọn chung";
}

// CLI11's help in the chosen language; a subcommand's help also lists the
// global options, which the subcommand accepts (they fall through to the app).
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(bool english) : english_(english) {
    if (english) return;
    label("Usage", "Cách dùng");
    label("OPTIONS", "TÙY CHỌN");
    label("SUBCOMMAND", "LỆNH");
    label("SUBCOMMANDS", "LỆNH");
    label("REQUIRED", "BẮT BUỘC");
    label("Positionals", "Đối số");
    label("TEXT", "CHỮ");
    label("INT", "SỐ");
    label("FLOAT", "SỐ");
  }

  std::string make_group(std::string group, bool is_positional,
                         std::vector<const CLI::Option*> opts) const override {
    if (group == "Options" && !english_) group = "Tùy chọn";
    return CLI::Formatter::make_group(std::move(group), is_positional, std::move(opts));
  }

  // CLI11 pads by bytes; Vietnamese words take 2–3 bytes a letter, so the
  // columns are padded here by code points.
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    const std::string name = make_option_name(opt, is_positional) + make_option_opts(opt);
    std::string out = "  " + name;
    const std::size_t width = 2 + display_width(name);
    if (width + 1 >= get_column_width()) {
      out += "\n" + std::string(get_column_width(), ' ');
    } else {
      out += std::string(get_column_width() - width, ' ');
    }
    std::string description = make_option_desc(opt);
    for (std::size_t at = description.find('\n'); at != std::string::npos;
         at = description.find('\n', at + 1)) {
      description.insert(at + 1, std::string(get_column_width(), ' '));
    }
    return out + description + "\n";
  }

  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    std::string out = CLI::Formatter::make_help(app, std::move(name), mode);
    if (!english_) {
      const std::string subcommands = "\nSubcommands:\n";
      if (auto at = out.find(subcommands); at != std::string::npos)
        out.replace(at, subcommands.size(), "\nLệnh:\n");
    }
    const CLI::App* parent = app->get_parent();
    if (parent == nullptr || mode == CLI::AppFormatMode::Sub) return out;
    const std::string group(global_group(english_));
    auto globals = parent->get_options(
        [&](const CLI::Option* option) { return option->get_group() == group; });
    return out + CLI::Formatter::make_group(group, false, globals);
  }

 private:
  bool english_;
};

// The subcommand the parse stopped in, for "chiso import --help" in a hint.
std::string command_path(const CLI::App* app) {
  std::string path = "chiso";
  for (const CLI::App* sub = app; sub != nullptr;) {
    const CLI::App* next = nullptr;
    for (const CLI::App* child : sub->get_subcommands()) {
      if (child->parsed()) {
        path += " " + child->get_name();
        next = child;
        break;
      }
    }
    sub = next;
  }
  return path;
}

}  // namespace

std::string lang_from_argv(int argc, char** argv) {
  std::string lang;
  const char* env = std::getenv("CHISO_LANG");
  if (env != nullptr) lang = env;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    const std::string_view arg = argv[arg_idx];
    if (arg == "--") break;
    if (arg == "--lang" && arg_idx + 1 < argc) lang = argv[++arg_idx];
    if (arg.substr(0, 7) == "--lang=") lang = std::string(arg.substr(7));
  }
  return lang == "en" ? "en" : "vi";
}

CLI::Validator one_of(std::initializer_list<const char*> values, bool english) {
  std::string listed;
  for (const char* value : values) listed += (listed.empty() ? "" : "|") + std::string(value);
  std::vector<std::string> accepted(values.begin(), values.end());
  return CLI::Validator(
      [accepted, listed, english](std::string& value) -> std::string {
        for (const std::string& one : accepted)
          if (value == one) return "";
        return english ? fmt::format("'{}' is not one of {}", value, listed)
                       : fmt::format("'{}' không phải một trong {}", value, listed);
      },
      "");
}

void configure_app(CLI::App& app, GlobalOptions& global) {
  const bool english = global.lang == "en";
  app.fallthrough();
  app.formatter(std::make_shared<HelpFormatter>(english));
  app.set_help_flag("-h,--help", english ? "Print this help" : "In trợ giúp này");
  app.failure_message([english](const CLI::App* failed, const CLI::Error& error) {
    std::string hint = command_path(failed) + " --help";
    std::string text = parse_error_text(error, english);
    if (error.get_name() == "RequiredError" &&
        std::string(error.what()) == "A subcommand is required") {
      // "chiso frobnicate": name what was typed and the commands there are.
      std::string commands, typed;
      for (const CLI::App* sub : failed->get_subcommands({}))
        commands += (commands.empty() ? "" : ", ") + sub->get_name();
      for (const std::string& arg : failed->remaining()) typed += (typed.empty() ? "" : " ") + arg;
      text =
          typed.empty()
              ? (english ? fmt::format("a command is needed: {}", commands)
                         : fmt::format("cần một lệnh: {}", commands))
              : (english ? fmt::format("'{}' is not a command; the commands: {}", typed, commands)
                         : fmt::format("không hiểu '{}': không phải một lệnh; các lệnh: {}", typed,
                                       commands));
    }
    return fmt::format("chiso: {}\n{} {}\n", text, english ? "See" : "Xem", hint);
  });

  const std::string group(global_group(english));
  app.add_option("--plan", global.plan_path, english ? "Plan file (TOML)" : "Tệp kế hoạch (TOML)")
      ->group(group)
      ->check(CLI::Validator(
          [english](std::string& path) -> std::string {
            std::error_code error;
            if (std::filesystem::is_regular_file(path, error)) return "";
            return english ? fmt::format("no plan file {}", path)
                           : fmt::format("không có tệp kế hoạch {}", path);
          },
          ""));
  app.add_option("--db", global.db_path, english ? "SQLite file, or postgresql://… for PostgreSQL" : "Tệp SQLite, hoặc postgresql://… cho PostgreSQL")
      ->group(group)
      ->capture_default_str();
  app.add_option("--lang", global.lang,
                 english ? "Language of the output: vi|en" : "Ngôn ngữ của kết quả: vi|en")
      ->group(group)
      ->check(one_of({"vi", "en"}, english));
}

std::string parse_error_text(const CLI::Error& error, bool english) {
  // By the text CLI11 writes (an error's name is not always its class: a
  // subcommand's extras carry the subcommand's name).
  const std::string name = error.get_name();
  const std::string what = error.what();
  if (name == "ValidationError") return what;  // "--format: " + one_of()'s text in the language
  static const std::regex required("(.+) is required");
  static const std::regex extras("The following arguments? (?:was|were) not expected: (.*)");
  static const std::regex value_for("The value (.+) is not an allowed value for (.+)");
  static const std::regex could_not("Could not convert: (.+) = (.+)");
  static const std::regex exactly(
      "Expected (?:exactly|at least) \\d+ arguments? to (.+), got \\d+");
  static const std::regex typed("(.+): \\d+ required .* missing");
  std::smatch match;
  if (std::regex_match(what, match, required))
    return english ? fmt::format("{} is required", match[1].str())
                   : fmt::format("thiếu {} (bắt buộc)", match[1].str());
  if (std::regex_match(what, match, extras))
    return english ? fmt::format("unexpected argument: {}", match[1].str())
                   : fmt::format("không hiểu đối số: {}", match[1].str());
  if (std::regex_match(what, match, value_for) || std::regex_match(what, match, could_not)) {
    const bool value_first = what.rfind("The value", 0) == 0;
    const std::string option = match[value_first ? 2 : 1].str();
    const std::string value = match[value_first ? 1 : 2].str();
    return english ? fmt::format("{}: '{}' is not a number", option, value)
                   : fmt::format("{}: '{}' không phải là số", option, value);
  }
  if (std::regex_match(what, match, exactly) || std::regex_match(what, match, typed))
    return english ? fmt::format("{} needs a value", match[1].str())
                   : fmt::format("{} cần một giá trị", match[1].str());
  return english ? fmt::format("wrong arguments ({})", what)
                 : fmt::format("đối số không đúng ({})", what);
}

}  // namespace chiso::cli
