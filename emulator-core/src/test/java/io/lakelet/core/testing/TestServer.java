package io.lakelet.core.testing;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.server.LakeletServer;
import io.lakelet.core.spi.ServiceModule;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real Lakelet server in this JVM on a free port, for end-to-end tests: give it modules (or let it
 * discover them), point real AWS SDK clients at {@link #endpoint()}, close it after.
 */
public final class TestServer implements AutoCloseable {
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    public static final Region REGION = Region.US_EAST_1;

    private final LakeletServer server;

    private TestServer(LakeletServer server) {
        this.server = server;
    }

    /** A server with every module on the test class path and a temporary store. */
    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> settings) {
        LakeletConfig config = config(settings);
        return start(config, Clock.systemUTC(), LakeletServer.discover(config.services()));
    }

    public static TestServer start(LakeletConfig config, Clock clock, List<ServiceModule> modules) {
        try {
            return new TestServer(LakeletServer.start(config, clock, modules));
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /** A configuration on a free port with the given settings on top. */
    public static LakeletConfig config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        values.put(LakeletConfig.Keys.PORT, "0");
        values.put(LakeletConfig.Keys.HOST, "127.0.0.1");
        values.putAll(settings);
        return LakeletConfig.of(values);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public LakeletServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
