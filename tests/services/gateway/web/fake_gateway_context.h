#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/http/gateway_context.h"

namespace verkosto::gateway::testing {

// The in-memory twin of the gateway's context: users are chosen by the
// "session" cookie, CSRF is the form field "csrf_token" equal to the user's
// token, and service calls are answered by handlers registered per request
// type. Thread-safe (the HTTP server calls it from its workers).
class FakeGatewayContext : public GatewayContext {
 public:
  using Answer = std::function<Status(const Actor&, const google::protobuf::Message& request,
                                      google::protobuf::Message* response)>;

  struct CallRecord {
    std::string service;
    std::string type;
    Actor actor;
  };

  // The user of requests with cookie "session=<session>".
  void AddUser(const std::string& session, RequestUser user) {
    std::lock_guard lock(mu_);
    users_[session] = std::move(user);
  }

  // Answers calls whose request is a Req by `fn(actor, request, &response)`.
  template <typename Req, typename Resp>
  void On(std::function<Status(const Actor&, const Req&, Resp*)> fn) {
    std::lock_guard lock(mu_);
    answers_[Req::descriptor()->full_name()] = [fn](const Actor& actor,
                                                    const google::protobuf::Message& request,
                                                    google::protobuf::Message* response) {
      return fn(actor, dynamic_cast<const Req&>(request), dynamic_cast<Resp*>(response));
    };
  }

  std::vector<CallRecord> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  // How many calls since the last ForgetCalls had a request type ending in `type_suffix`.
  size_t Calls(const std::string& type_suffix) const {
    size_t n = 0;
    for (const CallRecord& c : calls()) {
      if (c.type.size() >= type_suffix.size() &&
          c.type.compare(c.type.size() - type_suffix.size(), type_suffix.size(), type_suffix) ==
              0) {
        ++n;
      }
    }
    return n;
  }
  bool Called(const std::string& type_suffix) const { return Calls(type_suffix) > 0; }
  // Starts counting afresh (e.g. per page).
  void ForgetCalls() {
    std::lock_guard lock(mu_);
    calls_.clear();
  }

  Status Call(const std::string& service, const Actor& actor,
              const google::protobuf::Message& request,
              google::protobuf::Message* response) override {
    Answer answer;
    {
      std::lock_guard lock(mu_);
      calls_.push_back({service, request.GetDescriptor()->full_name(), actor});
      auto it = answers_.find(request.GetDescriptor()->full_name());
      if (it == answers_.end()) return Status::Ok();  // an empty answer
      answer = it->second;
    }
    return answer(actor, request, response);
  }

  std::optional<RequestUser> CurrentUser(const httplib::Request& req) override {
    const std::string cookie = req.get_header_value("Cookie");
    std::lock_guard lock(mu_);
    for (const auto& [session, user] : users_) {
      if (cookie.find("session=" + session) != std::string::npos) return user;
    }
    return std::nullopt;
  }

  bool CheckCsrf(const httplib::Request& req, const RequestUser& user) override {
    return req.has_param("csrf_token") && req.get_param_value("csrf_token") == user.csrf_token;
  }

  std::string LoginFormToken(const httplib::Request& /*req*/, httplib::Response& res) override {
    res.set_header("Set-Cookie", "login_csrf=login-token; Path=/login; HttpOnly");
    return "login-token";
  }

  TimePoint Now() const override { return clock_.Now(); }
  std::string AccessibilityContact() const override { return accessibility_contact; }
  // [http] accessibility_contact as the pages read it.
  std::string accessibility_contact;
  // The pages' business clock (starts at the real time; tests move it).
  FakeClock& clock() { return clock_; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, RequestUser> users_;
  std::map<std::string, Answer> answers_;
  std::vector<CallRecord> calls_;
  FakeClock clock_{SystemClock::Instance().Now()};
};

}  // namespace verkosto::gateway::testing
