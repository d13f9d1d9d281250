#include "notifications/domain/types.h"

#include <algorithm>

#include "core/text.h"

namespace verkosto::notifications {

std::string UserMailbox(std::string_view user_id) { return "user:" + std::string(user_id); }
std::string EmailMailbox(std::string_view address) { return "email:" + text::AsciiLower(address); }
std::string RegistryMailbox(const AreaCode& area) { return "registry:" + area.value(); }
std::string LeadershipMailbox(const AreaCode& area) { return "leadership:" + area.value(); }
bool IsPersonMailbox(std::string_view mailbox) { return mailbox.rfind("email:", 0) == 0; }
std::string PublicMailbox(Language language) {
  return "public:" + std::string(LanguageCode(language));
}
bool IsPublicMailbox(std::string_view mailbox) { return mailbox.rfind("public:", 0) == 0; }

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
    const std::optional<Language> parsed = LanguageFromCode(l);
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
