#pragma once

#include "messaging/rpc_server.h"

namespace verkosto::networks {

// Registers every command and query of verkosto.networks.v1 (networks.proto)
// on `server`. Each handler decodes the request, loads what the domain needs
// through SqliteNetworkRepository on the request's connection, calls one
// domain function, saves the result, emits the events and encodes the reply.
// The actor of the envelope is checked by the domain (permissions.h).
void RegisterNetworkHandlers(messaging::RpcServer& server);

}  // namespace verkosto::networks
