package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.ConformanceCases.Case;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.node.ObjectNode;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.traits.HttpTrait;

/**
 * The server-side restJson1 cases of smithy-aws-protocol-tests ({@code aws.protocoltests.restjson#RestJson})
 * run through {@link RestJsonService}: every operation of the test service is registered with its Smithy
 * route and shapes; request cases must route and bind to the case's parameters, response cases must bind
 * parameters to the case's status, headers and body, and malformed requests must get the case's status
 * and error type. Cases that cannot apply are listed in {@link RestJsonSkips} with the reason.
 */
class RestJsonConformanceTest {
    static final String SERVICE = "aws.protocoltests.restjson#RestJson";
    static final String PROTOCOL = "aws.protocols#restJson1";

    private final SmithyShapes shapes = new SmithyShapes(ConformanceCases.MODEL, true);
    private final RestJsonService service;
    private Object lastInput;

    RestJsonConformanceTest() {
        RestJsonService.Builder b = RestJsonService.builder(new ServiceDescriptor("restjson", "RestJson",
                Set.of("restjson"), Set.of(), Protocol.REST_JSON_1, "message"));
        for (OperationShape op : ConformanceCases.operations(SERVICE)) {
            HttpTrait http = op.expectTrait(HttpTrait.class);
            Shape input = shapes.shape(op.getInputShape());
            Shape output = shapes.shape(op.getOutputShape());
            b.shapeOperation(op.getId().getName(), RestRoute.of(http.getMethod(), http.getUri().toString()),
                    http.getCode(), input == null ? SmithyShapes.EMPTY : input, output, (ctx, in) -> {
                        lastInput = in;
                        return null;
                    });
        }
        service = b.build();
    }

    @TestFactory
    Stream<DynamicTest> requestsRouteAndBindToTheirParams() {
        return ConformanceCases.cases(SERVICE, "httpRequestTests", PROTOCOL).stream()
                .filter(Case::appliesToServer)
                .filter(c -> !RestJsonSkips.REQUESTS.containsKey(c.id()))
                .map(c -> DynamicTest.dynamicTest(c.id(), named(c.id(), () -> {
                    OperationShape op = ConformanceCases.MODEL.expectShape(c.owner(), OperationShape.class);
                    Shape input = shapes.shape(op.getInputShape());
                    lastInput = null;
                    Response r = new InMemoryExchange(c.string("method"), uri(c.node()), headers(c.node()),
                            body(c.string("body"))).run(service);
                    assertThat(r.status()).as("status; body: %s", new String(r.body(), StandardCharsets.UTF_8))
                            .isLessThan(300);
                    Object expected = input == null ? Map.of()
                            : ConformanceCases.value(c.node().getObjectMember("params").orElse(Node.objectNode()), input);
                    assertThat(ConformanceCases.canonical(lastInput)).as(c.string("documentation"))
                            .isEqualTo(ConformanceCases.canonical(expected));
                })));
    }

