package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.protocol.ConformanceCases.Case;
import io.lakelet.core.protocol.shape.Shape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.smithy.model.shapes.OperationShape;

/**
 * The server-side awsJson1_1 cases of smithy-aws-protocol-tests ({@code aws.protocoltests.json#JsonProtocol})
 * run against {@link JsonCodec#JSON}: request bodies decode to the case's parameters, response parameters
 * encode to the case's body. Cases that cannot apply are listed in {@link #SKIPPED} with the reason.
 */
class AwsJsonConformanceTest {
    static final String SERVICE = "aws.protocoltests.json#JsonProtocol";
    static final String PROTOCOL = "aws.protocols#awsJson1_1";

    private static final String NO_BODY = "request compression: the case gives no body to decode, only the"
            + " client's Content-Encoding header";
    private static final String ERROR_SHAPES = "error structures: services throw AwsException (code, message,"
            + " fields) rendered by JsonRpcService, not modelled error shapes";

    /** Cases that do not apply to Lakelet's codec, each with the reason. */
    static final Map<String, String> SKIPPED = Map.ofEntries(
            Map.entry("SDKAppliedContentEncoding_awsJson1_1", NO_BODY),
            Map.entry("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", NO_BODY));

    private final SmithyShapes shapes = new SmithyShapes(ConformanceCases.MODEL, false);

    @TestFactory
    Stream<DynamicTest> requestBodiesDecodeToTheirParams() {
        return ConformanceCases.cases(SERVICE, "httpRequestTests", PROTOCOL).stream()
                .filter(Case::appliesToServer)
                .filter(c -> !SKIPPED.containsKey(c.id()))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                    Shape input = shapes.shape(operation(c).getInputShape());
                    byte[] body = c.string("body") == null ? new byte[0] : c.string("body").getBytes(StandardCharsets.UTF_8);
                    Object expected = input == null ? Map.of()
                            : ConformanceCases.value(c.node().getObjectMember("params").orElse(null), input);
                    Object actual;
                    if (input == null) {
                        actual = Map.of();
                    } else {
                        Shape.StructBuilder b = input.newStruct();
                        JsonCodec.JSON.readStructure(new ByteArrayInputStream(body), input, b);
                        actual = b.build();
                    }
                    assertThat(ConformanceCases.canonical(actual)).as(c.string("documentation"))
                            .isEqualTo(ConformanceCases.canonical(expected == null ? Map.of() : expected));
                }));
    }

    @TestFactory
    Stream<DynamicTest> responseParamsEncodeToTheirBodies() {
        return ConformanceCases.cases(SERVICE, "httpResponseTests", PROTOCOL).stream()
                .filter(Case::appliesToServer)
                .filter(c -> !SKIPPED.containsKey(c.id()) && !c.error())
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                    Shape output = shapes.shape(operation(c).getOutputShape());
                    String expectedBody = c.string("body");
                    Object params = output == null ? null
                            : ConformanceCases.value(c.node().getObjectMember("params").orElse(null), output);
                    ByteSink sink = new ByteSink();
                    if (output != null && params != null) {
                        JsonCodec.JSON.writeStructure(sink, params, output);
                    } else {
                        sink.writeBytes("{}".getBytes(StandardCharsets.UTF_8));
                    }
                    String actual = sink.toString(StandardCharsets.UTF_8);
                    if (expectedBody == null || expectedBody.isBlank()) {
                        assertThat(ConformanceCases.parseJson(actual).isEmpty()).as(actual).isTrue();
                    } else {
                        assertThat(ConformanceCases.canonicalJson(ConformanceCases.parseJson(actual)))
                                .as(actual)
                                .isEqualTo(ConformanceCases.canonicalJson(ConformanceCases.parseJson(expectedBody)));
                    }
                }));
    }

    /** The cases left out, so the report of a run states them rather than hiding them. */
    @Test
    void everySkippedCaseExistsAndErrorCasesAreCounted() {
        List<String> ids = new ArrayList<>();
        ConformanceCases.cases(SERVICE, "httpRequestTests", PROTOCOL).forEach(c -> ids.add(c.id()));
        ConformanceCases.cases(SERVICE, "httpResponseTests", PROTOCOL).forEach(c -> ids.add(c.id()));
        assertThat(ids).containsAll(SKIPPED.keySet());
        for (String trait : List.of("httpRequestTests", "httpResponseTests")) {
            System.out.printf("awsJson1_1 %s: %d server cases%n", trait, ConformanceCases.cases(SERVICE, trait, PROTOCOL)
                    .stream().filter(Case::appliesToServer).count());
        }
        long errors = ConformanceCases.cases(SERVICE, "httpResponseTests", PROTOCOL).stream()
                .filter(c -> c.error() && c.appliesToServer()).count();
        System.out.printf("awsJson1_1 conformance: skipped %d listed cases; %d error-shape response cases (%s)%n",
                SKIPPED.size(), errors, ERROR_SHAPES);
        assertThat(ConformanceCases.cases(SERVICE, "httpMalformedRequestTests", PROTOCOL))
                .as("awsJson1_1 has no malformed-request cases to run").isEmpty();
    }

    private static OperationShape operation(Case c) {
        return ConformanceCases.MODEL.expectShape(c.owner(), OperationShape.class);
    }
}
