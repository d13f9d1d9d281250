// Issue 19: export. The registry's records export page (/registry/export):
// an area's case records of a period as the JSON or XML of
// docs/records-export.md, downloaded as one file. The area's registry clerk
// and leadership export their own area; KEHA chooses the area.
#include <string>
#include <utility>

#include "gateway/records/records_export_format.h"
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
using httplib::Request;
using httplib::Response;

namespace {

// One download holds at most this many pages of 100 records: a year of an
// area's cases is far fewer.
constexpr int kMaxExportPages = 50;

Form ExportForm(Page& page, bool keha, const Request* req) {
  Form form(page.t());
  auto add = [&](Field f) -> Field& { return form.Add(Refilled(std::move(f), req)); };
  if (keha) {
    Field& area =
        add({.name = "area_code", .label_key = "area", .type = "select", .required = true});
    for (const std::string& code : LoadAreas(page.ctx, page.actor(), page.frame.lang).codes) {
      area.options.emplace_back(code, "");
    }
  }
  const std::string today = page.Today();
  add({.name = "from",
       .label_key = "export_from",
       .type = "date",
       .value = today.substr(0, 4) + "-01-01",
       .hint_key = "export_hint_period",
       .required = true});
  add({.name = "to", .label_key = "export_to", .type = "date", .value = today, .required = true});
  add({.name = "format",
       .label_key = "export_format",
       .type = "select",
       .value = "json",
       .required = true,
       .options = {{"json", "export_format_json"}, {"xml", "export_format_xml"}}});
  return form;
}

void RenderExport(Page& page, int status, Form& form, bool keha) {
  Data d = Object();
  Data fields = form.AllFields();
  if (keha) {
    // The area options show the area's name, not a message key.
    const AreaNames areas = LoadAreas(page.ctx, page.actor(), page.frame.lang);
    Data fixed = List();
    for (const Data& f : fields.list_value()) {
      Data copy = f;
      if (copy.get("select") != nullptr && copy.get("name")->string_value() == "area_code") {
        Data options = List();
        for (const Data& o : copy.get("options")->list_value()) {
          Data option = o;
          option.set("label", areas.Name(o.get("value")->string_value()));
          options.push_back(option);
        }
        copy.set("options", options);
      }
      fixed.push_back(copy);
    }
    fields = std::move(fixed);
  } else {
    const AreaNames areas = LoadAreas(page.ctx, page.actor(), page.frame.lang);
    d.set("area_name", areas.Name(page.actor().area.value()));
  }
  d.set("fields", fields);
  form.PutSummary(d);
  page.Html(status, "export_title", "records_export", d);
}

}  // namespace

void RecordsExportPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page =
      Begin(ctx, req, res,
            {Role::kRegistryClerk, Role::kAreaDirector, Role::kAreaDeputy, Role::kKehaCoordinator});
  if (!page) return;
  const bool keha = page->role() == Role::kKehaCoordinator;
  const bool submitted = req.has_param("from") || req.has_param("to") || req.has_param("format");
  Form form = ExportForm(*page, keha, submitted ? &req : nullptr);
  if (!submitted) return RenderExport(*page, 200, form, keha);

  form.RequireFilled();  // names every missing field at once
  nm::ExportCaseRecordsRequest r;
  r.set_area_code(keha ? Param(req, "area_code") : page->actor().area.value());
  r.set_from(DateParam(req, "from", form));
  r.set_to(DateParam(req, "to", form));
  const std::string format = Param(req, "format");
  if (!format.empty() && format != "json" && format != "xml") {
    form.AddFieldError("format", "err_field_invalid");
  }
  r.set_format(format);
  r.set_page_size(100);
  if (form.has_errors()) return RenderExport(*page, 422, form, keha);

  nm::ExportCaseRecordsResponse all;
  for (int i = 0; i < kMaxExportPages; ++i) {
    nm::ExportCaseRecordsResponse reply;
    if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
      if (st.code() != ErrorCode::kInvalidArgument) return page->ServiceError(st);
      form.AddErrors(st);
      return RenderExport(*page, 422, form, keha);
    }
    for (nm::CaseRecord& rec : *reply.mutable_records()) *all.add_records() = std::move(rec);
    if (reply.next_page_token().empty()) break;
    r.set_page_token(reply.next_page_token());
    // A longer export than one download holds says where it stopped.
    if (i + 1 == kMaxExportPages) all.set_next_page_token(reply.next_page_token());
  }
  const RecordsFormat f = format == "xml" ? RecordsFormat::kXml : RecordsFormat::kJson;
  const std::string filename = "records-" + r.area_code() + "-" + r.from() + "-" + r.to() + "." +
                               std::string(RecordsExtension(f));
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_content(RecordsTo(f, all), std::string(RecordsContentType(f)));
}

}  // namespace verkosto::gateway::web
