package io.lakelet.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Encoded keys sort as DynamoDB sorts sort keys, so Query and Scan page in the right order. */
class KeySchemaTest {
    private static final KeySchema NUMBERS = new KeySchema("p", "S", "r", "N");
    private static final KeySchema STRINGS = new KeySchema("p", "S", "r", "S");

    private static byte[] key(KeySchema schema, AttributeValue range) {
        return schema.encode(Map.of("p", AttributeValue.fromS("part"), "r", range));
    }

    @Test
    void numbersSortByValueIncludingNegativesDecimalsAndExponents() {
        // given numbers of every sign and magnitude, in random order
        List<String> numbers = new ArrayList<>(List.of("0", "-0.5", "-1", "-10", "-100.25", "1", "1.5", "2", "10",
                "10.01", "9.99", "1E+10", "-1E+10", "1E-10", "-1E-10", "123456789012345678901234567890", "0.001"));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            numbers.add(BigDecimal.valueOf(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10)).toString());
        }

        // when sorted by encoded key bytes
        List<String> byBytes = new ArrayList<>(numbers);
        byBytes.sort(Comparator.comparing(n -> key(NUMBERS, AttributeValue.fromN(n)), Arrays::compareUnsigned));

        // then the order is numeric
        List<String> byValue = new ArrayList<>(numbers);
        byValue.sort(Comparator.comparing(BigDecimal::new));
        assertThat(byBytes).extracting(BigDecimal::new).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(byValue.stream().map(BigDecimal::new).toList());
    }

    @Test
    void equalNumbersEncodeEqually() {
        assertThat(key(NUMBERS, AttributeValue.fromN("1.50"))).isEqualTo(key(NUMBERS, AttributeValue.fromN("1.5")));
        assertThat(key(NUMBERS, AttributeValue.fromN("100"))).isEqualTo(key(NUMBERS, AttributeValue.fromN("1E2")));
    }

    @Test
    void stringsSortByBytesAndPartitionsArePrefixFree() {
        List<String> strings = new ArrayList<>(List.of("b", "a", "ab", "a\u0000", "", "\u00e9", "Z", "a\u0000b"));
        strings.sort(Comparator.comparing(s -> key(STRINGS, AttributeValue.fromS(s)), Arrays::compareUnsigned));
        assertThat(strings).containsExactly("", "Z", "a", "a\u0000", "a\u0000b", "ab", "b", "\u00e9");

        byte[] partA = STRINGS.encodePartition(AttributeValue.fromS("a"));
        byte[] itemOfAb = STRINGS.encode(Map.of("p", AttributeValue.fromS("ab"), "r", AttributeValue.fromS("x")));
        assertThat(Arrays.equals(itemOfAb, 0, partA.length, partA, 0, partA.length)).isFalse();
    }
}
