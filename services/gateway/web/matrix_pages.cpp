// A network's status matrix (and its CSV): every area's latest case and
// members; KEHA withdraws a case or extends its deadline from it.
#include "gateway/web/area_map.h"
#include "gateway/web/deadline_notice.h"
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "messaging/proto_enum.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
using httplib::Request;
using httplib::Response;

namespace {

// The id prefix of a case's extend form's deadline field, and the field's id.
std::string ExtendPrefix(const std::string& case_id) { return "ext-" + case_id + "-"; }
std::string ExtendId(const std::string& case_id) {
  return Form::IdFor(ExtendPrefix(case_id), "deadline");
}

// The message key of a MatrixRow's participation ("takes_part", ...).
std::string ParticipationKey(const std::string& participation) {
  if (participation == "takes_part") return "takes_part";
  if (participation == "declines") return "declines";
  return "participation_undecided";
}

// What the map's mark of a row says: members named first, then the latest
// case's state, then the area's decision not to take part (issue 18).
MapKind MatrixKind(const nm::MatrixRow& row) {
  if (row.active_memberships_size() > 0) return MapKind::kMembers;
  const bool declines = row.participation() == "declines";
  if (!row.has_latest_case()) return declines ? MapKind::kNotTakingPart : MapKind::kNone;
  switch (row.latest_case().state()) {
    case nm::CASE_STATE_AWAITING_REGISTRATION:
    case nm::CASE_STATE_REGISTERED:
      return row.latest_case().overdue() ? MapKind::kOverdue : MapKind::kOpen;
    case nm::CASE_STATE_DECLINED:
      return MapKind::kDeclined;
    default:
      return declines ? MapKind::kNotTakingPart : MapKind::kNone;
  }
}

// The matrix page (or its CSV when `csv`); `error` (a refused withdraw or
// extend) goes into its error summary.
// `form`, when given, is a refused extension's (its summary instead of `error`'s).
void RenderMatrix(Page& page, const std::string& code, bool csv, int status, const Status& error,
                  const Form* form = nullptr) {
  nm::NetworkMatrixRequest mr;
  mr.set_network_code(code);
  nm::NetworkMatrixResponse matrix;
  if (Status st = page.Call("nominations", mr, &matrix); !st.ok()) return page.ServiceError(st);
  if (csv) {
    page.res.set_header("Content-Disposition", "attachment; filename=\"" + code + "-matrix.csv\"");
    page.res.set_content(matrix.csv(), "text/csv; charset=utf-8");
    return;
  }
  const Catalogue& t = page.t();
  // The reply names the network and each row's area (no list of either).
  const Language lang = page.frame.lang;
  Data rows = List();
  std::map<std::string, MapEntry> marks;
  for (const nm::MatrixRow& row : matrix.rows()) {
    Data r = Object();
    const std::string area = NameIn(lang, row.area_name_fi(), row.area_name_sv(), row.area_code());
    r.set("area", area);
    r.set("area_code", row.area_code());
    const bool has_case = row.has_latest_case();
    const nm::Case& c = row.latest_case();
    std::string state = t.Get(has_case ? StateKey(c.state()) : "state_none");
    // A decision recorded from paper says so (issue 17).
    const nm::Channel channel = c.decision().channel();
    if (has_case && channel != nm::CHANNEL_UNSPECIFIED && channel != nm::CHANNEL_SYSTEM) {
      state += " (" + t.Get("paper_recorded_from") + ": " +
               t.Get("channel_" + messaging::EnumShortName(channel)) + ")";
    }
    r.set("state", state);
    const std::string participation = t.Get(ParticipationKey(row.participation()));
    r.set("participation", participation);
    // The mark's name: its kind, then the state and participation not already said.
    const MapKind kind = MatrixKind(row);
    std::string detail = has_case ? state + ", " + participation : participation;
    if (!has_case && kind == MapKind::kNotTakingPart) detail.clear();
    marks[row.area_code()] = {
        .kind = kind, .name = area, .detail = detail, .href = "#row-" + row.area_code()};
    r.set("deadline", ShowDate(c.deadline(), lang));
    r.set("extend_id", ExtendId(c.case_id()));
    r.set("diary", c.registration().diary_number());
    r.set("case_id", c.case_id());
    r.set("undecided", page.role() == Role::kKehaCoordinator && has_case &&
                           (c.state() == nm::CASE_STATE_AWAITING_REGISTRATION ||
                            c.state() == nm::CASE_STATE_REGISTERED));
    Data members = List();
    for (const nm::Membership& m : row.active_memberships()) {
      members.push_back(MemberData(t, m, area));  // the row's area's members
    }
    r.set("members", members);
    rows.push_back(r);
  }
  Data d = Object();
  d.set("code", code);
  d.set("name", NameIn(lang, matrix.network_name_fi(), matrix.network_name_sv(), code));
  d.set("rows", rows);
  d.set("map", AreaMapData(t, t.Get("map_matrix_label"), marks, MapKind::kNone,
                           {MapKind::kMembers, MapKind::kOpen, MapKind::kOverdue,
                            MapKind::kDeclined, MapKind::kNotTakingPart, MapKind::kNone}));
  if (form != nullptr) {
    form->PutSummary(d);
  } else {
    PutErrorSummary(t, error, d);
  }
  page.Html(status, "matrix_title", "matrix", d);
}

}  // namespace

void MatrixPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator, Role::kAdmin, Role::kObserver});
  if (!page) return;
  const bool csv = req.path.size() > 4 && req.path.compare(req.path.size() - 4, 4, ".csv") == 0;
  RenderMatrix(*page, req.matches[1], csv, 200, Status::Ok());
}

// withdraw / extend.
void CaseKeha(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string id = req.matches[1];
  const std::string step = req.matches[2];
  nm::CaseResponse reply;
  Status st;
  if (step == "withdraw") {
    nm::WithdrawCaseRequest r;
    r.set_case_id(id);
    r.set_reason(Param(req, "reason"));
    st = page->Call("nominations", r, &reply);
  } else {
    // The new deadline typed as d.m.yyyy or ISO; an impossible date goes
    // back to the matrix naming the field, and nothing is sent.
    Form form(page->t());
    form.Add({.name = "deadline",
              .label_key = "new_deadline",
              .type = "date",
              .id_prefix = ExtendPrefix(id)});
    const std::string deadline = DateParam(req, "deadline", form);
    if (form.has_errors()) {
      nm::GetCaseRequest gr;
      gr.set_case_id(id);
      nm::CaseResponse found;
      if (Status found_st = page->Call("nominations", gr, &found); !found_st.ok()) {
        return page->ServiceError(found_st);
      }
      return RenderMatrix(*page, found.case_().network_code(), false, 422, Status::Ok(), &form);
    }
    nm::ExtendDeadlineRequest r;
    r.set_case_id(id);
    r.set_deadline(deadline);
    st = page->Call("nominations", r, &reply);
  }
  if (!st.ok()) {
    // Back to the case's network's matrix, with the refusal in its summary.
    nm::GetCaseRequest gr;
    gr.set_case_id(id);
    nm::CaseResponse found;
    if (!page->Call("nominations", gr, &found).ok()) return page->ServiceError(st);
    return RenderMatrix(*page, found.case_().network_code(), false, 422, st);
  }
  Redirect(res, "/networks/" + UrlEncode(reply.case_().network_code()) + "/matrix?done=" + step +
                    DeadlineWarningQuery(reply.deadline_warning()));
}

}  // namespace verkosto::gateway::web
