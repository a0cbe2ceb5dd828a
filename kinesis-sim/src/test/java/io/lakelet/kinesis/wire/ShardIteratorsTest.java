package io.lakelet.kinesis.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.kinesis.model.StreamKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {

    @Test
    void anIteratorCarriesItsPositionOpaquely() {
        ShardIterators.Position p = new ShardIterators.Position(new StreamKey("000000000000", "us-east-1", "s"),
                1000L, 3, 77L, 5000L);

        String it = ShardIterators.encode(p);

        assertThat(it).doesNotContain("us-east-1");
        assertThat(ShardIterators.decode(it)).isEqualTo(p);
    }

    @Test
    void editedOrForeignIteratorsDoNotDecode() {
        String it = ShardIterators.encode(new ShardIterators.Position(new StreamKey("000000000000", "us-east-1", "s"),
                1000L, 3, 77L, 5000L));
        String text = new String(Base64.getDecoder().decode(it));
        String edited = Base64.getEncoder().encodeToString(text.replace("\u000177\u0001", "\u000178\u0001").getBytes());

        assertThat(ShardIterators.decode(edited)).isNull();
        assertThat(ShardIterators.decode("not base64 !")).isNull();
        assertThat(ShardIterators.decode(OpaqueToken.encode("list-streams", "a", "b", "c"))).isNull();
    }
}
