// The administrator's users (issue 16 §2): list, add, change, reset a
// password — the Accounts calls `chiso user …` makes, with the units typed
// or picked matched by service::registered_unit_names, every change in the
// trail with the administrator as its actor.
#include "common/limits.h"
#include "server/api_detail.h"
#include "server/json_body.h"
#include "service/user_units.h"

namespace chiso::server::detail {
namespace {

nlohmann::json user_json(const Plan& plan, const User& user) {
  nlohmann::json unit_ids = nlohmann::json::array();
  for (const std::string& unit : user.units) {
    const int unit_idx = plan.unit_index(unit);
    unit_ids.push_back(unit_idx >= 0 ? nlohmann::json(unit_idx + 1) : nlohmann::json(unit));
  }
  return {{"username", user.name},
          {"display_name", user.display_name},
          {"role", role_name(user.role)},
          {"units", std::move(unit_ids)},
          {"unit_names", user.units},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password},
          {"last_login", user.last_login_utc.empty() ? nlohmann::json(nullptr) : nlohmann::json(user.last_login_utc)}};
}

Error field_error(const char* field, std::string message_vi, std::string message_en) {
  Error error = make_error(ErrorKind::bad_input, std::move(message_vi), std::move(message_en));
  error.field = field;
  return error;
}

// "units": [id or name] as the plan's registered names.
Result<std::vector<std::string>> units_of(const Plan& plan, const nlohmann::json& units) {
  auto refuse = [] {
    return field_error("units", "Trường \"units\" phải là danh sách số thứ tự hoặc tên đơn vị.",
                       "The field \"units\" must be a list of unit ids or names.");
  };
  if (!units.is_array() || units.size() > limits::units_per_user_max) return refuse();
  std::vector<std::string> typed;
  for (const auto& unit : units) {
    if (unit.is_number_integer()) {
      const long long id = unit.get<long long>();
      if (id < 1 || id > static_cast<long long>(plan.units.size()))
        return field_error("units", "Không có đơn vị số " + std::to_string(id) + " trong kế hoạch.",
                           "The plan has no unit " + std::to_string(id) + ".");
      typed.push_back(plan.units[static_cast<std::size_t>(id - 1)].name);
    } else if (unit.is_string()) {
      typed.push_back(unit.get<std::string>());
    } else {
      return refuse();
    }
  }
  auto names = service::registered_unit_names(plan, typed);
  if (!names) {
    Error error = names.error();
    error.field = "units";
    return error;
  }
  return names;
}

Result<Role> role_of(const nlohmann::json& body) {
  auto text = string_member(body, "role", true);
  if (!text) return text.error();
  auto role = role_from_name(*text);
  if (!role)
    return field_error("role", "Vai trò '" + *text + "' không có; cần administrator, coordinator, reporter hoặc viewer.",
                       "Role '" + *text + "' does not exist; expected administrator, coordinator, reporter or viewer.");
  return *role;
}

Response user_answer(Call& call, const std::string& name, int status) {
  auto users = call.accounts->users();
  if (!users) return error_response(users.error());
  for (const User& user : *users)
    if (user.name == name) return ok_json(user_json(*call.shared.plan, user), status);
  return error_response(make_error(ErrorKind::not_found, "Không có người dùng " + name + ".", "No user " + name + "."));
}

}  // namespace

Response list_users(Call& call) {
  auto users = call.accounts->users();
  if (!users) return error_response(users.error());
  nlohmann::json out = nlohmann::json::array();
  for (const User& user : *users) out.push_back(user_json(*call.shared.plan, user));
  return ok_json(out);
}

Response add_user(Call& call) {
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  NewUser user;
  auto name = string_member(*body, "username", true);
  if (!name) return error_response(name.error());
  user.name = *name;
  auto display_name = string_member(*body, "display_name", false);
  if (!display_name) return error_response(display_name.error());
  user.display_name = *display_name;
  auto role = role_of(*body);
  if (!role) return error_response(role.error());
  user.role = *role;
  if (body->contains("units")) {
    auto units = units_of(*call.shared.plan, (*body)["units"]);
    if (!units) return error_response(units.error());
    user.units = std::move(units).value();
  }
  auto added = call.accounts->add_user(user, call.session->user.name, call.now_unix);
  if (!added) return error_response(added.error());
  auto users = call.accounts->user(user.name);
  if (!users) return error_response(users.error());
  return ok_json({{"user", user_json(*call.shared.plan, *users)}, {"one_time_password", *added}}, 201);
}

Response change_user(Call& call) {
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  auto current = call.accounts->user(call.params["username"]);
  if (!current) return error_response(current.error());
  const std::string& actor = call.session->user.name;
  if (body->contains("display_name")) {
    auto display_name = string_member(*body, "display_name", true);
    if (!display_name) return error_response(display_name.error());
    if (auto set = call.accounts->set_display_name(current->name, *display_name, actor, call.now_unix); !set)
      return error_response(set.error());
  }
  if (body->contains("role") || body->contains("units")) {
    Role role = current->role;
    if (body->contains("role")) {
      auto asked = role_of(*body);
      if (!asked) return error_response(asked.error());
      role = *asked;
    }
    std::vector<std::string> units = role == Role::reporter ? current->units : std::vector<std::string>();
    if (body->contains("units")) {
      auto asked = units_of(*call.shared.plan, (*body)["units"]);
      if (!asked) return error_response(asked.error());
      units = std::move(asked).value();
    }
    if (auto set = call.accounts->set_role(current->name, role, units, actor, call.now_unix); !set)
      return error_response(set.error());
  }
  if (body->contains("disabled")) {
    const nlohmann::json& disabled = (*body)["disabled"];
    if (!disabled.is_boolean())
      return error_response(field_error("disabled", "Trường \"disabled\" phải là true hoặc false.",
                                        "The field \"disabled\" must be true or false."));
    if (auto set = call.accounts->set_disabled(current->name, disabled.get<bool>(), actor, call.now_unix); !set)
      return error_response(set.error());
  }
  return user_answer(call, current->name, 200);
}

Response reset_password(Call& call) {
  auto current = call.accounts->user(call.params["username"]);
  if (!current) return error_response(current.error());
  auto set = call.accounts->set_password(current->name, "", true, call.session->user.name, call.now_unix);
  if (!set) return error_response(set.error());
  return ok_json({{"one_time_password", *set}});
}

}  // namespace chiso::server::detail
