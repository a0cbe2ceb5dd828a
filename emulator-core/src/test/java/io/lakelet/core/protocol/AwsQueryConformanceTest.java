package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.protocol.ConformanceCases.Case;
import io.lakelet.core.protocol.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.smithy.model.shapes.OperationShape;

/**
 * The awsQuery request cases of smithy-aws-protocol-tests ({@code aws.protocoltests.query#AwsQuery}) run in
 * reverse against {@link QueryCodec}: each case's form body decodes to the case's parameters. Cases that
 * cannot apply are listed in {@link #SKIPPED} with the reason. (The response cases compare XML documents and
 * lean on the same traits; they are not run.)
 */
class AwsQueryConformanceTest {
    static final String SERVICE = "aws.protocoltests.query#AwsQuery";
    static final String PROTOCOL = "aws.protocols#awsQuery";

    private static final String NO_BODY = "request compression: the case gives no body to decode, only the"
            + " client's Content-Encoding header";
    private static final String XML_NAME = "@xmlName/@xmlFlattened: QueryCodec knows only the default member names"
            + " (member, entry, key, value); CloudWatch, its one user, has no such traits";

    /** Cases that do not apply to Lakelet's codec, each with the reason. */
    static final Map<String, String> SKIPPED = Map.ofEntries(
            Map.entry("SDKAppliedContentEncoding_awsQuery", NO_BODY),
            Map.entry("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery", NO_BODY),
            Map.entry("QueryEmptyQueryMaps", "an empty map leaves no trace in the form: the server cannot tell it"
                    + " from an absent one"),
            Map.entry("QueryListArgWithXmlNameMember", XML_NAME),
            Map.entry("QueryFlattenedListArgWithXmlName", XML_NAME),
            Map.entry("QuerySimpleQueryMapsWithXmlName", XML_NAME),
            Map.entry("QueryQueryMapWithMemberXmlName", XML_NAME),
            Map.entry("QueryFlattenedQueryMapsWithXmlName", XML_NAME));

    private final SmithyShapes shapes = new SmithyShapes(ConformanceCases.MODEL, false);

    /** The skipped cases exist, so a renamed case cannot hide behind a stale entry. */
    @Test
    void everySkippedCaseExists() {
        List<String> ids = new ArrayList<>();
        ConformanceCases.cases(SERVICE, "httpRequestTests", PROTOCOL).forEach(c -> ids.add(c.id()));
        assertThat(ids).containsAll(SKIPPED.keySet());
    }

    @TestFactory
    Stream<DynamicTest> requestBodiesDecodeToTheirParams() {
        return ConformanceCases.cases(SERVICE, "httpRequestTests", PROTOCOL).stream()
                .filter(Case::appliesToServer)
                .filter(c -> !SKIPPED.containsKey(c.id()))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                    Shape input = shapes.shape(ConformanceCases.MODEL.expectShape(c.owner(), OperationShape.class)
                            .getInputShape());
                    String body = c.string("body") == null ? "" : c.string("body");
                    Object expected = input == null ? Map.of()
                            : ConformanceCases.value(c.node().getObjectMember("params").orElse(null), input);
                    Object actual;
                    try {
                        actual = input == null ? Map.of() : QueryCodec.readStructure(QueryCodec.parseForm(body), input);
                    } catch (RuntimeException e) {
                        throw new AssertionError(c.id() + ": " + e.getMessage(), e);
                    }
                    assertThat(ConformanceCases.canonical(actual)).as(c.id() + ": " + body)
                            .isEqualTo(ConformanceCases.canonical(expected == null ? Map.of() : expected));
                }));
    }
}
