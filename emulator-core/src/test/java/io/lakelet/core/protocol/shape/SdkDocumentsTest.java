package io.lakelet.core.protocol.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;

/** Document members cross between the codec's Jackson trees and the SDK's Document without loss. */
class SdkDocumentsTest {

    @Test
    void aTreeBecomesTheSameDocumentAndBack() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(
                "{\"s\":\"x\",\"n\":12345678901234567890,\"d\":1.25,\"b\":true,\"z\":null,\"l\":[1,\"two\",[]],\"m\":{}}");
        Document doc = SdkDocuments.fromTree(tree);
        assertThat(doc.asMap().get("s").asString()).isEqualTo("x");
        assertThat(doc.asMap().get("n").asNumber().bigDecimalValue()).isEqualTo(new BigDecimal("12345678901234567890"));
        assertThat(doc.asMap().get("d").asNumber().bigDecimalValue()).isEqualByComparingTo("1.25");
        assertThat(doc.asMap().get("b").asBoolean()).isTrue();
        assertThat(doc.asMap().get("z").isNull()).isTrue();
        assertThat(doc.asMap().get("l").asList()).hasSize(3);
        assertThat(doc.asMap().get("m").asMap()).isEmpty();
        assertThat(SdkDocuments.toTree(doc).toString()).isEqualTo(tree.toString());
    }

    @Test
    void aDocumentBuiltByTheSdkBecomesATree() {
        Document doc = Document.fromMap(Map.of("k", Document.fromList(List.of(Document.fromNumber(3),
                Document.fromString("v")))));
        assertThat(SdkDocuments.toTree(doc).toString()).isEqualTo("{\"k\":[3,\"v\"]}");
    }
}
