#include "nominations/domain/letters.h"

#include <algorithm>
#include <chrono>
#include <type_traits>

namespace verkosto::nominations {

namespace {

// The two languages' words, side by side so they stay in step.
struct Words {
  std::string_view fi;
  std::string_view sv;
};

class Writer {
 public:
  explicit Writer(std::string_view language) : sv_(language == "sv") {}

  std::string operator()(Words w) const { return std::string(sv_ ? w.sv : w.fi); }
  bool sv() const { return sv_; }

 private:
  bool sv_;
};

constexpr Words kKeha{"KEHA-keskus", "KEHA-centret"};
constexpr Words kKehaLong{
    "Elinkeino-, liikenne- ja ympäristökeskusten sekä työ- ja elinkeinotoimistojen kehittämis- "
    "ja hallintokeskus (KEHA-keskus)",
    "Utvecklings- och förvaltningscentret för NTM-centralerna och arbets- och näringsbyråerna "
    "(KEHA-centret)"};
constexpr Words kDash{"—", "—"};

// Rule 6 of the C6 statement, as the networks service words it
// (networks/domain/disclaimer.h; repeated here, the domain links core only).
constexpr Words kRule6{
    "Verkoston näkemykset ja tuotokset eivät ole työllisyysalueiden virallisia kannanottoja "
    "eivätkä sido työllisyysalueita. Kukin työllisyysalue päättää kannoistaan itsenäisesti.",
    "Nätverkets synpunkter och material är inte sysselsättningsområdenas officiella "
    "ståndpunkter och binder inte sysselsättningsområdena. Varje sysselsättningsområde "
    "beslutar självständigt om sina ståndpunkter."};

std::string OrDash(const Writer& w, const std::string& text) {
  return text.empty() ? w(kDash) : text;
}

std::string AreaName(const Writer& w, const AreaInfo& area) {
  const std::string& name = w.sv() && !area.name_sv.empty() ? area.name_sv : area.name_fi;
  return name.empty() ? area.code.value() : name;
}

std::string NetworkName(const Writer& w, const NetworkInfo& network, const NetworkCode& code) {
  const std::string& name = w.sv() && !network.name_sv.empty() ? network.name_sv : network.name_fi;
  return name.empty() ? code.value() : name;
}

// "1 jäsenen ja 2 varajäsentä" (the object of "nimetä"), "1 ledamot och 2 ersättare".
std::string SeatsText(const Writer& w, const Seats& seats) {
  std::string out = std::to_string(seats.members) + " " +
                    (seats.members == 1 ? w({"jäsenen", "ledamot"}) : w({"jäsentä", "ledamöter"}));
  if (seats.deputies > 0) {
    out +=
        w({" ja ", " och "}) + std::to_string(seats.deputies) + " " +
        (seats.deputies == 1 ? w({"varajäsenen", "ersättare"}) : w({"varajäsentä", "ersättare"}));
  }
  return out;
}

// "1 jäsen ja 2 varajäsentä", "1 ledamot och 2 ersättare".
std::string SeatsNominative(const Writer& w, const Seats& seats) {
  std::string out = std::to_string(seats.members) + " " +
                    (seats.members == 1 ? w({"jäsen", "ledamot"}) : w({"jäsentä", "ledamöter"}));
  if (seats.deputies > 0) {
    out += w({" ja ", " och "}) + std::to_string(seats.deputies) + " " +
           (seats.deputies == 1 ? w({"varajäsen", "ersättare"}) : w({"varajäsentä", "ersättare"}));
  }
  return out;
}

std::string ChannelText(const Writer& w, Channel channel) {
  switch (channel) {
    case Channel::kSystem:
      return w({"verkosto-järjestelmä", "verkosto-systemet"});
    case Channel::kEmail:
      return w({"sähköposti", "e-post"});
    case Channel::kLetter:
      return w({"kirje", "brev"});
    case Channel::kOther:
      return w({"muu", "annat"});
  }
  return w(kDash);
}

std::string SeatText(const Writer& w, SeatKind seat) {
  return seat == SeatKind::kDeputy ? w({"varajäsen", "ersättare"}) : w({"jäsen", "ledamot"});
}

std::string KindSubject(const Writer& w, const Case& c) {
  switch (c.kind) {
    case CaseKind::kReplacement:
      return w(
          {"Pyyntö nimetä seuraaja verkostoon", "Begäran om att utse en efterträdare i nätverket"});
    case CaseKind::kConfirmation:
      return w({"Pyyntö vahvistaa jäsenet verkoston uudelle toimikaudelle",
                "Begäran om att bekräfta ledamöterna för nätverkets nya mandatperiod"});
    case CaseKind::kNomination:
      break;
  }
  return w(
      {"Pyyntö nimetä edustajat verkostoon", "Begäran om att utse representanter till nätverket"});
}

std::string DecisionSubject(const Writer& w, const Case& c) {
  switch (c.kind) {
    case CaseKind::kReplacement:
      return w({"Seuraajan nimeäminen verkostoon", "Utnämning av en efterträdare i nätverket"});
    case CaseKind::kConfirmation:
      return w({"Jäsenten vahvistaminen uudelle toimikaudelle, verkosto",
                "Bekräftelse av ledamöterna för den nya mandatperioden, nätverket"});
    case CaseKind::kNomination:
      break;
  }
  return w({"Edustajien nimeäminen verkostoon", "Utnämning av representanter till nätverket"});
}

std::string Subject(const Writer& w, const LetterInput& in) {
  return KindSubject(w, in.c) + " " + NetworkName(w, in.network, in.c.network);
}

std::string TermText(const NetworkInfo& network) {
  if (!network.term_start || !network.term_end) return {};
  return LetterDate(*network.term_start) + "–" + LetterDate(*network.term_end);
}

int64_t Seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// The footer of every letter: what it is and where it comes from.
std::string Footer(const Writer& w, const Case& c) {
  return w({"Asia ", "Ärende "}) + c.id.value() + " · " +
         w({"Asiakirja on laadittu verkosto-järjestelmässä; se on voimassa ilman allekirjoitusta.",
            "Handlingen har upprättats i verkosto-systemet; den är giltig utan underskrift."});
}

std::vector<std::string> KehaBlock(const Writer& w) {
  return {w(kKeha), w({"Kirjaamo", "Registratorskontoret"})};
}

std::vector<std::string> AreaBlock(const Writer& w, const AreaInfo& area) {
  return {AreaName(w, area), w({"Kirjaamo", "Registratorskontoret"})};
}

std::string StampName(const Stamp& s) { return s.name.empty() ? s.user_id : s.name; }

pdf::Document Base(const Writer& w, std::string_view language, const LetterInput& in) {
  pdf::Document d;
  d.language = std::string(language);
  d.footer = Footer(w, in.c);
  d.subject = Subject(w, in);
  return d;
}

pdf::Document Request(const Writer& w, std::string_view language, const LetterInput& in) {
  const Case& c = in.c;
  pdf::Document d = Base(w, language, in);
  const Stamp& sent = *c.sent;
  d.title = w({"NIMEÄMISPYYNTÖ", "BEGÄRAN OM NOMINERING"});
  d.organisation = w(kKeha);
  d.sender = {w(kKehaLong)};
  d.addressee = AreaBlock(w, in.area);
  d.created_unix_s = Seconds(sent.at);
  d.meta = {
      {w({"Päivämäärä", "Datum"}), LetterDate(HelsinkiDate(sent.at))},
      {w({"KEHA-keskuksen dnro", "KEHA-centrets dnr"}), OrDash(w, c.keha_diary_number)},
      {w({"Alueen dnro", "Områdets dnr"}),
       c.registration ? OrDash(w, c.registration->diary_number) : w(kDash)},
      {w({"Määräaika", "Tidsfrist"}), c.deadline ? LetterDate(*c.deadline) : w(kDash)},
  };
  const std::string network = NetworkName(w, in.network, c.network);
  pdf::Section ask;
  ask.paragraphs.push_back(
      w({"KEHA-keskus pyytää, että ", "KEHA-centret ber att "}) + AreaName(w, in.area) +
      w({" nimeää edustajansa verkostoon ", " utser sina representanter till nätverket "}) +
      network + ".");
  if (c.kind == CaseKind::kReplacement) {
    ask.paragraphs.back() =
        w({"KEHA-keskus pyytää, että ", "KEHA-centret ber att "}) + AreaName(w, in.area) +
        w({" nimeää seuraajan verkoston ", " utser en efterträdare för en ledamot i nätverket "}) +
        network + w({" jäsenelle, jonka jäsenyys päättyi.", "."});
  }
  if (!c.covering_message.empty()) ask.paragraphs.push_back(c.covering_message);
  d.sections.push_back(ask);

  pdf::Section about;
  about.heading = w({"Verkosto", "Nätverket"});
  const std::string term = TermText(in.network);
  about.paragraphs.push_back(
      network + " (" + c.network.value() + ")." +
      (term.empty() ? std::string() : w({" Toimikausi ", " Mandatperiod "}) + term + "."));
  if (!in.network.goals.empty()) {
    about.paragraphs.push_back(w({"Verkoston tavoitteet:", "Nätverkets mål:"}));
    about.items = in.network.goals;
  }
  if (in.network.meetings_per_year > 0) {
    about.paragraphs.push_back(
        w({"Verkosto kokoontuu noin ", "Nätverket sammanträder cirka "}) +
        std::to_string(in.network.meetings_per_year) +
        w({" kertaa vuodessa. Viestintäsuunnitelma ja aineistot julkaistaan verkosto-"
           "järjestelmän julkisella sivulla.",
           " gånger om året. Kommunikationsplanen och materialet publiceras på verkosto-"
           "systemets offentliga sida."}));
  }
  d.sections.push_back(about);

  // The network's communication plan (rule 2: a network opens with one).
  pdf::Section plan;
  plan.heading = w({"Viestintäsuunnitelma", "Kommunikationsplan"});
  auto plan_line = [&](const Words& label, const std::vector<std::string>& entries) {
    if (entries.empty()) return;
    std::string line = w(label) + ": ";
    for (size_t i = 0; i < entries.size(); ++i) line += (i == 0 ? "" : "; ") + entries[i];
    plan.paragraphs.push_back(line.ends_with('.') ? line : line + ".");
  };
  plan_line({"Kohderyhmät", "Målgrupper"}, in.network.plan_audiences);
  plan_line({"Kanavat", "Kanaler"}, in.network.plan_channels);
  if (!in.network.plan_cadence.empty())
    plan_line({"Aikataulu", "Tidtabell"}, {in.network.plan_cadence});
  if (!in.network.plan_responsible.empty())
    plan_line({"Vastuu", "Ansvarig"}, {in.network.plan_responsible});
  if (!plan.paragraphs.empty()) d.sections.push_back(plan);

  pdf::Section ask_for;
  ask_for.heading = w({"Pyydettävät edustajat", "Begärda representanter"});
  ask_for.paragraphs.push_back(
      w({"Pyydämme nimeämään ", "Vi ber er utse "}) + SeatsText(w, c.seats) +
      (c.deadline ? w({" viimeistään ", " senast "}) + LetterDate(*c.deadline) : std::string()) +
      w({". Nimeäminen tai perusteltu kieltäytyminen tehdään verkosto-järjestelmässä "
         "kirjaamon kirjattua pyynnön; vastauksen voi antaa myös kirjeellä.",
         ". Nomineringen eller en motiverad vägran görs i verkosto-systemet efter att "
         "registratorskontoret har registrerat begäran; svaret kan också ges per brev."}));
  d.sections.push_back(ask_for);

  pdf::Section note;
  note.heading = w({"Huomautus (sääntö 6)", "Anmärkning (regel 6)"});
  note.paragraphs.push_back(w(kRule6));
  d.sections.push_back(note);

  d.signer = {w({"Kunnioittavasti", "Med vänlig hälsning"}), "", StampName(sent),
              w({"KEHA-keskus, verkostokoordinaattori", "KEHA-centret, nätverkskoordinator"})};
  return d;
}

pdf::Document Acknowledgement(const Writer& w, std::string_view language, const LetterInput& in) {
  const Case& c = in.c;
  const Registration& r = *c.registration;
  pdf::Document d = Base(w, language, in);
  d.title = w({"VASTAANOTTOILMOITUS", "MOTTAGNINGSBEVIS"});
  d.organisation = AreaName(w, in.area);
  d.sender = AreaBlock(w, in.area);
  d.addressee = KehaBlock(w);
  d.created_unix_s = Seconds(r.registered.at);
  d.meta = {
      {w({"Päivämäärä", "Datum"}), LetterDate(HelsinkiDate(r.registered.at))},
      {w({"Alueen dnro", "Områdets dnr"}), OrDash(w, r.diary_number)},
      {w({"KEHA-keskuksen dnro", "KEHA-centrets dnr"}), OrDash(w, c.keha_diary_number)},
  };
  pdf::Section body;
  body.paragraphs.push_back(
      AreaName(w, in.area) +
      w({" ilmoittaa vastaanottaneensa alla mainitun asiakirjan ja kirjanneensa sen "
         "asiarekisteriinsä.",
         " meddelar att den har tagit emot nedan nämnda handling och registrerat den i sitt "
         "diarium."}));
  d.sections.push_back(body);
  pdf::Section facts;
  facts.heading = w({"Vastaanotettu asiakirja", "Mottagen handling"});
  facts.items = {
      w({"Asiakirja: ", "Handling: "}) + Subject(w, in),
      w({"Vastaanotettu: ", "Mottagen: "}) + LetterDate(r.date_received),
      w({"Saapumistapa: ", "Ankomstsätt: "}) + ChannelText(w, r.channel),
      w({"Alueen diaarinumero: ", "Områdets diarienummer: "}) + OrDash(w, r.diary_number),
      w({"KEHA-keskuksen diaarinumero: ", "KEHA-centrets diarienummer: "}) +
          OrDash(w, c.keha_diary_number),
      w({"Kirjaaja: ", "Registrerad av: "}) + StampName(r.registered),
  };
  if (!r.sender.empty()) facts.items.push_back(w({"Lähettäjä: ", "Avsändare: "}) + r.sender);
  if (!r.organisation.empty()) {
    facts.items.push_back(w({"Asianhallintajärjestelmä: ", "Ärendehanteringssystem: "}) +
                          r.organisation);
  }
  d.sections.push_back(facts);
  if (c.deadline) {
    pdf::Section next;
    next.heading = w({"Jatkokäsittely", "Fortsatt behandling"});
    next.paragraphs.push_back(
        w({"Asia on siirretty työllisyysalueen johdon päätettäväksi. Pyydetty määräaika on ",
           "Ärendet har överförts till sysselsättningsområdets ledning för beslut. Den begärda "
           "tidsfristen är "}) +
        LetterDate(*c.deadline) + ".");
    d.sections.push_back(next);
  }
  d.signer = {StampName(r.registered), w({"Kirjaamo", "Registratorskontoret"})};
  return d;
}

pdf::Document DecisionLetter(const Writer& w, std::string_view language, const LetterInput& in) {
  const Case& c = in.c;
  const Decision& dec = *c.decision;
  pdf::Document d = Base(w, language, in);
  d.title = w({"PÄÄTÖS", "BESLUT"});
  d.subject = DecisionSubject(w, c) + " " + NetworkName(w, in.network, c.network);
  d.organisation = AreaName(w, in.area);
  d.sender = {AreaName(w, in.area), w({"Työllisyysjohto", "Sysselsättningsledningen"})};
  d.addressee = KehaBlock(w);
  d.created_unix_s = Seconds(dec.decided.at);
  const Date date = dec.decision_date ? *dec.decision_date : HelsinkiDate(dec.decided.at);
  d.meta = {
      {w({"Päätöspäivä", "Beslutsdatum"}), LetterDate(date)},
      {w({"Alueen dnro", "Områdets dnr"}),
       c.registration ? OrDash(w, c.registration->diary_number) : w(kDash)},
      {w({"KEHA-keskuksen dnro", "KEHA-centrets dnr"}), OrDash(w, c.keha_diary_number)},
  };
  const std::string network = NetworkName(w, in.network, c.network);
  pdf::Section body;
  body.heading = w({"Päätös", "Beslut"});
  if (dec.approved) {
    body.paragraphs.push_back(AreaName(w, in.area) +
                              w({" nimeää verkostoon ", " utser till nätverket "}) + network +
                              w({" seuraavat edustajat:", " följande representanter:"}));
    for (const Nominee& n : dec.nominees) {
      std::string item = n.name;
      if (!n.title.empty()) item += ", " + n.title;
      item += " (" + SeatText(w, n.seat) + ")";
      body.items.push_back(item);
    }
    if (dec.nominees.empty()) {
      body.items.push_back(w({"Nykyiset jäsenet jatkavat uudella toimikaudella.",
                              "De nuvarande ledamöterna fortsätter under den nya perioden."}));
    }
  } else {
    body.paragraphs.push_back(
        AreaName(w, in.area) +
        w({" ei nimeä edustajia verkostoon ", " utser inte representanter till nätverket "}) +
        network + ".");
  }
  d.sections.push_back(body);
  if (!dec.approved) {
    pdf::Section reason;
    reason.heading = w({"Perustelut", "Motivering"});
    reason.paragraphs.push_back(OrDash(w, dec.reason));
    d.sections.push_back(reason);
  }
  pdf::Section basis;
  basis.heading = w({"Asian käsittely", "Behandling av ärendet"});
  basis.paragraphs.push_back(
      w({"KEHA-keskuksen pyyntö ", "KEHA-centrets begäran "}) + OrDash(w, c.keha_diary_number) +
      (c.deadline ? w({", määräaika ", ", tidsfrist "}) + LetterDate(*c.deadline) : std::string()) +
      ". " + w({"Pyydetyt paikat: ", "Begärda platser: "}) + SeatsNominative(w, c.seats) + ".");
  if (dec.from_paper()) {
    basis.paragraphs.push_back(
        w({"Vastaus saapui KEHA-keskukseen (", "Svaret kom till KEHA-centret ("}) +
        ChannelText(w, dec.channel) + w({") ja sen kirjasi ", ") och registrerades av "}) +
        StampName(dec.decided) + ".");
  }
  d.sections.push_back(basis);
  if (dec.from_paper()) {
    d.signer = {OrDash(w, dec.decided_at_area)};
  } else {
    d.signer = {StampName(dec.decided), w({"Työllisyysjohtaja", "Sysselsättningsdirektör"})};
    if (!dec.decided.on_behalf_of.empty()) {
      d.signer.back() = w({"Varahenkilö", "Ersättare"});
      d.signer.push_back(w({"työllisyysjohtajan (", "för sysselsättningsdirektören ("}) +
                         (dec.decided.on_behalf_of_name.empty() ? dec.decided.on_behalf_of
                                                                : dec.decided.on_behalf_of_name) +
                         w({") puolesta", ")"}));
    }
  }
  return d;
}

}  // namespace

std::string_view LetterKindName(LetterKind kind) {
  switch (kind) {
    case LetterKind::kRequest:
      return "request";
    case LetterKind::kAcknowledgement:
      return "acknowledgement";
    case LetterKind::kDecision:
      return "decision";
  }
  return "unspecified";
}

std::optional<LetterKind> LetterKindFromName(std::string_view name) {
  for (LetterKind k : {LetterKind::kRequest, LetterKind::kAcknowledgement, LetterKind::kDecision}) {
    if (LetterKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<LetterKind> LetterOf(const Event& event) {
  return std::visit(
      [](const auto& e) -> std::optional<LetterKind> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, RequestSent>) {
          if (e.case_after.sent) return LetterKind::kRequest;
        } else if constexpr (std::is_same_v<T, CaseRegistered> || std::is_same_v<T, CaseLogged>) {
          return LetterKind::kAcknowledgement;
        } else if constexpr (std::is_same_v<T, CaseApproved> || std::is_same_v<T, CaseDeclined>) {
          return LetterKind::kDecision;
        }
        return std::nullopt;
      },
      event);
}

bool CaseHasLetter(const Case& c, LetterKind kind) {
  switch (kind) {
    case LetterKind::kRequest:
      return c.sent.has_value();
    case LetterKind::kAcknowledgement:
      return c.registration.has_value();
    case LetterKind::kDecision:
      return c.decision.has_value();
  }
  return false;
}

std::vector<std::string> LetterLanguages(const std::vector<std::string>& area_languages) {
  std::vector<std::string> out;
  for (const std::string& l : area_languages) {
    if ((l == "fi" || l == "sv") && std::find(out.begin(), out.end(), l) == out.end()) {
      out.push_back(l);
    }
  }
  if (out.empty()) out.emplace_back("fi");
  return out;
}

std::string LetterDate(const Date& date) {
  return std::to_string(static_cast<unsigned>(date.day())) + "." +
         std::to_string(static_cast<unsigned>(date.month())) + "." +
         std::to_string(static_cast<int>(date.year()));
}

Result<pdf::Document> ComposeLetter(LetterKind kind, std::string_view language,
                                    const LetterInput& in) {
  if (language != "fi" && language != "sv") {
    return Status::InvalidArgument("language", "must be fi or sv");
  }
  if (!CaseHasLetter(in.c, kind)) {
    return Status::FailedPrecondition("case " + in.c.id.value() + " has no " +
                                      std::string(LetterKindName(kind)) + " letter");
  }
  const Writer w(language);
  switch (kind) {
    case LetterKind::kRequest:
      return Request(w, language, in);
    case LetterKind::kAcknowledgement:
      return Acknowledgement(w, language, in);
    case LetterKind::kDecision:
      return DecisionLetter(w, language, in);
  }
  return Status::InvalidArgument("kind", "unknown letter kind");
}

}  // namespace verkosto::nominations
