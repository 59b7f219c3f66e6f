// The page table (server/pages.h) and the embedded files, in process: each
// page's bytes are the file's in src/server/web/, read here from the source
// tree, apart from the generated table.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/pages.h"
#include "server/static_files.h"

namespace chiso::server {
namespace {

std::string source_file(const std::string& path) {
  std::ifstream in(std::string(CHISO_SOURCE_DIR) + "/src/server/web/" + path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string header(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(Pages, EachPathServesItsFileWithAStrongETag) {
  const std::pair<const char*, const char*> pages[] = {
      {"/", "index.html"},       {"/dang-nhap", "login.html"}, {"/bieu-mau", "form.html"},
      {"/theo-doi", "board.html"}, {"/nhat-ky", "changes.html"}, {"/quan-tri", "admin.html"},
  };
  for (const auto& [path, file] : pages) {
    Response response = page_response(path, "");
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << path;
    EXPECT_EQ(response.body, source_file(file)) << path;
    EXPECT_EQ(header(response, "Cache-Control"), "no-cache") << path;
    const std::string etag = header(response, "ETag");
    ASSERT_EQ(etag.size(), 18u) << path;  // a quote, 16 hex digits, a quote
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(etag.find_first_not_of("0123456789abcdef", 1), 17u) << etag;
  }
  Response script = page_response("/static/js/form.js", "");
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.body, source_file("js/form.js"));
  Response icon = page_response("/static/icon.svg", "");
  EXPECT_EQ(icon.content_type, "image/svg+xml");
  EXPECT_EQ(header(icon, "Cache-Control"), "public, max-age=86400");
}

TEST(Pages, ASameETagIsNotModified) {
  const std::string etag = header(page_response("/static/app.css", ""), "ETag");
  Response same = page_response("/static/app.css", etag);
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(header(same, "ETag"), etag);
  EXPECT_EQ(page_response("/static/app.css", "\"0000000000000000\", W/" + etag).status, 304);
  EXPECT_EQ(page_response("/static/app.css", "*").status, 304);
  EXPECT_EQ(page_response("/static/app.css", "\"0000000000000000\"").status, 200);
  // Another file's ETag is not this one's.
  EXPECT_EQ(page_response("/static/js/common.js", etag).status, 200);
}

TEST(Pages, AnythingElseIsTheVietnamese404Page) {
  for (const char* path : {"/khong-co", "/static/form.html", "/static/", "/static/js/khong-co.js", "/bieu-mau/",
                           "/static/../form.html", "/index.html"}) {
    Response response = page_response(path, "");
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.body, source_file("404.html")) << path;
    EXPECT_NE(response.body.find("Không tìm thấy trang"), std::string::npos);
    EXPECT_EQ(header(response, "Cache-Control"), "no-store") << path;
  }
}

TEST(EmbeddedFiles, EveryFileOfTheFolderIsInTheTableInOrder) {
  std::size_t count = 0;
  const EmbeddedFile* files = embedded_files(&count);
  for (const char* path : {"404.html", "admin.html", "app.css", "board.html", "changes.html", "form.html",
                           "icon.svg", "index.html", "js/admin.js", "js/board.js", "js/changes.js", "js/common.js",
                           "js/form.js", "js/home.js", "js/login.js", "js/paste.js", "login.html"}) {
    const EmbeddedFile* file = find_embedded_file(path);
    ASSERT_NE(file, nullptr) << path;
    EXPECT_EQ(file->bytes, source_file(path)) << path;
  }
  for (std::size_t idx = 1; idx < count; ++idx) EXPECT_LT(files[idx - 1].path, files[idx].path);
  EXPECT_EQ(find_embedded_file("khong-co.js"), nullptr);
}

}  // namespace
}  // namespace chiso::server
