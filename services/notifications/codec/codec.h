#pragma once

#include <optional>

#include "notifications/domain/read_models.h"
#include "notifications/domain/types.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

// Protobuf <-> domain for the notifications service: the events it consumes
// become domain facts; stored rows become the protocol's messages.
namespace verkosto::notifications::codec {

AreaInfo FromProto(const ::verkosto::networks::v1::Area& area);
// `created_by`: the audit actor when the event created the network, else empty.
NetworkInfo FromProto(const ::verkosto::networks::v1::Network& network,
                      const std::string& created_by = {});
// Case and membership ids come out in the current form (UpgradeLegacyId,
// core/case_ids.h): events nominations wrote before its ids changed carry
// the legacy form, and applying one after the upgrade must not make a row
// that later events, with current ids, miss.
CaseInfo FromProto(const ::verkosto::nominations::v1::Case& c);
MembershipInfo FromProto(const ::verkosto::nominations::v1::Membership& m);
// REMINDER_STEP_REGISTRATION -> kRegistration etc.; UNSPECIFIED (an event
// written before reminders had steps) and unknown numbers -> kUnspecified.
ReminderStep FromProto(::verkosto::nominations::v1::ReminderStep step);

::verkosto::notifications::v1::InboxItem ToProto(const MessageRow& message);
::verkosto::notifications::v1::Delivery ToProto(const DeliveryRow& delivery);
::verkosto::notifications::v1::Preferences ToProto(const MailboxPreferences& preferences);

// EmailMode::kImmediate <-> EMAIL_MODE_IMMEDIATE etc. FromProto gives nullopt
// for UNSPECIFIED and for a number the enum does not have.
::verkosto::notifications::v1::EmailMode ToProto(EmailMode mode);
std::optional<EmailMode> FromProto(::verkosto::notifications::v1::EmailMode mode);
// DeliveryStatus::kPending <-> DELIVERY_STATUS_PENDING etc.; nullopt likewise.
::verkosto::notifications::v1::DeliveryStatus ToProto(DeliveryStatus status);
std::optional<DeliveryStatus> FromProto(::verkosto::notifications::v1::DeliveryStatus status);

}  // namespace verkosto::notifications::codec
