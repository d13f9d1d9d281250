// The web UI's building blocks: the message catalogues, the templates and the
// mapping of service errors onto form fields.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gateway/web/assets.h"
#include "gateway/web/forms.h"
#include "gateway/web/i18n.h"
#include "gateway/web/render.h"

namespace verkosto::gateway::web {
namespace {

TEST(WebCatalogue, EveryKeyIsInEveryLanguage) {
  EXPECT_EQ(CatalogueProblems(), std::vector<std::string>{});
  for (const Language lang : kLanguages) {
    EXPECT_GT(Catalogue::For(lang).entries().size(), 100U) << LanguageCode(lang);
  }
  EXPECT_EQ(Catalogue::For(Language::kSv).Get("login"), "Logga in");
  EXPECT_EQ(Catalogue::For(Language::kSv).language(), Language::kSv);
}

TEST(WebCatalogue, EveryKeyTheTemplatesUseExists) {
  int used = 0;
  for (const auto& [path, content] : AllAssets()) {
    if (path.substr(0, 10) != "templates/") continue;
    const std::string text(content);
    for (size_t at = text.find("{{t."); at != std::string::npos; at = text.find("{{t.", at + 1)) {
      const size_t end = text.find("}}", at);
      ASSERT_NE(end, std::string::npos) << path;
      const std::string key = text.substr(at + 4, end - at - 4);
      ++used;
      EXPECT_TRUE(Catalogue::For(Language::kFi).entries().count(key))
          << path << " uses missing key " << key;
    }
  }
  EXPECT_GT(used, 100);
}

TEST(WebTemplates, UserTextIsNeverRenderedUnescaped) {
  // {{{ }}} (and {{& }}) skip HTML escaping: only the layout's body, which is
  // HTML rendered from escaped templates, may use it.
  for (const auto& [path, content] : AllAssets()) {
    if (path.substr(0, 10) != "templates/") continue;
    const std::string text(content);
    size_t at = 0;
    while ((at = text.find("{{{", at)) != std::string::npos) {
      EXPECT_EQ(path, "templates/layout.mustache");
      EXPECT_EQ(text.substr(at, 10), "{{{body}}}") << path;
      at += 3;
    }
    EXPECT_EQ(text.find("{{&"), std::string::npos) << path;
  }
}

TEST(WebTemplates, VariablesAreEscaped) {
  kainjow::mustache::data d{kainjow::mustache::data::type::object};
  d.set("message", "<script>alert(\"x\")</script> & co");
  PageFrame frame;
  AddCommon(frame, d);
  const std::string html = RenderTemplate("message", d);
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"),
            std::string::npos)
      << html;
}

// A form's fields and error summary as the English page shows them.
std::string RenderFields(const Form& form) {
  kainjow::mustache::data d{kainjow::mustache::data::type::object};
  d.set("fields", form.AllFields());
  form.PutSummary(d);
  PageFrame frame;
  frame.lang = Language::kEn;
  AddCommon(frame, d);
  return RenderTemplate("registry_log", d);
}

// A definition checked as a whole before it is proposed.
Status TwoFieldError() {
  return Status(ErrorCode::kInvalidArgument,
                "goals: at least one goal is required; term.end_date: an end date is required; "
                "term.end_date: must be after term.start_date",
                {{"goals", "at least one goal is required"},
                 {"term.end_date", "an end date is required"},
                 {"term.end_date", "must be after term.start_date"}});
}

TEST(WebForms, SplitsAServiceErrorNamingSeveralFields) {
  const std::vector<FieldProblem> problems = SplitProblems(TwoFieldError());
  ASSERT_EQ(problems.size(), 2U);  // the first problem of a field named twice
  EXPECT_EQ(problems[0].field, "goals");
  EXPECT_EQ(problems[0].detail, "at least one goal is required");
  EXPECT_EQ(problems[1].field, "term.end_date");
  EXPECT_EQ(problems[1].detail, "an end date is required");
}

TEST(WebForms, SplitsAnErrorWithoutViolationsIntoOneProblemForTheForm) {
  const std::vector<FieldProblem> problems =
      SplitProblems(Status::FailedPrecondition("the network is closed"));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].field, "");
  EXPECT_EQ(problems[0].detail, "the network is closed");
}

