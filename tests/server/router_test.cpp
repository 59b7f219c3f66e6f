// The router and the JSON body reader, in process.
#include <gtest/gtest.h>

#include "server/json_body.h"
#include "server/router.h"

namespace chiso::server {
namespace {

Response nothing(Call&) { return {}; }

TEST(Router, MatchesSegmentsAndDecodesParameters) {
  Router router({{"GET", "/api/periods/{period}/units/{unit}", any_user, BodyKind::none, nothing},
                 {"GET", "/api/periods/{period}/report.{format}", any_user, BodyKind::none, nothing},
                 {"POST", "/api/periods", any_user, BodyKind::json, nothing}});
  const Route* route = nullptr;
  Params params;
  ASSERT_EQ(router.match("GET", "/api/periods/Qu%C3%BD%20IV%2F2024/units/S%E1%BB%9F%20Du%20l%E1%BB%8Bch", &route,
                         &params),
            Router::Match::found);
  EXPECT_EQ(params["period"], "Quý IV/2024");  // %2F stays inside its segment
  EXPECT_EQ(params["unit"], "Sở Du lịch");
  ASSERT_EQ(router.match("GET", "/api/periods/2024-Q4/report.xlsx", &route, &params), Router::Match::found);
  EXPECT_EQ(params["format"], "xlsx");
  EXPECT_EQ(router.match("GET", "/api/periods/2024-Q4/report.", &route, &params), Router::Match::no_path);
  EXPECT_EQ(router.match("DELETE", "/api/periods", &route, &params), Router::Match::no_method);
  EXPECT_EQ(router.match("GET", "/api/periods/2024-Q4/units/3/x", &route, &params), Router::Match::no_path);
  EXPECT_EQ(router.match("GET", "/api/periods/2024-Q4/units/%ZZ", &route, &params), Router::Match::no_path);
  EXPECT_EQ(router.match("GET", "/api/periods/2024-Q4/units/a%00b", &route, &params), Router::Match::no_path);
}

TEST(Router, QueryValuesAreDecoded) {
  auto query = parse_query("unit=S%E1%BB%9F+Du+l%E1%BB%8Bch&all=1&bad=%Z&=x");
  EXPECT_EQ(query["unit"], "Sở Du lịch");
  EXPECT_EQ(query["all"], "1");
  EXPECT_EQ(query.count("bad"), 0u);
  EXPECT_EQ(query.count(""), 0u);
}

TEST(JsonBody, RefusesWhatIsNotAShallowObject) {
  EXPECT_TRUE(parse_json_body(R"({"values": {"a": "1"}, "version": 2})").ok());
  auto deep = parse_json_body(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.error().message_en.find("deeper than 16"), std::string::npos) << deep.error().message_en;
  auto broken = parse_json_body(R"({"a": )");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message_en.find("not valid JSON"), std::string::npos);
  auto array = parse_json_body("[1, 2]");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.error().message_en.find("JSON object"), std::string::npos);
  auto object = parse_json_body(R"({"name": 5})");
  ASSERT_TRUE(object.ok());
  auto name = string_member(*object, "name", true);
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().field, "name");
}

}  // namespace
}  // namespace chiso::server
