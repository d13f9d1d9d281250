#include "cli_context.h"

#include <gtest/gtest.h>

#include "verkosto/common/v1/health.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::cli {
namespace {

namespace npb = ::verkosto::networks::v1;

// CallAndPrint reads a list whole: each reply's next_page_token becomes the
// next request's page_token until a reply has none.
TEST(CliContextTest, AListReplyWithATokenAsksForTheNextPage) {
  npb::ListNetworksRequest request;
  request.set_status(npb::NETWORK_STATUS_OPEN);
  npb::ListNetworksResponse reply;
  reply.set_next_page_token("abc123");
  EXPECT_TRUE(FollowNextPage(reply, request));
  EXPECT_EQ(request.page_token(), "abc123");
  EXPECT_EQ(request.status(), npb::NETWORK_STATUS_OPEN);  // the filters stay

  reply.clear_next_page_token();
  EXPECT_FALSE(FollowNextPage(reply, request));
}

TEST(CliContextTest, AReplyThatIsNotAListIsReadOnce) {
  common::v1::HealthRequest request;
  common::v1::HealthResponse reply;
  EXPECT_FALSE(FollowNextPage(reply, request));
}

TEST(CliContextTest, TheJoinedPagesPrintWithoutAToken) {
  npb::ListNetworksResponse all;
  npb::ListNetworksResponse first;
  first.add_networks()->mutable_definition()->set_code("a");
  first.set_next_page_token("t1");
  npb::ListNetworksResponse last;
  last.add_networks()->mutable_definition()->set_code("b");
  all.MergeFrom(first);
  all.MergeFrom(last);
  ClearNextPageToken(all);
  ASSERT_EQ(all.networks_size(), 2);
  EXPECT_EQ(all.networks(1).definition().code(), "b");
  EXPECT_EQ(all.next_page_token(), "");
}

}  // namespace
}  // namespace verkosto::cli
