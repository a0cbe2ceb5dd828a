package io.lakelet.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashRangesTest {

    @Test
    void rangesAreContiguousAndCoverTheWholeSpace() {
        for (int n : List.of(1, 2, 3, 7, 500)) {
            List<HashRanges.Range> ranges = HashRanges.even(n);

            assertThat(ranges).hasSize(n);
            assertThat(ranges.get(0).start()).isEqualTo(BigInteger.ZERO);
            assertThat(ranges.get(n - 1).end()).isEqualTo(HashRanges.MAX);
            for (int i = 1; i < n; i++) {
                assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end().add(BigInteger.ONE));
            }
        }
    }

    @Test
    void fourShardsMatchAwsBoundaries() {
        List<HashRanges.Range> r = HashRanges.even(4);

        assertThat(r.get(0).end()).hasToString("85070591730234615865843651857942052863");
        assertThat(r.get(1).start()).hasToString("85070591730234615865843651857942052864");
        assertThat(r.get(3).start()).hasToString("255211775190703847597530955573826158592");
    }

    @Test
    void partitionKeysHashWithMd5() {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e
        assertThat(HashRanges.hashOf("")).isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16));
    }
}
