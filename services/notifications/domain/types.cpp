#include "notifications/domain/types.h"

#include <algorithm>

namespace verkosto::notifications {

std::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kFi:
      return "fi";
    case Language::kSv:
      return "sv";
    case Language::kEn:
      return "en";
  }
  return "fi";
}

std::optional<Language> ParseLanguage(std::string_view code) {
  const std::string lower = AsciiLower(code);
  if (lower == "fi") return Language::kFi;
  if (lower == "sv") return Language::kSv;
  if (lower == "en") return Language::kEn;
  return std::nullopt;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool LooksLikeEmail(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    if (c == ' ' || c == '<' || c == '>' || c == '\r' || c == '\n' || c == '\t' || c == ',') {
      return false;
    }
  }
  const std::string_view domain = address.substr(at + 1);
  return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.';
}

std::string UserMailbox(std::string_view user_id) { return "user:" + std::string(user_id); }
std::string EmailMailbox(std::string_view address) { return "email:" + AsciiLower(address); }
std::string RegistryMailbox(const AreaCode& area) { return "registry:" + area.value(); }
std::string LeadershipMailbox(const AreaCode& area) { return "leadership:" + area.value(); }
bool IsPersonMailbox(std::string_view mailbox) { return mailbox.rfind("email:", 0) == 0; }

std::vector<std::string> MailboxesOf(const Actor& actor) {
  std::vector<std::string> out;
  if (actor.user_id.empty() || actor.role == Role::kSystem) return out;
  out.push_back(UserMailbox(actor.user_id));
  // An observer sees only what is addressed to their account.
  if (actor.role == Role::kObserver) return out;
  if (!actor.email.empty()) out.push_back(EmailMailbox(actor.email));
  if (!actor.area.empty()) {
    if (actor.role == Role::kRegistryClerk) out.push_back(RegistryMailbox(actor.area));
    if (actor.role == Role::kAreaDirector || actor.role == Role::kAreaDeputy) {
      out.push_back(LeadershipMailbox(actor.area));
    }
  }
  return out;
}

bool SeesAllDeliveries(const Actor& actor) {
  return actor.role == Role::kKehaCoordinator || actor.role == Role::kAdmin ||
         actor.role == Role::kSystem;
}

Language AreaInfo::language() const {
  for (const std::string& l : languages) {
    const std::optional<Language> parsed = ParseLanguage(l);
    if (parsed == Language::kFi || parsed == Language::kSv) return *parsed;
  }
  return Language::kFi;
}

const std::string& NetworkInfo::Name(Language language) const {
  if (language == Language::kSv && !name_sv.empty()) return name_sv;
  if (language == Language::kEn && !name_en.empty()) return name_en;
  return name_fi.empty() ? code : name_fi;
}

const std::string& NetworkInfo::Disclaimer(Language language) const {
  if (language == Language::kSv && !disclaimer_sv.empty()) return disclaimer_sv;
  if (language == Language::kEn && !disclaimer_en.empty()) return disclaimer_en;
  return disclaimer_fi;
}

}  // namespace verkosto::notifications
