package io.lakelet.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which socket transport the server runs on, and that either one serves a request. */
class SocketTransportTest {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/transport/aws4_request,"
            + " SignedHeaders=host, Signature=0";

    @Test
    void nioIsUsedWhenAskedFor() {
        assertThat(SocketTransport.choose("nio")).isEqualTo(SocketTransport.NIO);
        assertThat(SocketTransport.choose("NIO")).isEqualTo(SocketTransport.NIO);
        assertThat(SocketTransport.describe("nio")).isEqualTo("nio (LAKELET_TRANSPORT=nio)");
    }

    @Test
    void autoTakesTheNativeEpollLibraryShippedForLinuxX8664() {
        // Given the platform the native library is shipped for
        assumeTrue(System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")));
        // then it loads (it is on the class path) and auto picks it
        assertThat(SocketTransport.epollUnavailability()).isNull();
        assertThat(SocketTransport.choose("auto")).isEqualTo(SocketTransport.EPOLL);
        assertThat(SocketTransport.describe("auto")).isEqualTo("epoll (native)");
    }

    @Test
    void anyOtherSettingIsRefused() {
        assertThatThrownBy(() -> SocketTransport.choose("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto or nio");
    }

    @Test
    void eachTransportServesARequestAndSaysWhichItIs() throws Exception {
        for (String setting : List.of("auto", "nio")) {
            try (TestServer server = TestServer.start(TestServer.config(Map.of(LakeletConfig.Keys.TRANSPORT, setting)),
                    Clock.systemUTC(), List.of(new TransportModule()))) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(server.endpoint() + "/small")).header("Authorization", AUTH)
                                .POST(HttpRequest.BodyPublishers.ofString("12345")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("5");
                assertThat(server.server().transportDescription())
                        .startsWith(setting.equals("nio") ? "nio" : SocketTransport.epollUnavailability() == null
                                ? "epoll" : "nio");
            }
        }
    }
}
