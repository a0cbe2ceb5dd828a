package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rpcv2Cbor: operation paths, and timestamps as tag 1 over epoch seconds (Kinesis CBOR keeps milliseconds). */
class RpcV2CborTest {
    private static final Shape STAMPED = new MapStruct(List.of(MapStruct.member("T", Shape.of(ShapeKind.TIMESTAMP))));

    private static byte[] write(JsonCodec codec, Instant t) {
        ByteSink sink = new ByteSink();
        codec.writeStructure(sink, Map.of("T", t), STAMPED);
        return Arrays.copyOf(sink.buffer(), sink.size());
    }

    @Test
    void theOperationIsTheLastSegmentOfTheServicePath() {
        assertThat(RpcV2CborService.operationName("/service/GraniteServiceVersion20100801/operation/PutMetricData"))
                .isEqualTo("PutMetricData");
        assertThat(RpcV2CborService.operationName("/service/S/operation/")).isNull();
        assertThat(RpcV2CborService.operationName("/")).isNull();
    }

    @Test
    void timestampsAreTaggedEpochSeconds() {
        // whole seconds: tag 1 (0xC1) then an unsigned 32-bit integer (0x1A)
        byte[] whole = write(JsonCodec.RPC_V2_CBOR, Instant.ofEpochSecond(1_700_000_000L));
        assertThat(whole).containsSequence((byte) 0xC1, (byte) 0x1A, (byte) 0x65, (byte) 0x53, (byte) 0xF1, 0x00);
        // a fraction: tag 1 then a double (0xFB)
        byte[] fraction = write(JsonCodec.RPC_V2_CBOR, Instant.ofEpochMilli(1_700_000_000_250L));
        assertThat(fraction).containsSequence((byte) 0xC1, (byte) 0xFB);

        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) JsonCodec.RPC_V2_CBOR.read(new ByteArrayInputStream(fraction), STAMPED);
        assertThat(back.get("T")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_250L));
    }

    @Test
    void kinesisCborStillWritesMilliseconds() {
        byte[] kinesis = write(JsonCodec.CBOR, Instant.ofEpochMilli(1_700_000_000_250L));
        // tag 1 then an unsigned 64-bit integer (0x1B) of milliseconds
        assertThat(kinesis).containsSequence((byte) 0xC1, (byte) 0x1B);
    }
}
