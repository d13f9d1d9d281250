#pragma once

// CURVE keys for tests that run services: every service speaks CURVE and
// admits only the principals its config names (libs/messaging/zap_handler.h).

#include "config/config.h"
#include "core/actor.h"
#include "messaging/curve.h"

namespace verkosto::testing {

// Makes a key pair for every local principal (the four services and the
// operator) under `system.keys_dir` and puts their public keys into
// `system.principals`. Fails the test (and returns false) when it cannot.
bool ProvisionKeys(config::SystemConfig& system);

// Names every required principal of `system` with one fixed, well-formed
// public key: for tests that only parse or print a config and start nothing.
void SetExamplePrincipals(config::SystemConfig& system);

// The client side of CURVE for a test that calls `service` of `system` as
// `actor`, speaking as the principal that may carry that actor
// (messaging/principal_policy.h): the gateway for a person and for the
// system actor "gateway", the operator for the operator, the service a
// system actor names otherwise. Keys from ProvisionKeys.
messaging::CurveOptions CurveFor(const config::SystemConfig& system, const std::string& service,
                                 const Actor& actor);

// An operator actor for tests ("operator:<name>").
Actor TestOperator(const std::string& name = "test");

}  // namespace verkosto::testing
