package io.lakelet.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP behaviour of the one port: streaming bodies both ways, 100-continue, pipelining, limits, TLS. */
class TransportTest {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/transport/aws4_request,"
            + " SignedHeaders=host, Signature=0";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config(Map.of(LakeletConfig.Keys.TLS, "true")), Clock.systemUTC(),
                List.of(new TransportModule()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.endpoint() + path)).header("Authorization", AUTH);
    }

    @Test
    void aLargeUploadStreamsToTheServiceWholeOverHttp1AndHttp2() throws Exception {
        long size = 300L * 1024 * 1024 + 123;
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HttpResponse<String> r = HttpClient.newBuilder().version(version).build().send(request("/count")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(size, sha))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(size + " " + HexFormat.of().formatHex(sha.digest()));
        }
    }

    @Test
    void aStreamThatEndsAtOnceIsAWholeResponseOverHttp1AndHttp2OnOneConnection() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient client = HttpClient.newBuilder().version(version).build();
            for (String length : List.of("declared", "chunked", "declared")) {
                String tag = version + "-" + length;
                HttpResponse<String> r = client.send(request("/once?tag=" + tag + "&length=" + length).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-once")).hasValue("yes");
                assertThat(r.body()).isEqualTo("once " + tag);
                if (version == HttpClient.Version.HTTP_1_1 && length.equals("declared")) {
                    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length());
                }
            }
        }
    }

    @Test
    void aLargeDownloadStreamsWithItsDeclaredLength() throws Exception {
        long n = 64L * 1024 * 1024 + 7;
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request("/bytes?n=" + n).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(n);
        long count = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[65536];
            int k;
            while ((k = in.read(buf)) > 0) {
                for (int i = 0; i < k; i++) {
                    assertThat(buf[i]).isEqualTo((byte) (count + i));
                }
                count += k;
            }
        }
        assertThat(count).isEqualTo(n);
    }

    @Test
    void expectContinueGetsAContinueBeforeTheBody() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("PUT /count HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                    + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(in.readLine()).isEmpty();
            out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            StringBuilder batch = new StringBuilder();
            for (int i = 1; i <= 12; i++) {
                String body = "x".repeat(i * 10);
                batch.append("POST /small HTTP/1.1\r\nHost: x\r\nAuthorization: ").append(AUTH)
                        .append("\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
            }
            s.getOutputStream().write(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 1; i <= 12; i++) {
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = 0;
                String line;
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                assertThat(in.read(body)).isEqualTo(length);
                assertThat(new String(body)).isEqualTo(Integer.toString(i * 10));
            }
        }
    }

    @Test
    void aBodyOverTheServiceLimitIs413WithoutReadingIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request("/small")
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(5000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("RequestEntityTooLargeException");
    }

    @Test
    void anAnswerBeforeTheBodyIsReadLeavesTheServerHealthy() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(request("/reject")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> next = client.send(request("/echo").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("HTTP/1.1");
    }

    @Test
    void malformedHttpIs400AndTheConnectionCloses() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void tlsOnTheSamePortNegotiatesHttp2AndHttp1ByAlpn() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        URI https = URI.create("https://localhost:" + server.port() + "/echo");
        for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(trustAll).version(v).build()
                    .send(HttpRequest.newBuilder(https).header("Authorization", AUTH).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(v == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1");
        }
        HttpResponse<String> plain = HttpClient.newHttpClient().send(request("/echo").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    /** A deterministic byte stream of a given size that feeds a digest as it is read. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest sha;
        private long pos;

        PatternStream(long size, MessageDigest sha) {
            this.size = size;
            this.sha = sha;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((pos + i) * 31);
            }
            sha.update(b, off, n);
            pos += n;
            return n;
        }
    }
}
