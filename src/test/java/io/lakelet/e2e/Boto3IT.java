package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3, as Python users write it (the scripts in src/test/python), against the distribution jar. */
class Boto3IT {

    @TempDir
    Path tmp;

    private void runs(String scriptName) throws Exception {
        Path script = Path.of(System.getProperty("lakelet.e2e.python", "../src/test/python"), scriptName);
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of())) {
            ExternalClient.Result r = ExternalClient.python(lakelet, script, tmp.toString());

            assertThat(r.exitCode()).as(r.stderr() + "\n" + lakelet.log()).isZero();
            assertThat(r.stdout()).contains("OK");
        }
    }

    @Test
    void boto3UploadsDownloadsAndStreams() throws Exception {
        runs("boto3_pipeline.py");
    }

    @Test
    void boto3CrawlsAndQueriesTheLake() throws Exception {
        runs("boto3_lake.py");
    }
}
