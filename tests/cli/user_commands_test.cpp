// End-to-end tests of `chiso user …` and `chiso backup` through the real
// binary, as an administrator types them. Unit names are the shipped plan's.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "cli/cli_run.h"

namespace {

namespace fs = std::filesystem;
using chiso::cli_test::CommandRun;
using chiso::cli_test::kSeed;
using chiso::cli_test::run_program;

class UserCommandsTest : public chiso::cli_test::CliTest {
 protected:
  // chiso on this test's database.
  CommandRun chiso(const std::string& args) {
    return run_program(CHISO_EXE, "--db " + path("chiso.db") + " " + args);
  }
  // The same with `stdin_text` on its standard input.
  CommandRun chiso_with_input(const std::string& stdin_text, const std::string& args) {
    std::ofstream(path("stdin.txt"), std::ios::binary) << stdin_text;
    return chiso(args + " < " + path("stdin.txt"));
  }
  nlohmann::json users() {
    CommandRun listed = chiso("user list --format json");
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    return nlohmann::json::parse(listed.output, nullptr, false);
  }
};

TEST_F(UserCommandsTest,
       AReporterAddedWithAPasswordOnStandardInputIsListedWithTheUnitsAsRegistered) {
  CommandRun added = chiso_with_input(
      "mật khẩu của Lan\n",
      "user add lan --role reporter --unit 'sở tư pháp' --unit 'cuc thue thanh pho' "
      "--display-name 'Nguyễn Thị Lan' --password-stdin");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_EQ(added.output,
            "Đã thêm người dùng lan (người báo cáo: Sở Tư pháp, Cục Thuế thành phố).\n");

  nlohmann::json listed = users();
  ASSERT_TRUE(listed.is_array());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["name"], "lan");
  EXPECT_EQ(listed[0]["display_name"], "Nguyễn Thị Lan");
  EXPECT_EQ(listed[0]["role"], "reporter");
  EXPECT_EQ(listed[0]["units"], nlohmann::json({"Sở Tư pháp", "Cục Thuế thành phố"}));
  EXPECT_EQ(listed[0]["disabled"], false);
  EXPECT_EQ(listed[0]["one_time"], false);  // the password was chosen, not given by someone else

  CommandRun text = chiso("--lang en user list");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.output.find("Nguyễn Thị Lan  reporter  Sở Tư pháp, Cục Thuế thành phố  active"),
            std::string::npos)
      << text.output;
}

TEST_F(UserCommandsTest, WithoutAPasswordAOneTimeOneIsPrintedThatMustBeChanged) {
  CommandRun added = chiso("user add hoa --role coordinator");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  std::smatch found;
  ASSERT_TRUE(std::regex_search(
      added.output, found,
      std::regex("Mật khẩu dùng một lần: ([2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3})\n")))
      << added.output;
  EXPECT_NE(added.output.find("phải đổi mật khẩu này ở lần đăng nhập đầu tiên"), std::string::npos);
  EXPECT_EQ(users()[0]["one_time"], true);

  CommandRun english = chiso("--lang en user add mai --role viewer");
  ASSERT_EQ(english.exit_code, 0) << english.output;
  EXPECT_NE(english.output.find("One-time password: "), std::string::npos) << english.output;
  EXPECT_NE(english.output.find("must change it at the first login"), std::string::npos);
  // Each a password of its own.
  EXPECT_EQ(english.output.find(found[1].str()), std::string::npos);
}

TEST_F(UserCommandsTest, AnUnknownUnitIsRefusedNamingTheClosestUnits) {
  CommandRun refused =
      chiso("user add lan --role reporter --unit 'Sở Tài chin' --password-stdin < /dev/null");
  EXPECT_EQ(refused.exit_code, 3) << refused.output;
  EXPECT_NE(refused.output.find(
                "Đơn vị 'Sở Tài chin' không có trong kế hoạch. Các đơn vị gần nhất: Sở Tài chính"),
            std::string::npos)
      << refused.output;
  CommandRun english = chiso("--lang en user add lan --role reporter --unit 'Cong an TP HN'");
  EXPECT_EQ(english.exit_code, 3);
  EXPECT_NE(english.output.find("The closest units: Công an thành phố"), std::string::npos)
      << english.output;
  EXPECT_FALSE(fs::exists(path("chiso.db")));  // nothing added, not even a database
}

