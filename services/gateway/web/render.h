#pragma once

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <map>
#include <optional>
#include <string>

#include "gateway/http/gateway_context.h"
#include "gateway/web/i18n.h"

namespace verkosto::gateway::web {

// Everything about one request the page frame needs.
struct PageFrame {
  Language lang = Language::kFi;
  std::optional<RequestUser> user;
  // Path and query of the request, for the language switch's way back and
  // for marking the current navigation link.
  std::string path = "/";
  std::string query;
  // Counts beside navigation links (issue 18, desk_pages.cpp): by the link's
  // path, the number and the message key of the words an assistive
  // technology reads after it ("3 odottaa"). Filled once per page.
  struct NavCount {
    uint32_t count = 0;
    std::string text_key;
  };
  std::map<std::string, NavCount> nav_counts;
  bool nav_counts_read = false;
};

// Renders the embedded template templates/<name>.mustache with `data`; every
// other template is available as a partial ({{> field}}). Variables are
// HTML-escaped ({{x}}); templates use {{{ }}} only for `body`, which is
// HTML this code rendered itself.
std::string RenderTemplate(const std::string& name, const kainjow::mustache::data& data);

// `data` plus the frame's common keys: t (the catalogue), lang, csrf_token.
void AddCommon(const PageFrame& frame, kainjow::mustache::data& data);

// A whole page: templates/<name> inside layout.mustache, titled by the message `title_key`.
std::string RenderPage(const PageFrame& frame, const std::string& title, const std::string& name,
                       kainjow::mustache::data data, const std::string& flash = {});

// Percent-encodes `s` for a URL query value.
std::string UrlEncode(const std::string& s);

}  // namespace verkosto::gateway::web