TEST(WebForms, EveryFieldOfAServiceErrorIsMarked) {
  const Catalogue& t = Catalogue::For(Language::kEn);
  Form form(t);
  for (const char* name : {"goals", "term.start_date", "term.end_date"}) {
    Field f;
    f.name = name;
    f.label_key = "field_term_end_date";
    form.Add(f);
  }
  form.AddErrors(TwoFieldError());
  const std::string html = RenderFields(form);
  EXPECT_NE(html.find(R"(id="f-goals-error")"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(id="f-term-end_date-error")"), std::string::npos) << html;
  EXPECT_EQ(html.find(R"(id="f-term-start_date-error")"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(<a href="#f-goals">)"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(<a href="#f-term-end_date">)"), std::string::npos) << html;
}

TEST(WebForms, MatchesErrorFieldsToFormFields) {
  const std::vector<std::string> fields = {"goals", "seats.members", "seats.deputies",
                                           "nominees[0].email", "term.end_date"};
  EXPECT_EQ(MatchField("term.end_date", fields), "term.end_date");
  EXPECT_EQ(MatchField("seats", fields), "seats.members");
  EXPECT_EQ(MatchField("goals[2]", fields), "goals");
  EXPECT_EQ(MatchField("nominees", fields), "nominees[0].email");
  EXPECT_EQ(MatchField("area_codes", fields), "");
  EXPECT_EQ(MatchField("", fields), "");
}

TEST(WebForms, AFieldErrorIsShownAtTheFieldAndInTheSummary) {
  const Catalogue& t = Catalogue::For(Language::kEn);
  Form form(t);
  Field end;
  end.name = "term.end_date";
  end.label_key = "field_term_end_date";
  end.type = "date";
  end.hint_key = "hint_date";
  form.Add(end);
  form.AddErrors(Status::InvalidArgument("term.end_date", "an end date is required"));
  ASSERT_TRUE(form.has_errors());
  const std::string fields = RenderFields(form);
  EXPECT_NE(
      fields.find(R"(<p class="field-error" id="f-term-end_date-error">This is required.</p>)"),
      std::string::npos)
      << fields;
  EXPECT_NE(fields.find(R"(aria-describedby="f-term-end_date-hint f-term-end_date-error")"),
            std::string::npos);
  EXPECT_NE(fields.find(R"(aria-invalid="true")"), std::string::npos);
  EXPECT_NE(
      fields.find(R"(<a href="#f-term-end_date">Last day of the term: This is required.</a>)"),
      std::string::npos)
      << fields;
  EXPECT_NE(fields.find(R"(<span lang="en">(an end date is required)</span>)"), std::string::npos);
}

TEST(WebForms, RequireFilledNamesEveryBlankRequiredField) {
  const Catalogue& t = Catalogue::For(Language::kEn);
  Form form(t);
  for (const auto& [name, value, required] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"sender", " \r\n", true},
                                                               {"subject", "", true},
                                                               {"organisation", "Kajaani", true},
                                                               {"deadline", "", false}}) {
    Field f;
    f.name = name;
    f.label_key = name;
    f.value = value;
    f.required = required;
    form.Add(f);
  }
  form.RequireFilled();
  const std::string html = RenderFields(form);
  EXPECT_NE(html.find(R"(<a href="#f-sender">Sender: This is required.</a>)"), std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(<a href="#f-subject">Subject: This is required.</a>)"), std::string::npos);
  EXPECT_EQ(html.find("f-organisation-error"), std::string::npos);
  EXPECT_EQ(html.find("f-deadline-error"), std::string::npos);
}

TEST(WebForms, AnErrorWithoutAFieldGoesToTheSummaryOnly) {
  const Catalogue& t = Catalogue::For(Language::kFi);
  Form form(t);
  form.AddErrors(Status::FailedPrecondition("area_codes", "area x has declined"));
  kainjow::mustache::data d{kainjow::mustache::data::type::object};
  form.PutSummary(d);
  PageFrame frame;
  AddCommon(frame, d);
  const std::string html = RenderTemplate("_error_summary", d);
  EXPECT_NE(html.find(t.Get("err_failed_precondition")), std::string::npos) << html;
  EXPECT_EQ(html.find("href="), std::string::npos);
}

// After a refused form the keyboard focus starts at the error summary: it is
// focusable (tabindex -1) and autofocus moves the focus there on load, with
// no script (a strict Content-Security-Policy would allow none).
TEST(WebTemplates, TheErrorSummaryTakesTheFocusWithoutAScript) {
  Form form(Catalogue::For(Language::kFi));
  form.AddErrors(Status::InvalidArgument("sender", "is required"));
  kainjow::mustache::data d{kainjow::mustache::data::type::object};
  form.PutSummary(d);
  const std::string html = RenderPage(PageFrame{}, "Kirjaus", "registry_log", d);
  EXPECT_NE(html.find(R"(<div class="error-summary" role="alert" )"
                      R"(aria-labelledby="error-summary-title" tabindex="-1" autofocus>)"),
            std::string::npos)
      << html;
  size_t autofocus = 0;
  for (size_t at = html.find("autofocus"); at != std::string::npos;
       at = html.find("autofocus", at + 1)) {
    ++autofocus;
  }
  EXPECT_EQ(autofocus, 1u) << "one element per page takes the focus";
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(WebRender, UrlEncodeKeepsPathsReadable) {
  EXPECT_EQ(UrlEncode("/networks?x=1&y=ä"), "/networks%3Fx%3D1%26y%3D%C3%A4");
}

}  // namespace
}  // namespace verkosto::gateway::web