TEST_F(UserCommandsTest, RefusalsSayWhatIsWrong) {
  CommandRun no_unit = chiso("--lang en user add lan --role reporter");
  EXPECT_EQ(no_unit.exit_code, 3);
  EXPECT_NE(no_unit.output.find("A reporter needs at least one unit (--unit)"), std::string::npos)
      << no_unit.output;
  CommandRun short_password =
      chiso_with_input("short\n", "--lang en user add lan --role viewer --password-stdin");
  EXPECT_EQ(short_password.exit_code, 3);
  EXPECT_NE(short_password.output.find("The password has 5 characters; at least 10 are needed"),
            std::string::npos)
      << short_password.output;
  CommandRun no_password = chiso_with_input("", "user add lan --role viewer --password-stdin");
  EXPECT_EQ(no_password.exit_code, 3);
  EXPECT_NE(no_password.output.find("Không có mật khẩu trên đầu vào chuẩn"), std::string::npos);
  CommandRun bad_role = chiso("user add lan --role admin");
  EXPECT_EQ(bad_role.exit_code, 3);

  ASSERT_EQ(chiso("user add lan --role viewer").exit_code, 0);
  CommandRun taken = chiso("user add LAN --role viewer");
  EXPECT_EQ(taken.exit_code, 4) << taken.output;  // a conflict
  EXPECT_NE(taken.output.find("Đã có người dùng 'lan'"), std::string::npos) << taken.output;
  CommandRun nobody = chiso("user disable mai");
  EXPECT_EQ(nobody.exit_code, 3);
  EXPECT_NE(nobody.output.find("Không có người dùng 'mai'"), std::string::npos) << nobody.output;
}

TEST_F(UserCommandsTest, PasswdDisableEnableAndRoleChangeWhatListShows) {
  ASSERT_EQ(
      chiso_with_input("first password\n", "user add lan --role viewer --password-stdin").exit_code,
      0);
  CommandRun reset = chiso("user passwd lan");
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_NE(reset.output.find("Mật khẩu dùng một lần: "), std::string::npos) << reset.output;
  EXPECT_EQ(users()[0]["one_time"], true);
  ASSERT_EQ(chiso_with_input("second password\n", "user passwd lan --password-stdin").exit_code, 0);
  EXPECT_EQ(users()[0]["one_time"], false);

  ASSERT_EQ(chiso("user disable lan").exit_code, 0);
  EXPECT_EQ(users()[0]["disabled"], true);
  ASSERT_EQ(chiso("user enable LAN").exit_code, 0);
  EXPECT_EQ(users()[0]["disabled"], false);

  CommandRun role = chiso("user role lan --role reporter --unit 'Sở Du lịch'");
  ASSERT_EQ(role.exit_code, 0) << role.output;
  EXPECT_EQ(role.output, "Người dùng lan: người báo cáo: Sở Du lịch.\n");
  EXPECT_EQ(users()[0]["role"], "reporter");
  EXPECT_EQ(users()[0]["units"], nlohmann::json({"Sở Du lịch"}));
}

TEST_F(UserCommandsTest,
       BackupWhileAnotherProcessHoldsAWriteTransactionOpenCopiesWhatWasCommitted) {
  ASSERT_EQ(chiso("import " + kSeed + " --period 2024-Q4").exit_code,
            1);  // stored; the seed has errors
  ASSERT_EQ(chiso("user add lan --role viewer").exit_code, 0);

  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(path("chiso.db").c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN IMMEDIATE; UPDATE account SET display_name = 'half done'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  CommandRun backup = chiso("backup -o " + path("copy.db"));
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_EQ(backup.output, "Đã sao lưu " + path("chiso.db") + " vào " + path("copy.db") + ".\n");

  // The copy reports what the original reports.
  const std::string copy = "--db " + path("copy.db") + " ";
  ASSERT_EQ(chiso("report --period 2024-Q4 --format json -o " + path("original.json")).exit_code,
            0);
  ASSERT_EQ(
      run_program(CHISO_EXE, copy + "report --period 2024-Q4 --format json -o " + path("copy.json"))
          .exit_code,
      0);
  std::ifstream original_in(path("original.json")), copy_in(path("copy.json"));
  const auto original = nlohmann::json::parse(original_in), copied = nlohmann::json::parse(copy_in);
  EXPECT_EQ(original["units"].size(), 30u);
  EXPECT_EQ(original, copied);
  CommandRun copy_users = run_program(CHISO_EXE, copy + "user list --format json");
  EXPECT_EQ(nlohmann::json::parse(copy_users.output)[0]["display_name"], "lan");  // not "half done"

  CommandRun again = chiso("--lang en backup -o " + path("copy.db"));
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_NE(again.output.find("already exists; not overwritten (use --force"), std::string::npos)
      << again.output;
  EXPECT_EQ(chiso("backup -o " + path("copy.db") + " --force").exit_code, 0);
  CommandRun itself = chiso("backup -o " + path("chiso.db") + " --force");
  EXPECT_EQ(itself.exit_code, 4) << itself.output;
  CommandRun missing =
      run_program(CHISO_EXE, "--db " + path("none.db") + " backup -o " + path("x.db"));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_FALSE(fs::exists(path("none.db")));  // not created by asking for its backup
}

}  // namespace
