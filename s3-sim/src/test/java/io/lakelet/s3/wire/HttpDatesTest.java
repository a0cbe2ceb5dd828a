package io.lakelet.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    @Test
    void headerDatesAreRfc1123InGmtWhateverWasFormattedBefore() {
        assertThat(HttpDates.header(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDates.header(999)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDates.header(1_000)).isEqualTo("Thu, 01 Jan 1970 00:00:01 GMT");
        assertThat(HttpDates.header(-1)).isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
        long base = 1_764_000_000_000L;
        for (long ms = base; ms < base + 200_000; ms += 250) {
            // 64 s apart fall in the same slot of the memo: each must still get its own text.
            assertThat(HttpDates.header(ms)).isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Instant.ofEpochSecond(ms / 1000).atOffset(ZoneOffset.UTC)).replace("+0000", "GMT")
                    .replaceFirst(", (\\d) ", ", 0$1 "));
            assertThat(HttpDates.header(ms + 64_000)).isEqualTo(HttpDates.header(ms + 64_000 - (ms % 1000)));
        }
    }
}
