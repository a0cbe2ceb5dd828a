package io.lakelet.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void formatsFiftySixDigitsThatRoundTrip() {
        String s = SequenceNumbers.format(123456789L, 42);

        assertThat(s).hasSize(56).startsWith("49").containsOnlyDigits();
        assertThat(SequenceNumbers.parse(s)).isEqualTo(new SequenceNumbers.Position(123456789L, 42));
    }

    @Test
    void everyDigitIsInItsPlace() {
        assertThat(SequenceNumbers.format(0, 0)).isEqualTo("49" + "0".repeat(54));
        assertThat(SequenceNumbers.format(1234567890123L, 7))
                .isEqualTo("49" + "0".repeat(21) + "1234567890123" + "0".repeat(19) + "7");
        assertThat(SequenceNumbers.format(Long.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo("49" + "0".repeat(15) + Long.MAX_VALUE + "0".repeat(10) + Integer.MAX_VALUE);
    }

    @Test
    void aLaterCounterIsAGreaterNumberWhateverTheShard() {
        BigInteger earlier = new BigInteger(SequenceNumbers.format(10, 999));
        BigInteger later = new BigInteger(SequenceNumbers.format(11, 0));

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void foreignNumbersAreRejected() {
        assertThatThrownBy(() -> SequenceNumbers.parse("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceNumbers.parse("4" + "9".repeat(55))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceNumbers.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
