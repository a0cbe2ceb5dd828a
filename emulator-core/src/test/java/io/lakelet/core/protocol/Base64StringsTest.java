package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-place decoder takes exactly what the JDK's strict decoder takes between two quotes, and decodes
 * it to the same bytes; everything else is left to Jackson (null).
 */
class Base64StringsTest {
    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \\\n\"é";

    @Test
    void every_length_of_encoded_random_data_decodes_to_the_data() {
        Random random = new Random(11);
        for (int n = 0; n < 300; n++) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            byte[] doc = ("{\"Data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(Base64Strings.decodeQuoted(doc, 8, doc.length)).as("length %d", n).isEqualTo(data);
        }
    }

    @Test
    void random_strings_are_decoded_exactly_when_the_strict_jdk_decoder_takes_them() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(14);
            // Mostly alphabet characters, so that many strings are valid and the rest fail in every place.
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(4) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : CHARS.charAt(random.nextInt(64)));
            }
            if (random.nextBoolean() && length >= 2) {
                s.setCharAt(length - 1, '=');
                if (random.nextBoolean()) {
                    s.setCharAt(length - 2, '=');
                }
            }
            assertDecodesAsTheJdk(s.toString());
        }
    }

    @Test
    void a_quote_is_found_at_every_position_of_a_word() {
        for (int at = 0; at < 20; at++) {
            byte[] in = ("\"" + "QUJD".repeat(5).substring(0, at) + "\"QUJDQUJDQUJD\"").getBytes(StandardCharsets.US_ASCII);
            assertThat(Base64Strings.indexOfQuote(in, 1, in.length)).isEqualTo(at + 1);
        }
        byte[] none = "\"QUJDQUJDQUJD".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Strings.indexOfQuote(none, 1, none.length)).isEqualTo(none.length);
        assertThat(Base64Strings.decodeQuoted(none, 0, none.length)).isNull();
        byte[] cut = "\"QUJD\"".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Strings.decodeQuoted(cut, 0, 5)).as("the closing quote lies beyond the limit").isNull();
    }

    private static void assertDecodesAsTheJdk(String value) {
        byte[] in = ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
        // The string ends at its first quote.
        String string = value.indexOf('"') >= 0 ? value.substring(0, value.indexOf('"')) : value;
        byte[] expected;
        try {
            expected = string.length() % 4 != 0 ? null : Base64.getDecoder().decode(string);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        assertThat(Base64Strings.decodeQuoted(in, 0, in.length)).as("'%s'", value).isEqualTo(expected);
    }
}
