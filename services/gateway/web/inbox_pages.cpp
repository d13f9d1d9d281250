// Everyone's notifications inbox.
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway::web {

namespace nt = ::verkosto::notifications::v1;
using httplib::Request;
using httplib::Response;

void InboxPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  nt::ListInboxRequest lr;
  lr.set_page_token(page->PageToken());
  nt::ListInboxResponse inbox;
  if (Status st = page->Call("notifications", lr, &inbox); !st.ok()) return page->ServiceError(st);
  Data items = List();
  for (const nt::InboxItem& i : inbox.items()) {
    Data item = Object();
    item.set("id", i.id());
    item.set("subject", i.subject());
    item.set("body", i.body_text());
    item.set("created", FormatTime(i.created_unix_us(), page->frame.lang));
    if (IsLocalPath(i.link())) item.set("link", i.link());
    item.set("read", i.read());
    items.push_back(item);
  }
  Data d = Object();
  d.set("items", items);
  d.set("has_items", inbox.items_size() > 0);
  d.set("unread", std::to_string(inbox.unread_count()));
  page->PutPager(d, inbox.next_page_token());
  page->Html(200, "inbox_title", "inbox", d);
}

void MarkRead(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  nt::MarkReadRequest r;
  for (const std::string& id : Params(req, "id")) r.add_ids(id);
  r.set_all(Param(req, "all") == "1");
  nt::MarkReadResponse reply;
  if (Status st = page->Call("notifications", r, &reply); !st.ok()) return page->ServiceError(st);
  Redirect(res, "/inbox?done=read");
}

}  // namespace verkosto::gateway::web
