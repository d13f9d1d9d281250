#include "gateway/web/my_contact.h"

#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway {

Status ChangeMyContact(GatewayContext& ctx, const Actor& actor,
                       const nominations::v1::CorrectMyContactRequest& request,
                       nominations::v1::CorrectMyContactResponse* response) {
  VERKOSTO_RETURN_IF_ERROR(ctx.Call("nominations", actor, request, response));
  if (request.email().empty()) return Status::Ok();
  v1::SetOwnEmailRequest set;
  set.set_email(request.email());
  v1::SetOwnEmailResponse set_response;
  return ctx.Call("gateway", actor, set, &set_response);
}

}  // namespace verkosto::gateway
