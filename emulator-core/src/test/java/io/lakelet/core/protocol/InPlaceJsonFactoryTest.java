package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The parser steps over a string the codec has read to where it is told, and otherwise parses exactly as
 * Jackson's (JsonCodecBlobTest compares whole documents read both ways).
 */
class InPlaceJsonFactoryTest {
    private final JsonFactory factory = new InPlaceJsonFactory((JsonFactoryBuilder) JsonFactory.builder());

    @Test
    void a_string_stepped_over_is_never_scanned() throws Exception {
        // Jackson would end the first string after cd; told to stop after ab\", the parser meets cd" next.
        byte[] doc = "{\"A\":\"ab\\\"cd\",\"B\":1}".getBytes(StandardCharsets.US_ASCII);
        try (JsonParser p = factory.createParser(doc, 0, doc.length)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            InPlaceJsonFactory.skipCurrentString(p, new String(doc, StandardCharsets.US_ASCII).indexOf("cd"));
            assertThatThrownBy(p::nextToken).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void a_string_stepped_over_leaves_the_parser_on_the_next_token() throws Exception {
        byte[] body = "xx{\"A\":\"QUJD\", \"B\":[1,\"QQ==\"]}yy".getBytes(StandardCharsets.US_ASCII);
        try (JsonParser p = factory.createParser(body, 2, body.length - 4)) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            assertThat(p.currentTokenLocation().getByteOffset()).isEqualTo(5);
            InPlaceJsonFactory.skipCurrentString(p, 2 + 11);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("B");
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.getText()).as("a string whose text is read is not stepped over").isEqualTo("QQ==");
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isNull();
        }
    }

    @Test
    void a_copy_of_the_factory_makes_the_same_parsers() throws Exception {
        JsonFactory copy = factory.copy();
        byte[] doc = "{\"A\":\"ab\\\"cd\",\"B\":1}".getBytes(StandardCharsets.US_ASCII);
        assertThat(copy).isInstanceOf(InPlaceJsonFactory.class);
        try (JsonParser p = copy.createParser(doc, 0, doc.length)) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            InPlaceJsonFactory.skipCurrentString(p, new String(doc, StandardCharsets.US_ASCII).indexOf("cd"));
            assertThatThrownBy(p::nextToken).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void a_step_asked_for_after_the_text_was_read_is_ignored() throws Exception {
        byte[] doc = "{\"A\":\"QUJD\",\"B\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
        try (JsonParser p = factory.createParser(doc, 0, doc.length)) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            assertThat(p.getText()).isEqualTo("QUJD");
            InPlaceJsonFactory.skipCurrentString(p, 3);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("B");
        }
    }
}
