#include "gateway/web/render.h"

#include <stdexcept>

#include "gateway/web/assets.h"

namespace verkosto::gateway::web {

namespace mustache = kainjow::mustache;

namespace {

mustache::data CatalogueData(const Catalogue& t) {
  mustache::data d{mustache::data::type::object};
  for (const auto& [key, value] : t.entries()) d.set(key, value);
  return d;
}

struct NavLink {
  const char* href;
  const char* key;
};

std::vector<NavLink> NavFor(Role role) {
  switch (role) {
    case Role::kKehaCoordinator:
      return {{"/networks", "nav_networks"},
              {"/inbox", "nav_inbox"},
              {"/registry/export", "nav_records_export"}};  // issue 19: export
    case Role::kRegistryClerk:
      return {{"/registry", "nav_registry"},
              {"/registry/journal", "nav_journal"},
              {"/inbox", "nav_inbox"},
              {"/registry/export", "nav_records_export"}};  // issue 19: export
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return {{"/director", "nav_director"},
              {"/director/resignations", "nav_resignations"},
              {"/area", "nav_area"},
              {"/inbox", "nav_inbox"},
              {"/registry/export", "nav_records_export"}};  // issue 19: export
    case Role::kNominee:
      return {{"/me/memberships", "nav_my_memberships"}, {"/inbox", "nav_inbox"}};
    case Role::kObserver:
    case Role::kAdmin:
      return {{"/networks", "nav_networks"}, {"/inbox", "nav_inbox"}};
    default:
      return {{"/inbox", "nav_inbox"}};
  }
}

}  // namespace

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string RenderTemplate(const std::string& name, const mustache::data& data) {
  const std::string_view text = Asset("templates/" + name + ".mustache");
  if (text.empty()) throw std::runtime_error("no template " + name);
  mustache::mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  mustache::data with_partials = data;
  for (const auto& [path, content] : AllAssets()) {
    const std::string p(path);
    const std::string prefix = "templates/_";  // partials start with '_'

    const std::string suffix = ".mustache";
    if (p.rfind(prefix, 0) != 0 || p.size() <= prefix.size() + suffix.size()) continue;
    const std::string partial_name =
        "_" + p.substr(prefix.size(), p.size() - prefix.size() - suffix.size());
    const std::string body(content);
    with_partials.set(partial_name, mustache::partial([body] { return std::string(body); }));
  }
  return tmpl.render(with_partials);
}

void AddCommon(const PageFrame& frame, mustache::data& data) {
  const Catalogue& t = Catalogue::For(frame.lang);
  data.set("t", CatalogueData(t));
  data.set("lang", std::string(LanguageCode(frame.lang)));
  if (frame.user && data.get("csrf_token") == nullptr) {
    data.set("csrf_token", frame.user->csrf_token);
  }
}

std::string RenderPage(const PageFrame& frame, const std::string& title, const std::string& name,
                       mustache::data data, const std::string& flash) {
  const Catalogue& t = Catalogue::For(frame.lang);
  AddCommon(frame, data);
  mustache::data page{mustache::data::type::object};
  AddCommon(frame, page);
  page.set("title", title);
  page.set("body", RenderTemplate(name, data));
  if (!flash.empty()) page.set("flash", flash);
  if (frame.user) {
    mustache::data user{mustache::data::type::object};
    user.set("display_name", frame.user->actor.display_name);
    user.set("role_name", t.Get("role_" + std::string(RoleName(frame.user->actor.role))));
    if (!frame.user->actor.on_behalf_of.empty()) {
      const Actor& actor = frame.user->actor;
      user.set("on_behalf_of",
               actor.on_behalf_of_name.empty() ? actor.on_behalf_of : actor.on_behalf_of_name);
    }
    page.set("user", user);
    mustache::data nav{mustache::data::type::list};
    // Everyone's home page first (issue 18, desk_pages.cpp).
    std::vector<NavLink> links = {{"/desk", "nav_desk"}};
    for (const NavLink& link : NavFor(frame.user->actor.role)) links.push_back(link);
    // Every staff role reads the national view (national_view_pages.cpp).
    const Role role = frame.user->actor.role;
    if (role == Role::kKehaCoordinator || role == Role::kAdmin || role == Role::kObserver ||
        role == Role::kAreaDirector || role == Role::kAreaDeputy || role == Role::kRegistryClerk) {
      links.push_back({"/national-view", "nav_national_view"});
    }
    for (const NavLink& link : links) {
      mustache::data item{mustache::data::type::object};
      item.set("href", link.href);
      item.set("label", t.Get(link.key));
      item.set("current", frame.path == link.href);
      const auto count = frame.nav_counts.find(link.href);
      if (count != frame.nav_counts.end() && count->second.count > 0) {
        item.set("count", std::to_string(count->second.count));
        item.set("count_text", t.Get(count->second.text_key));
      }
      nav.push_back(item);
    }
    page.set("nav", nav);
  }
  const std::string back = frame.path + (frame.query.empty() ? "" : "?" + frame.query);
  mustache::data langs{mustache::data::type::list};
  for (const Language lang : kLanguages) {
    mustache::data item{mustache::data::type::object};
    item.set("code", std::string(LanguageCode(lang)));
    item.set("name", Catalogue::For(lang).Get("language_name"));
    item.set("back", UrlEncode(back));
    item.set("current", lang == frame.lang);
    langs.push_back(item);
  }
  page.set("langs", langs);
  return RenderTemplate("layout", page);
}

}  // namespace verkosto::gateway::web
