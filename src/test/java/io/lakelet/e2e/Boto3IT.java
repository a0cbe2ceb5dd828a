package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3, as Python users write it (src/test/python/boto3_pipeline.py), against the distribution jar. */
class Boto3IT {

    @TempDir
    Path tmp;

    @Test
    void boto3UploadsDownloadsAndStreams() throws Exception {
        Path script = Path.of(System.getProperty("lakelet.e2e.python", "../src/test/python"), "boto3_pipeline.py");
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of())) {
            ExternalClient.Result r = ExternalClient.python(lakelet, script, tmp.toString());

            assertThat(r.exitCode()).as(r.stderr() + "\n" + lakelet.log()).isZero();
            assertThat(r.stdout()).contains("OK");
        }
    }
}
