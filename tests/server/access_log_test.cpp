// The access log (server/access_log.h): one whole line per request, none
// lost, from many threads at once, more than the log holds waiting.
#include "server/access_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_harness.h"

namespace chiso::server {
namespace {

TEST(AccessLogFile, EveryLineOfManyThreadsIsWrittenWhole) {
  const std::string path = server_test::test_folder() + "/access.log";
  constexpr int kThreads = 4;
  constexpr int kLines = 30'000;  // 4 × 30,000 lines of ~80 bytes: more in all than the 4 MiB that may wait
  {
    AccessLog log;
    ASSERT_TRUE(AccessLog::open(path, &log));
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
      threads.emplace_back([&log, thread_idx] {
        for (int line_idx = 0; line_idx < kLines; ++line_idx) {
          log.write("10.0.0." + std::to_string(thread_idx), "nguoi-dung", "GET",
                    "/api/periods/2025-Q1/units/" + std::to_string(line_idx), 200, 1.5);
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }  // destroyed: what waited is written

  std::ifstream in(path);
  std::string line;
  std::set<std::pair<std::string, std::string>> seen;  // (client, path)
  int count = 0;
  while (std::getline(in, line)) {
    ++count;
    // 2025-01-10T08:15:02.123Z 10.0.0.7 nguoi-dung GET /api/periods/2025-Q1/units/3 200 1.5
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t space; (space = line.find(' ', start)) != std::string::npos; start = space + 1) {
      fields.push_back(line.substr(start, space - start));
    }
    fields.push_back(line.substr(start));
    ASSERT_EQ(fields.size(), 7u) << "line " << count << ": " << line;
    EXPECT_EQ(fields[0].size(), 24u) << line;
    EXPECT_EQ(fields[2], "nguoi-dung") << line;
    EXPECT_EQ(fields[5], "200") << line;
    EXPECT_EQ(fields[6], "1.5") << line;
    seen.emplace(fields[1], fields[4]);
  }
  EXPECT_EQ(count, kThreads * kLines);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kLines));  // each request once
}

}  // namespace
}  // namespace chiso::server
