// What a server error tells whoever asked and what it leaves in the journal:
// a busy or internal error is answered plainly, its own text (which names
// the database) goes to standard error once, its repeats counted.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/exchange.h"

namespace chiso::server {
namespace {

const Error kLost = make_error(ErrorKind::busy,
                               "Mất kết nối tới cơ sở dữ liệu PostgreSQL postgresql://chiso@db1/chiso và chưa kết "
                               "nối lại được: connection refused",
                               "The connection to the PostgreSQL database postgresql://chiso@db1/chiso was lost and "
                               "cannot be made again: connection refused");

TEST(ErrorAnswers, ABusyErrorIsAnsweredPlainlyAndItsTextGoesToTheJournalOnce) {
  testing::internal::CaptureStderr();
  Response first = error_response(kLost);
  Response again = error_response(kLost);
  Response third = error_response(kLost);
  Response bug = error_response(make_error(ErrorKind::internal, "Lỗi nội bộ: bad_alloc", "Internal error: bad_alloc"));
  const std::string journal = testing::internal::GetCapturedStderr();

  EXPECT_EQ(first.status, 503);
  const nlohmann::json answer = nlohmann::json::parse(first.body);
  EXPECT_EQ(answer["error"]["code"], "busy");
  EXPECT_EQ(answer["error"]["message"], "Cơ sở dữ liệu đang bận hoặc tạm thời không tới được; hãy thử lại sau ít phút.");
  EXPECT_EQ(first.body.find("db1"), std::string::npos) << first.body;
  EXPECT_EQ(third.body, first.body);
  EXPECT_EQ(bug.status, 500);
  EXPECT_EQ(bug.body.find("bad_alloc"), std::string::npos) << bug.body;

  EXPECT_EQ(journal,
            "chiso serve: " + kLost.message + " — " + kLost.message_en + "\n" +
                "chiso serve: (lỗi trên lặp lại 2 lần — repeated 2 times)\n"
                "chiso serve: Lỗi nội bộ: bad_alloc — Internal error: bad_alloc\n");
}

TEST(ErrorAnswers, TheUsersOwnErrorsKeepTheirWordsAndLeaveTheJournalAlone) {
  testing::internal::CaptureStderr();
  Error stale = make_error(ErrorKind::conflict, "Dòng đã được lưu ở lần 3.", "The row was saved as version 3.");
  Response answer = error_response(stale);
  Response limited = error_response(make_error(ErrorKind::limited, "Đã đăng nhập sai 5 lần", "5 failed logins"));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(answer.status, 409);
  EXPECT_EQ(nlohmann::json::parse(answer.body)["error"]["message"], stale.message);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(nlohmann::json::parse(limited.body)["error"]["code"], "limited");
}

}  // namespace
}  // namespace chiso::server
