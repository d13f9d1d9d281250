// Every list is paged (docs/gateway.md, "Pages"): a service filled past one
// 4 MiB frame still lists whole, over RPC, the JSON API and the web page,
// and bad page parameters are refused naming the field.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/page.h"
#include "gateway_api_fixture.h"
#include "messaging/page_reply.h"
#include "messaging/socket_options.h"
#include "testing/network_definition.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace npb = ::verkosto::networks::v1;

// Networks with every field full (about 80 KB each): together well over one frame.
constexpr int kLargest = 60;

std::string Code(int i) { return "iso-verkosto-" + std::to_string(100 + i); }

class PagingTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    keha_ = Login("keha.koordinaattori");
    size_t bytes = 0;
    for (int i = 0; i < kLargest; ++i) {
      const npb::NetworkDefinition d = verkosto::testing::LargestNetworkDefinition(Code(i));
      bytes += d.ByteSizeLong();
      httplib::Result r = Post(keha_, "/api/v1/networks", CreateBody(d));
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
    }
    // The premise: one reply of them all would not fit in a frame.
    ASSERT_GT(static_cast<int64_t>(bytes), messaging::SocketLimits{}.max_message_bytes);
  }

  Session keha_;
};

TEST_F(PagingTest, AServiceFilledPastOneFrameListsWholeOverRpcInStableOrder) {
  for (uint32_t page_size : {0U, 7U, page::kMaxPageSize}) {
    npb::ListNetworksRequest request;
    request.set_page_size(page_size);
    std::vector<std::string> codes;
    int pages = 0;
    do {
      auto reply = Rpc<npb::ListNetworksResponse>(request, kKeha, "networks");
      ASSERT_TRUE(reply.ok()) << reply.status().ToString();
      ++pages;
      EXPECT_LT(reply->ByteSizeLong(), messaging::kMaxPageBytes + size_t{200} * 1024);
      EXPECT_LE(reply->networks_size(), page_size == 0 ? 100 : static_cast<int>(page_size));
      for (const npb::Network& n : reply->networks()) codes.push_back(n.definition().code());
      request.set_page_token(reply->next_page_token());
      ASSERT_LT(pages, 100) << "the pages do not end";
    } while (!request.page_token().empty());
    std::vector<std::string> expected;
    expected.reserve(kLargest);
    for (int i = 0; i < kLargest; ++i) expected.push_back(Code(i));
    EXPECT_EQ(codes, expected) << "page_size " << page_size;
    // 80 KB networks: the byte budget ends a page of 1000 after a dozen or so.
    if (page_size == page::kMaxPageSize) {
      EXPECT_GE(pages, 4);
    }
    if (page_size == 7) {
      EXPECT_EQ(pages, (kLargest + 6) / 7);
    }
  }
}

TEST_F(PagingTest, TheJsonApiListsWholeAndThePagesContinueWhereTheyStopped) {
  std::vector<std::string> codes;
  std::string token;
  int pages = 0;
  do {
    httplib::Result r =
        Get(keha_, "/api/v1/networks?page_size=25" + (token.empty() ? "" : "&page_token=" + token));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
    npb::ListNetworksResponse page;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &page).ok());
    for (const npb::Network& n : page.networks()) codes.push_back(n.definition().code());
    token = page.next_page_token();
    ASSERT_LT(++pages, 100);
  } while (!token.empty());
  EXPECT_EQ(codes.size(), static_cast<size_t>(kLargest));
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));

  // A network added before the place a reader has reached does not shift the next page.
  httplib::Result first = Get(keha_, "/api/v1/networks?page_size=5");
  ASSERT_TRUE(first);
  npb::ListNetworksResponse one;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(first->body, &one).ok());
  ASSERT_EQ(one.networks_size(), 5);
  ASSERT_EQ(Post(keha_, "/api/v1/networks", CreateBody(Complete("aaa-ensimmainen")))->status, 200);
  httplib::Result second =
      Get(keha_, "/api/v1/networks?page_size=5&page_token=" + one.next_page_token());
  ASSERT_TRUE(second);
  npb::ListNetworksResponse two;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(second->body, &two).ok());
  ASSERT_GT(two.networks_size(), 0);
  EXPECT_EQ(two.networks(0).definition().code(), Code(5));
}

TEST_F(PagingTest, BadPageParametersAreRefusedNamingTheField) {
  httplib::Result r = Get(keha_, "/api/v1/networks?page_size=1001");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "page_size");

  r = Get(keha_, "/api/v1/networks?page_token=not-a-token");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "page_token");

  // A token is valid only with the filters it was made with.
  r = Get(keha_, "/api/v1/networks?page_size=5");
  npb::ListNetworksResponse page;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  r = Get(keha_, "/api/v1/networks?status=open&page_token=" + page.next_page_token());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "page_token");
  EXPECT_NE(ErrorOf(r).message().find("other filters"), std::string::npos) << r->body;
  // And only for its own list.
  r = Get(keha_, "/api/v1/areas?page_token=" + page.next_page_token());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "page_token");
}

TEST_F(PagingTest, TheNetworksPageLinksToTheNextPageUntilEveryNetworkWasShown) {
  std::set<std::string> seen;
  std::string path = "/networks";
  int pages = 0;
  while (!path.empty()) {
    httplib::Result r = Get(keha_, path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << path;
    for (int i = 0; i < kLargest; ++i) {
      if (r->body.find("href=\"/networks/" + Code(i) + "\"") != std::string::npos) {
        seen.insert(Code(i));
      }
    }
    if (pages > 0) {
      EXPECT_NE(r->body.find("href=\"/networks\""), std::string::npos);
    }
    const size_t next = r->body.find("rel=\"next\"");
    path.clear();
    if (next != std::string::npos) {
      const size_t href = r->body.rfind("href=\"", next);
      ASSERT_NE(href, std::string::npos);
      path = r->body.substr(href + 6, r->body.find('"', href + 6) - href - 6);
      ASSERT_EQ(path.rfind("/networks?page_token=", 0), 0U) << path;
    }
    ASSERT_LT(++pages, 100);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kLargest));
  EXPECT_GE(pages, 2);
}

}  // namespace
}  // namespace verkosto::gateway
