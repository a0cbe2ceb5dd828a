package io.lakelet.s3.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static ObjectMeta meta(String key, String etag) {
        return new ObjectMeta("b", key, null, false, 3, etag, 1000, Map.of(), Map.of("a", "1"), Map.of(), null,
                List.of(new Segment("d-" + key, 3)), List.of(), null, Map.of());
    }

    @Test
    void theSameBytesGiveTheRememberedRecordAndOtherBytesTheirOwn() {
        byte[] stored = Json.write(meta("k", "\"e1\""));
        ObjectMeta first = Json.readMemo(stored, ObjectMeta.class);
        ObjectMeta again = Json.readMemo(stored.clone(), ObjectMeta.class);
        assertThat(again).isSameAs(first).isEqualTo(meta("k", "\"e1\""));

        ObjectMeta changed = Json.readMemo(Json.write(meta("k", "\"e2\"")), ObjectMeta.class);
        assertThat(changed.etag()).isEqualTo("\"e2\"");
        assertThat(Json.readMemo(stored, ObjectMeta.class)).isEqualTo(first);
    }

    @Test
    void manyRecordsSharingTheMemoEachDecodeToTheirOwnValue() {
        for (int i = 0; i < 5000; i++) {
            byte[] stored = Json.write(meta("k" + i, "\"e" + i + "\""));
            assertThat(Json.readMemo(stored, ObjectMeta.class).key()).isEqualTo("k" + i);
        }
        for (int i = 0; i < 5000; i += 7) {
            assertThat(Json.readMemo(Json.write(meta("k" + i, "\"e" + i + "\"")), ObjectMeta.class).etag())
                    .isEqualTo("\"e" + i + "\"");
        }
    }

    @Test
    void aRecordOfAnotherTypeIsNotTakenForARememberedOne() {
        byte[] stored = Json.write(Map.of("name", "x"));
        BucketMeta bucket = Json.readMemo(stored, BucketMeta.class);
        assertThat(bucket.name()).isEqualTo("x");
        assertThat(Json.readMemo(stored, ObjectMeta.class)).isInstanceOf(ObjectMeta.class);
    }
}
