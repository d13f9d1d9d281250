#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "networks/domain/area_directory.h"
#include "networks/domain/network.h"
#include "networks/domain/types.h"

namespace verkosto::networks {

// Participation (rule 5: each area decides independently whether it takes
// part) and comments on proposals (rule 7). Both are acts of one area's
// employment leadership: the director, or a deputy acting on the director's
// behalf (both are recorded). Nobody decides for another area, and there is
// no bulk operation (rule 1): one call, one area.
//
// A network accepts decisions and comments while it is proposed or open:
// drafts are not yet visible to the areas, and a closed or cancelled network
// has nothing left to decide.
//
// Checks, in order: PermissionDenied (not the director or deputy of that
// area) → NotFound (no such area) → FailedPrecondition (network status) →
// InvalidArgument (input).

enum class ParticipationChoice {
  kUnspecified = 0,
  kTakesPart = 1,
  kDeclines = 2,
};
// "takes_part", "declines"; "unspecified".
std::string_view ParticipationChoiceName(ParticipationChoice choice);

// One decision of one area about one network.
struct ParticipationDecision {
  NetworkCode network;
  AreaCode area;
  ParticipationChoice choice = ParticipationChoice::kUnspecified;
  std::string reason;  // required when declining
  Audit audit;         // decided by (user id, name, role), on whose behalf, when

  friend bool operator==(const ParticipationDecision&, const ParticipationDecision&) = default;
};

// Every decision an area made about a network, oldest first. Append-only;
// the last one is the current decision.
struct ParticipationHistory {
  NetworkCode network;
  AreaCode area;
  std::vector<ParticipationDecision> decisions;

  // The current decision, or nullptr when the area has not answered.
  const ParticipationDecision* current() const {
    return decisions.empty() ? nullptr : &decisions.back();
  }
};

// True when the area's current decision is to take part.
bool TakesPart(const ParticipationHistory& history);

struct DecideParticipationCommand {
  AreaCode area;
  ParticipationChoice choice = ParticipationChoice::kUnspecified;
  std::string reason;
};

// Event: an area decided (the current decision of that area).
struct ParticipationDecided {
  ParticipationDecision decision;
};

struct ParticipationUpdate {
  ParticipationHistory history;
  std::vector<ParticipationDecided> events;  // empty when the decision repeats the current one
};

// Records an area's decision about `network`, appending to `history` (which
// must be the history of that network and area, or empty). Deciding the same
// choice with the same reason as the current decision changes nothing and
// yields no event. Errors:
//   PermissionDenied    the actor is not the director or deputy of command.area;
//   NotFound            command.area is not in `directory`;
//   FailedPrecondition  the network is not proposed or open;
//   InvalidArgument     "choice" unspecified; "reason" empty when declining;
//                       "actor.on_behalf_of" empty for a deputy (the director
//                       on whose behalf the deputy acts must be recorded);
//   Internal            `history` belongs to another network or area.
Result<ParticipationUpdate> DecideParticipation(const Network& network,
                                                const AreaDirectory& directory,
                                                const ParticipationHistory& history,
                                                const DecideParticipationCommand& command,
                                                const Actor& actor, TimePoint now);

// The participation matrix row of one area: its current decision or none.
struct ParticipationRow {
  AreaCode area;
  std::string area_name_fi;
  std::string area_name_sv;                      // AreaName(area, Language::kSv)
  std::optional<ParticipationDecision> current;  // nullopt: no answer yet
};

// One row per area of `directory`, in directory order, from the histories of
// one network (histories of other networks are ignored).
std::vector<ParticipationRow> ParticipationMatrix(
    const NetworkCode& network, const AreaDirectory& directory,
    const std::vector<ParticipationHistory>& histories);

// A comment of an area on a network proposal (rule 7).
struct Comment {
  NetworkCode network;
  AreaCode area;
  std::string text;
  Audit audit;  // author (user id, name, role), on whose behalf, when

  friend bool operator==(const Comment&, const Comment&) = default;
};

struct AddCommentCommand {
  AreaCode area;
  std::string text;
};

// Event.
struct CommentAdded {
  Comment comment;
};

// A comment by an area's director or deputy on a proposed or open network.
// Errors:
//   PermissionDenied    the actor is not the director or deputy of command.area;
//   NotFound            command.area is not in `directory`;
//   FailedPrecondition  the network is not proposed or open;
//   InvalidArgument     "text" empty or longer than limits::kText characters;
//                       "actor.on_behalf_of" empty for a deputy.
Result<CommentAdded> AddComment(const Network& network, const AreaDirectory& directory,
                                const AddCommentCommand& command, const Actor& actor,
                                TimePoint now);

}  // namespace verkosto::networks
