package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The awsQuery codec: form parameters to structures, structures to XML, errors. */
class QueryCodecTest {

    private static Member member(String name, Shape shape) {
        return MapStruct.member(name, shape);
    }

    private static Shape list(Shape element) {
        return new Shape.Collection(ShapeKind.LIST, element, false);
    }

    private static final Shape DIMENSION = new MapStruct(List.of(member("Name", Shape.of(ShapeKind.STRING)),
            member("Value", Shape.of(ShapeKind.STRING))));
    private static final Shape DATUM = new MapStruct(List.of(
            member("MetricName", Shape.of(ShapeKind.STRING)),
            member("Dimensions", list(DIMENSION)),
            member("Timestamp", Shape.of(ShapeKind.TIMESTAMP)),
            member("Value", Shape.of(ShapeKind.DOUBLE)),
            member("Values", list(Shape.of(ShapeKind.DOUBLE))),
            member("StorageResolution", Shape.of(ShapeKind.INTEGER)),
            member("Strict", Shape.of(ShapeKind.BOOLEAN)),
            member("Tags", new Shape.Collection(ShapeKind.MAP, Shape.of(ShapeKind.STRING), false))));
    private static final Shape INPUT = new MapStruct(List.of(member("Namespace", Shape.of(ShapeKind.STRING)),
            member("MetricData", list(DATUM)), member("Empty", list(Shape.of(ShapeKind.STRING)))));

    @Test
    void formKeysBecomeNestedStructuresListsAndMaps() {
        Map<String, String> form = QueryCodec.parseForm("Action=PutMetricData&Version=2010-08-01&Namespace=My%2FApp"
                + "&MetricData.member.2.MetricName=second&MetricData.member.2.Value=-1.5E3"
                + "&MetricData.member.1.MetricName=first+metric&MetricData.member.1.Timestamp=2024-01-02T03%3A04%3A05.250Z"
                + "&MetricData.member.1.Dimensions.member.1.Name=Shard&MetricData.member.1.Dimensions.member.1.Value=s%3D1"
                + "&MetricData.member.1.Dimensions.member.10.Name=Later&MetricData.member.1.Dimensions.member.10.Value=x"
                + "&MetricData.member.1.Dimensions.member.2.Name=Op&MetricData.member.1.Dimensions.member.2.Value=y"
                + "&MetricData.member.1.Values.member.1=1&MetricData.member.1.Values.member.2=NaN"
                + "&MetricData.member.1.StorageResolution=1&MetricData.member.1.Strict=TRUE"
                + "&MetricData.member.1.Tags.entry.1.key=team&MetricData.member.1.Tags.entry.1.value=data"
                + "&MetricData.member.1.Tags.entry.2.key=env&MetricData.member.1.Tags.entry.2.value="
                + "&Empty=&Unknown.member.1=ignored");

        @SuppressWarnings("unchecked")
        Map<String, Object> in = (Map<String, Object>) QueryCodec.readStructure(form, INPUT);

        assertThat(in).containsEntry("Namespace", "My/App").containsEntry("Empty", List.of()).doesNotContainKey("Unknown");
        List<?> data = (List<?>) in.get("MetricData");
        assertThat(data).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) data.get(0);
        assertThat(first.get("MetricName")).isEqualTo("first metric");
        assertThat(first.get("Timestamp")).isEqualTo(Instant.parse("2024-01-02T03:04:05.250Z"));
        assertThat(((List<?>) first.get("Dimensions")).stream().map(d -> ((Map<?, ?>) d).get("Name")).toList())
                .isEqualTo(List.of("Shard", "Op", "Later"));
        assertThat(((Map<?, ?>) ((List<?>) first.get("Dimensions")).get(0)).get("Value")).isEqualTo("s=1");
        assertThat(first.get("Values")).isEqualTo(List.of(1.0, Double.NaN));
        assertThat(first.get("StorageResolution")).isEqualTo(1);
        assertThat(first.get("Strict")).isEqualTo(true);
        assertThat(new ArrayList<>(((Map<?, ?>) first.get("Tags")).entrySet()))
                .isEqualTo(List.of(Map.entry("team", "data"), Map.entry("env", "")));
        assertThat(((Map<?, ?>) data.get(1)).get("Value")).isEqualTo(-1500.0);
    }

    @Test
    void aValueOfTheWrongTypeNamesItsParameter() {
        assertThatThrownBy(() -> QueryCodec.readStructure(QueryCodec.parseForm(
                "MetricData.member.3.StorageResolution=often"), INPUT))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).isEqualTo(
                            "The value often for parameter MetricData.member.3.StorageResolution is invalid.");
                });
        assertThatThrownBy(() -> QueryCodec.readStructure(QueryCodec.parseForm(
                "MetricData.member.1.Timestamp=yesterday"), INPUT)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> QueryCodec.readStructure(QueryCodec.parseForm(
                "MetricData.member.x.MetricName=m"), INPUT)).isInstanceOf(AwsException.class);
    }

    @Test
    void structuresRenderAsXmlWithListsMapsAndEscapedText() {
        Map<String, Object> datum = new LinkedHashMap<>();
        datum.put("MetricName", "a<b & \"c\" 'd'");
        datum.put("Dimensions", List.of(Map.of("Name", "n", "Value", "v>w")));
        datum.put("Timestamp", Instant.parse("2024-01-02T03:04:05Z"));
        datum.put("Value", 2.5);
        datum.put("Values", List.of(Double.NaN, Double.NEGATIVE_INFINITY));
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("k&", "v\r");
        datum.put("Tags", tags);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Namespace", "ns");
        out.put("MetricData", new ArrayList<>(List.of(datum)));
        out.put("Empty", List.of());

        String xml = new String(QueryCodec.writeResponse("PutMetricData", "http://example.com/doc/", out, INPUT, "req-1"),
                StandardCharsets.UTF_8);

        assertThat(xml).isEqualTo("<PutMetricDataResponse xmlns=\"http://example.com/doc/\"><PutMetricDataResult>"
                + "<Namespace>ns</Namespace><MetricData><member>"
                + "<MetricName>a&lt;b &amp; &quot;c&quot; &apos;d&apos;</MetricName>"
                + "<Dimensions><member><Name>n</Name><Value>v&gt;w</Value></member></Dimensions>"
                + "<Timestamp>2024-01-02T03:04:05.000Z</Timestamp><Value>2.5</Value>"
                + "<Values><member>NaN</member><member>-Infinity</member></Values>"
                + "<Tags><entry><key>k&amp;</key><value>v&#xD;</value></entry></Tags>"
                + "</member></MetricData><Empty></Empty></PutMetricDataResult>"
                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PutMetricDataResponse>");
    }

    @Test
    void errorsRenderAsErrorResponse() {
        String xml = new String(QueryCodec.writeError("http://example.com/doc/", "Sender", "InvalidParameterValue",
                "The value <x> is bad", "r-2"), StandardCharsets.UTF_8);

        assertThat(xml).isEqualTo("<ErrorResponse xmlns=\"http://example.com/doc/\"><Error><Type>Sender</Type>"
                + "<Code>InvalidParameterValue</Code><Message>The value &lt;x&gt; is bad</Message></Error>"
                + "<RequestId>r-2</RequestId></ErrorResponse>");
    }

    @Test
    void controlCharactersXmlCannotCarryAreReplaced() {
        assertThat(QueryCodec.escape("a\u0001b\tc\nd")).isEqualTo("a\uFFFDb\tc\nd");
        assertThat(QueryCodec.escape("plain")).isSameAs("plain");
    }
}