    @TestFactory
    Stream<DynamicTest> responsesBindTheirParams() {
        return ConformanceCases.cases(SERVICE, "httpResponseTests", PROTOCOL).stream()
                .filter(Case::appliesToServer)
                .filter(c -> !c.error() && !RestJsonSkips.RESPONSES.containsKey(c.id()))
                .map(c -> DynamicTest.dynamicTest(c.id(), named(c.id(), () -> {
                    OperationShape op = ConformanceCases.MODEL.expectShape(c.owner(), OperationShape.class);
                    Shape output = shapes.shape(op.getOutputShape());
                    Object params = output == null ? null
                            : ConformanceCases.value(c.node().getObjectMember("params").orElse(Node.objectNode()), output);
                    int code = op.expectTrait(HttpTrait.class).getCode();
                    Response r = output == null ? RestJsonBinding.emptyOutput(code).build()
                            : RestJsonBinding.writeOutput(params, output, code).build();
                    String actualBody = new String(r.body(), r.bodyOffset(), r.bodyLength(), StandardCharsets.UTF_8);
                    assertThat(r.status()).isEqualTo(c.node().expectNumberMember("code").getValue().intValue());
                    headers(c.node()).forEach((name, value) -> assertThat(name.equalsIgnoreCase("Content-Length")
                            ? Integer.toString(r.bodyLength()) : r.header(name)).as(name).isEqualTo(value));
                    String expectedBody = c.string("body");
                    if (expectedBody == null) {
                        return;
                    }
                    if (expectedBody.isEmpty()) {
                        assertThat(actualBody).isEmpty();
                    } else if ("application/json".equals(c.string("bodyMediaType"))) {
                        assertThat(ConformanceCases.canonicalJson(ConformanceCases.parseJson(actualBody)))
                                .as(actualBody)
                                .isEqualTo(ConformanceCases.canonicalJson(ConformanceCases.parseJson(expectedBody)));
                    } else {
                        assertThat(actualBody).isEqualTo(expectedBody);
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> malformedRequestsGetTheirErrors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : ConformanceCases.cases(SERVICE, "httpMalformedRequestTests", PROTOCOL)) {
            if (RestJsonSkips.MALFORMED.containsKey(c.id())) {
                continue;
            }
            for (Map<String, String> params : parameterSets(c.node())) {
                ObjectNode request = substitute(c.node().expectObjectMember("request"), params).expectObjectNode();
                ObjectNode response = c.node().expectObjectMember("response");
                String name = c.id() + (params.isEmpty() ? "" : " " + params);
                tests.add(DynamicTest.dynamicTest(name, named(name, () -> {
                    Response r = new InMemoryExchange(request.expectStringMember("method").getValue(), uri(request),
                            headers(request), body(request.getStringMember("body").map(n -> n.getValue()).orElse(null)))
                            .run(service);
                    assertThat(r.status()).as("status; body: %s", new String(r.body(), StandardCharsets.UTF_8))
                            .isEqualTo(response.expectNumberMember("code").getValue().intValue());
                    headers(response).forEach((h, value) -> assertThat(r.header(h)).as(h).isEqualTo(value));
                })));
            }
        }
        return tests.stream();
    }

    @Test
    void everySkippedCaseExists() {
        List<String> ids = new ArrayList<>();
        for (String trait : List.of("httpRequestTests", "httpResponseTests", "httpMalformedRequestTests")) {
            ConformanceCases.cases(SERVICE, trait, PROTOCOL).forEach(c -> ids.add(c.id()));
        }
        assertThat(ids).containsAll(RestJsonSkips.REQUESTS.keySet()).containsAll(RestJsonSkips.RESPONSES.keySet())
                .containsAll(RestJsonSkips.MALFORMED.keySet());
        for (String trait : List.of("httpRequestTests", "httpResponseTests", "httpMalformedRequestTests")) {
            System.out.printf("restJson1 %s: %d server cases%n", trait, ConformanceCases.cases(SERVICE, trait, PROTOCOL)
                    .stream().filter(Case::appliesToServer).count());
        }
        long errors = ConformanceCases.cases(SERVICE, "httpResponseTests", PROTOCOL).stream()
                .filter(c -> c.error() && c.appliesToServer()).count();
        System.out.printf("restJson1 conformance: skipped %d request, %d response, %d malformed-request cases;"
                + " %d error-shape response cases (%s)%n", RestJsonSkips.REQUESTS.size(), RestJsonSkips.RESPONSES.size(),
                RestJsonSkips.MALFORMED.size(), errors, RestJsonSkips.ERROR_SHAPES);
    }

    /** Runs a case so that a failure names it (dynamic tests are reported by index by some runners). */
    private static org.junit.jupiter.api.function.Executable named(String id,
                                                                   org.junit.jupiter.api.function.Executable body) {
        return () -> {
            try {
                body.execute();
            } catch (Throwable e) {
                throw new AssertionError(id + ": " + e.getMessage(), e);
            }
        };
    }

    private static String uri(ObjectNode node) {
        String uri = node.expectStringMember("uri").getValue();
        List<String> query = new ArrayList<>();
        node.getArrayMember("queryParams").ifPresent(a -> a.getElements().forEach(
                e -> query.add(e.expectStringNode().getValue())));
        return query.isEmpty() ? uri : uri + (uri.contains("?") ? "&" : "?") + String.join("&", query);
    }

    private static Map<String, String> headers(ObjectNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.getObjectMember("headers").ifPresent(h -> h.getMembers().forEach(
                (k, v) -> out.put(k.getValue(), v.expectStringNode().getValue())));
        return out;
    }

    private static byte[] body(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The parameter sets of a malformed-request case: the i-th value of every parameter, for each i. */
    private static List<Map<String, String>> parameterSets(ObjectNode node) {
        ObjectNode params = node.getObjectMember("testParameters").orElse(null);
        if (params == null) {
            return List.of(Map.of());
        }
        List<Map<String, String>> out = new ArrayList<>();
        int n = params.getMembers().values().iterator().next().expectArrayNode().size();
        for (int i = 0; i < n; i++) {
            Map<String, String> set = new LinkedHashMap<>();
            int index = i;
            params.getMembers().forEach((k, v) -> set.put(k.getValue(),
                    v.expectArrayNode().get(index).orElseThrow().expectStringNode().getValue()));
            out.add(set);
        }
        return out;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\w+)(:[A-Z])?");

    private static Node substitute(Node node, Map<String, String> params) {
        if (params.isEmpty()) {
            return node;
        }
        if (node.isStringNode()) {
            Matcher m = PARAMETER.matcher(node.expectStringNode().getValue());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String v = params.get(m.group(1));
                // ":S" renders the value as a JSON string, ":L" (or nothing) as it is.
                String text = v == null ? m.group() : ":S".equals(m.group(2)) ? Node.printJson(Node.from(v)) : v;
                m.appendReplacement(out, Matcher.quoteReplacement(text));
            }
            m.appendTail(out);
            return Node.from(out.toString());
        }
        if (node.isArrayNode()) {
            return Node.fromNodes(node.expectArrayNode().getElements().stream().map(e -> substitute(e, params)).toList());
        }
        if (node.isObjectNode()) {
            ObjectNode.Builder b = Node.objectNodeBuilder();
            node.expectObjectNode().getMembers().forEach((k, v) -> b.withMember(k, substitute(v, params)));
            return b.build();
        }
        return node;
    }
}
