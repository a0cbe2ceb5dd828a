package io.lakelet.bench.s3;

import io.lakelet.bench.load.RequestTemplate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 requests of the benchmark, path-style ({@code /bucket/key}) with the headers an SDK sends: a SigV4
 * {@code Authorization} (parsed for its credential scope, never verified) and an unsigned payload. Fixed
 * requests become {@link RequestTemplate}s for the load generator; the multipart upload and the listing,
 * whose requests differ one from the next, go through the JDK's HTTP/1.1 client.
 */
final class S3Client {
    static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
                    + "SignedHeaders=host, Signature=0"),
            Map.entry("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
            Map.entry("x-amz-date", "20260101T000000Z"),
            Map.entry("user-agent", "lakelet-bench"));
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
    private static final Pattern TOKEN = Pattern.compile("<NextContinuationToken>([^<]+)</NextContinuationToken>");
    private static final Pattern KEY = Pattern.compile("<Key>");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;

    S3Client(InetSocketAddress target) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://" + target.getHostString() + ":" + target.getPort();
    }

    static RequestTemplate put(String path, byte[] body) {
        return new RequestTemplate("PUT", path, HEADERS, body);
    }

    static RequestTemplate get(String path) {
        return new RequestTemplate("GET", path, HEADERS, new byte[0]);
    }

    /** Sends one request and returns the body of its 2xx answer; other answers fail. */
    String send(String method, String pathAndQuery, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT)
                .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> h : HEADERS) {
            b.header(h.getKey(), h.getValue());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + pathAndQuery + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Sends a part and returns its ETag. */
    String uploadPart(String path, String uploadId, int partNumber, byte[] part) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + "?partNumber=" + partNumber
                + "&uploadId=" + encode(uploadId))).timeout(TIMEOUT).PUT(HttpRequest.BodyPublishers.ofByteArray(part));
        for (Map.Entry<String, String> h : HEADERS) {
            b.header(h.getKey(), h.getValue());
        }
        HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IOException("UploadPart " + partNumber + ": HTTP " + r.statusCode());
        }
        return r.headers().firstValue("etag").orElseThrow(() -> new IOException("UploadPart without an ETag"));
    }

    String createMultipartUpload(String path) throws IOException, InterruptedException {
        Matcher m = UPLOAD_ID.matcher(send("POST", path + "?uploads", new byte[0]));
        if (!m.find()) {
            throw new IOException("CreateMultipartUpload answered without an UploadId");
        }
        return m.group(1);
    }

    void completeMultipartUpload(String path, String uploadId, List<String> etags) throws IOException, InterruptedException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i))
                    .append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        String answer = send("POST", path + "?uploadId=" + encode(uploadId), xml.toString().getBytes(StandardCharsets.UTF_8));
        if (answer.contains("<Error>")) {
            throw new IOException("CompleteMultipartUpload failed: " + answer);
        }
    }

    /** One ListObjectsV2 page: the keys it holds and the token of the next page, null at the end. */
    record Page(int keys, String nextToken) {
    }

    Page listPage(String bucket, int maxKeys, String token) throws IOException, InterruptedException {
        String query = "/" + bucket + "?list-type=2&max-keys=" + maxKeys
                + (token == null ? "" : "&continuation-token=" + encode(token));
        String xml = send("GET", query, new byte[0]);
        int keys = 0;
        Matcher k = KEY.matcher(xml);
        while (k.find()) {
            keys++;
        }
        Matcher t = TOKEN.matcher(xml);
        return new Page(keys, t.find() ? unescape(t.group(1)) : null);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Keys {@code prefix000000}... as a list, for creating objects in parallel. */
    static List<String> keys(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(String.format("%s%07d", prefix, i));
        }
        return out;
    }
}
