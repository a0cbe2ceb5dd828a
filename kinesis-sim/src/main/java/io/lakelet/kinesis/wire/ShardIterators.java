package io.lakelet.kinesis.wire;

import io.lakelet.kinesis.model.StreamKey;
import java.util.List;

/**
 * Shard iterators: which stream (and which incarnation of it), which shard, the counter to read from, and
 * when the iterator was issued, in an opaque token.
 */
public final class ShardIterators {
    private static final String KIND = "shard-iterator";

    private ShardIterators() {
    }

    /** What an iterator points at. */
    public record Position(StreamKey stream, long streamCreatedMillis, int shardIndex, long counter,
                           long issuedMillis) {
    }

    public static String encode(Position p) {
        return OpaqueToken.encode(KIND, p.stream().account(), p.stream().region(), p.stream().name(),
                p.streamCreatedMillis(), p.shardIndex(), p.counter(), p.issuedMillis());
    }

    /** The position of an iterator, or null when the string is not a Lakelet shard iterator. */
    public static Position decode(String iterator) {
        List<String> f = OpaqueToken.decode(iterator, KIND, 7);
        if (f == null) {
            return null;
        }
        try {
            return new Position(new StreamKey(f.get(0), f.get(1), f.get(2)), Long.parseLong(f.get(3)),
                    Integer.parseInt(f.get(4)), Long.parseLong(f.get(5)), Long.parseLong(f.get(6)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
