package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/** The bytes on the wire: awsQuery forms and XML, gzip bodies, awsJson1_0, and the errors of each. */
class WireTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static CloudWatchServer cw;

    @BeforeAll
    static void start() {
        cw = CloudWatchServer.start();
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    private static HttpResponse<String> form(String body) throws IOException, InterruptedException {
        return cw.post(FORM, Map.of(), HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void anUnknownActionIsInvalidAction() throws Exception {
        HttpResponse<String> r = form("Action=FlyToTheMoon&Version=2010-08-01");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(r.body()).startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<Error><Type>Sender</Type><Code>InvalidAction</Code>")
                .contains("<RequestId>" + r.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>");
        assertThat(form("Version=2010-08-01").body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void aGzipBodyIsDecompressed() throws Exception {
        String ns = CloudWatchServer.namespace();
        String body = "Action=PutMetricData&Version=2010-08-01&Namespace=" + ns
                + "&MetricData.member.1.MetricName=Zipped&MetricData.member.1.Value=2.5"
                + "&MetricData.member.1.Dimensions.member.1.Name=Shard&MetricData.member.1.Dimensions.member.1.Value=a%26b";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> r = cw.post(FORM, Map.of("Content-Encoding", "gzip"),
                HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains("<ResponseMetadata><RequestId>");
        assertThat(cw.sync.listMetrics(b -> b.namespace(ns)).metrics()).singleElement()
                .satisfies(m -> assertThat(m.dimensions().get(0).value()).isEqualTo("a&b"));
        HttpResponse<String> listed = form("Action=ListMetrics&Version=2010-08-01&Namespace=" + ns);
        assertThat(listed.body()).contains("<Metrics><member><Namespace>" + ns + "</Namespace><MetricName>Zipped</MetricName>"
                + "<Dimensions><member><Name>Shard</Name><Value>a&amp;b</Value></member></Dimensions></member></Metrics>");
    }

    @Test
    void charactersXmlMustEscapeSurviveTheRoundTrip() {
        String ns = CloudWatchServer.namespace();
        String odd = "<tag attr=\"x\">'&amp;' \u00e9\u6f22 \r\n";

        cw.sync.putMetricData(b -> b.namespace(ns).metricData(d -> d.metricName("m&<>").value(1.0)
                .dimensions(x -> x.name("Odd").value(odd))));

        Metric m = cw.sync.listMetrics(b -> b.namespace(ns)).metrics().get(0);
        assertThat(m.metricName()).isEqualTo("m&<>");
        assertThat(m.dimensions().get(0).value()).isEqualTo(odd);
    }

    @Test
    void badlyTypedParametersAreInvalidParameterValue() throws Exception {
        HttpResponse<String> r = form("Action=PutMetricData&Version=2010-08-01&Namespace=n"
                + "&MetricData.member.1.MetricName=m&MetricData.member.1.Value=lots");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidParameterValue</Code>"
                + "<Message>The value lots for parameter MetricData.member.1.Value is invalid.</Message>");
    }

    @Test
    void rpcV2CborAsBotocoreSpeaksIt() throws Exception {
        String ns = CloudWatchServer.namespace();
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(120);
        CBORMapper cbor = new CBORMapper();
        Map<String, String> headers = Map.of("smithy-protocol", "rpc-v2-cbor", "Accept", "application/cbor",
                "x-amzn-query-mode", "true");
        String prefix = "/service/GraniteServiceVersion20100801/operation/";

        // given a datum put with its timestamp as tag 1 over epoch seconds, as botocore writes it
        ByteArrayOutputStream put = new ByteArrayOutputStream();
        try (CBORGenerator g = cbor.getFactory().createGenerator(put)) {
            g.writeStartObject();
            g.writeStringField("Namespace", ns);
            g.writeArrayFieldStart("MetricData");
            g.writeStartObject();
            g.writeStringField("MetricName", "c");
            g.writeFieldName("Timestamp");
            g.writeTag(1);
            g.writeNumber(t.getEpochSecond());
            g.writeNumberField("Value", 3.5);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        HttpResponse<byte[]> r = cw.post(prefix + "PutMetricData", "application/cbor", headers,
                HttpRequest.BodyPublishers.ofByteArray(put.toByteArray()), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");

        // when its statistics are read the same way
        Map<String, Object> query = Map.of("Namespace", ns, "MetricName", "c", "StartTime", t.getEpochSecond(),
                "EndTime", t.getEpochSecond() + 300, "Period", 60, "Statistics", java.util.List.of("Sum"));
        HttpResponse<byte[]> stats = cw.post(prefix + "GetMetricStatistics", "application/cbor", headers,
                HttpRequest.BodyPublishers.ofByteArray(cbor.writeValueAsBytes(query)), HttpResponse.BodyHandlers.ofByteArray());

        // then the answer is CBOR with the timestamp as tag 1 over epoch seconds
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.headers().firstValue("Content-Type")).hasValue("application/cbor");
        com.fasterxml.jackson.databind.JsonNode point = cbor.readTree(stats.body()).get("Datapoints").get(0);
        assertThat(point.get("Sum").asDouble()).isEqualTo(3.5);
        assertThat(point.get("Timestamp").asLong()).isEqualTo(t.getEpochSecond());
        byte[] body = stats.body();
        byte[] tagged = {(byte) 0xC1, 0x1A};
        assertThat(indexOf(body, tagged)).as("tag 1 before a 32-bit integer").isNotNegative();

        // and errors carry the Query error code for query-compatible clients
        HttpResponse<byte[]> bad = cw.post(prefix + "PutMetricData", "application/cbor", headers,
                HttpRequest.BodyPublishers.ofByteArray(cbor.writeValueAsBytes(Map.of("Namespace", "AWS/S3",
                        "MetricData", java.util.List.of(Map.of("MetricName", "m", "Value", 1.0))))),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(cbor.readTree(bad.body()).get("__type").asText()).isEqualTo("InvalidParameterValueException");
        HttpResponse<byte[]> alarms = cw.post(prefix + "DescribeAlarms", "application/cbor", headers,
                HttpRequest.BodyPublishers.ofByteArray(cbor.writeValueAsBytes(Map.of())), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(alarms.statusCode()).isEqualTo(501);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void awsJson10IsSpokenToo() throws Exception {
        String ns = CloudWatchServer.namespace();
        long now = Instant.now().getEpochSecond();
        Map<String, String> put = Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData");
        HttpResponse<String> r = cw.post("application/x-amz-json-1.0", put, HttpRequest.BodyPublishers.ofString(
                "{\"Namespace\":\"" + ns + "\",\"MetricData\":[{\"MetricName\":\"j\",\"Value\":4,\"Timestamp\":" + now + "}]}"));
        assertThat(r.statusCode()).isEqualTo(200);

        HttpResponse<String> stats = cw.post("application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics"),
                HttpRequest.BodyPublishers.ofString("{\"Namespace\":\"" + ns + "\",\"MetricName\":\"j\",\"StartTime\":"
                        + (now - 600) + ",\"EndTime\":" + (now + 600) + ",\"Period\":60,\"Statistics\":[\"Sum\"]}"));
        assertThat(stats.body()).contains("\"Sum\":4.0");

        // botocore gzips a PutMetricData body over 10 KB in JSON too
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(("{\"Namespace\":\"" + ns + "\",\"MetricData\":[{\"MetricName\":\"j\",\"Value\":6,\"Timestamp\":"
                    + now + "}]}").getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> gzipped = new java.util.HashMap<>(put);
        gzipped.put("Content-Encoding", "gzip");
        assertThat(cw.post("application/x-amz-json-1.0", gzipped, HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .statusCode()).isEqualTo(200);
        assertThat(cw.post("application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics"),
                HttpRequest.BodyPublishers.ofString("{\"Namespace\":\"" + ns + "\",\"MetricName\":\"j\",\"StartTime\":"
                        + (now - 600) + ",\"EndTime\":" + (now + 600) + ",\"Period\":60,\"Statistics\":[\"Sum\"]}")).body())
                .contains("\"Sum\":10.0");

        HttpResponse<String> bad = cw.post("application/x-amz-json-1.0", put, HttpRequest.BodyPublishers.ofString(
                "{\"Namespace\":\"AWS/EC2\",\"MetricData\":[{\"MetricName\":\"j\",\"Value\":4}]}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterValue");
        assertThat(bad.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(bad.body()).contains("\"__type\":\"InvalidParameterValueException\"");
    }
}
