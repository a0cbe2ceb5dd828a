package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI v2, as users type it, against the distribution jar. */
class AwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LakeletProcess lakelet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        lakelet = LakeletProcess.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lakelet.close();
    }

    /** Runs a CLI command whose output is not JSON (the s3 commands), failing on a non-zero exit. */
    private static void cli(String... args) throws Exception {
        ExternalClient.aws(lakelet, args).ok();
    }

    private static JsonNode aws(String... args) throws Exception {
        String out = ExternalClient.aws(lakelet, args).ok().stdout();
        return out.isBlank() ? JSON.nullNode() : JSON.readTree(out);
    }

    @Test
    void kinesisStreamLifecycleWithTheCli() throws Exception {
        aws("kinesis", "create-stream", "--stream-name", "cli-stream", "--shard-count", "2");
        aws("kinesis", "wait", "stream-exists", "--stream-name", "cli-stream");

        JsonNode put = aws("kinesis", "put-record", "--stream-name", "cli-stream", "--partition-key", "user-1",
                "--data", "aGVsbG8gY2xp", "--cli-binary-format", "base64");
        String shard = put.get("ShardId").asText();
        assertThat(put.get("SequenceNumber").asText()).matches("\\d{20,}");

        String iterator = aws("kinesis", "get-shard-iterator", "--stream-name", "cli-stream", "--shard-id", shard,
                "--shard-iterator-type", "TRIM_HORIZON").get("ShardIterator").asText();
        JsonNode records = aws("kinesis", "get-records", "--shard-iterator", iterator).get("Records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("Data").asText()).isEqualTo("aGVsbG8gY2xp");
        assertThat(records.get(0).get("PartitionKey").asText()).isEqualTo("user-1");

        JsonNode streams = aws("kinesis", "list-streams");
        assertThat(streams.get("StreamNames").toString()).contains("cli-stream");

        ExternalClient.Result missing = ExternalClient.aws(lakelet, "kinesis", "describe-stream", "--stream-name", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException")
                .contains("Stream nope under account 000000000000 not found.");

        aws("kinesis", "delete-stream", "--stream-name", "cli-stream");
    }

    @Test
    void s3CopiesA100MiBFileInPartsAndBackUnchanged() throws Exception {
        Path big = tmp.resolve("big.bin");
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(42);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        assertThat(ExternalClient.aws(lakelet, "s3", "mb", "s3://cli-bucket").ok().stdout())
                .contains("make_bucket: cli-bucket");
        ExternalClient.aws(lakelet, "s3", "cp", big.toString(), "s3://cli-bucket/data/big.bin").ok();

        JsonNode head = aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "data/big.bin");
        assertThat(head.get("ContentLength").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(head.get("ETag").asText()).as("multipart ETag").matches("\"[0-9a-f]{32}-\\d+\"");

        String listing = ExternalClient.aws(lakelet, "s3", "ls", "s3://cli-bucket/data/").ok().stdout();
        assertThat(listing).contains("big.bin").contains(Long.toString(100L * 1024 * 1024));

        Path back = tmp.resolve("back.bin");
        ExternalClient.aws(lakelet, "s3", "cp", "s3://cli-bucket/data/big.bin", back.toString()).ok();
        assertThat(Files.mismatch(big, back)).isEqualTo(-1L);

        String url = ExternalClient.aws(lakelet, "s3", "presign", "s3://cli-bucket/data/big.bin",
                "--expires-in", "300").ok().stdout().trim();
        Path viaCurl = tmp.resolve("curl.bin");
        ExternalClient.run(List.of("curl", "-sf", "-o", viaCurl.toString(), url), Map.of()).ok();
        assertThat(Files.mismatch(big, viaCurl)).as("presigned GET fetched by curl").isEqualTo(-1L);

        ExternalClient.aws(lakelet, "s3", "rm", "s3://cli-bucket/data/big.bin").ok();
        JsonNode empty = aws("s3api", "list-objects-v2", "--bucket", "cli-bucket");
        assertThat(empty.path("KeyCount").asInt()).isZero();
        assertThat(ExternalClient.aws(lakelet, "s3", "rb", "s3://cli-bucket").ok().stdout())
                .contains("remove_bucket: cli-bucket");
    }

    @Test
    void s3ErrorsReachTheCliWithS3Codes() throws Exception {
        ExternalClient.Result r = ExternalClient.aws(lakelet, "s3api", "get-object", "--bucket", "no-such-bucket",
                "--key", "k", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("NoSuchBucket");
    }

    /** Runs a statement with the CLI and waits for it as a script would; returns the final execution. */
    private static JsonNode athena(String sql) throws Exception {
        String id = aws("athena", "start-query-execution", "--query-string", sql,
                "--query-execution-context", "Database=cli_lake",
                "--result-configuration", "OutputLocation=s3://cli-results/athena/").get("QueryExecutionId").asText();
        for (int i = 0; i < 600; i++) {
            JsonNode q = aws("athena", "get-query-execution", "--query-execution-id", id).get("QueryExecution");
            String state = q.get("Status").get("State").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return q;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query " + id + " did not finish");
    }

    @Test
    void athenaQueriesCsvInS3WithTheCli() throws Exception {
        Path csv = tmp.resolve("people.csv");
        Files.writeString(csv, "name,age\nada,36\ngrace,45\nlinus,\n");
        cli("s3", "mb", "s3://cli-results");
        cli("s3", "mb", "s3://cli-data");
        cli("s3", "cp", csv.toString(), "s3://cli-data/people/people.csv");
        assertThat(athena("CREATE DATABASE cli_lake").get("Status").get("State").asText()).isEqualTo("SUCCEEDED");
        JsonNode ddl = athena("CREATE EXTERNAL TABLE people (name string, age int) ROW FORMAT DELIMITED "
                + "FIELDS TERMINATED BY ',' LOCATION 's3://cli-data/people/' TBLPROPERTIES ('skip.header.line.count'='1')");
        assertThat(ddl.get("Status").get("State").asText()).isEqualTo("SUCCEEDED");
        assertThat(ddl.get("StatementType").asText()).isEqualTo("DDL");

        JsonNode q = athena("SELECT name, age FROM people WHERE age > 40 OR age IS NULL ORDER BY name");
        assertThat(q.get("Status").get("State").asText()).isEqualTo("SUCCEEDED");
        assertThat(q.get("Statistics").get("DataScannedInBytes").asLong()).isPositive();
        String id = q.get("QueryExecutionId").asText();
        JsonNode rows = aws("athena", "get-query-results", "--query-execution-id", id).get("ResultSet").get("Rows");
        assertThat(rows.toString()).isEqualTo("[{\"Data\":[{\"VarCharValue\":\"name\"},{\"VarCharValue\":\"age\"}]},"
                + "{\"Data\":[{\"VarCharValue\":\"grace\"},{\"VarCharValue\":\"45\"}]},"
                + "{\"Data\":[{\"VarCharValue\":\"linus\"},{}]}]");
        // The result file is where Athena puts it, readable with the S3 CLI.
        Path out = tmp.resolve("result.csv");
        cli("s3", "cp", "s3://cli-results/athena/" + id + ".csv", out.toString());
        assertThat(Files.readString(out)).isEqualTo("\"name\",\"age\"\n\"grace\",\"45\"\n\"linus\",\n");

        JsonNode failed = athena("SELECT missing_column FROM people");
        assertThat(failed.get("Status").get("State").asText()).isEqualTo("FAILED");
        assertThat(failed.get("Status").get("StateChangeReason").asText()).contains("missing_column");
        ExternalClient.Result noLocation = ExternalClient.aws(lakelet, "athena", "start-query-execution",
                "--query-string", "SELECT 1");
        assertThat(noLocation.exitCode()).isNotZero();
        assertThat(noLocation.stderr()).contains("InvalidRequestException").contains("No output location provided");
    }

    @Test
    void glueCrawlerCataloguesCsvInHiveFoldersWithTheCli() throws Exception {
        cli("s3", "mb", "s3://cli-crawl");
        for (String month : List.of("01", "02", "03")) {
            Path csv = tmp.resolve("m" + month + ".csv");
            Files.writeString(csv, "id,city,temp\n1,Oslo,-3.5\n2,Lima,21.0\n");
            cli("s3", "cp", csv.toString(), "s3://cli-crawl/weather/year=2024/month=" + month + "/data.csv");
        }
        aws("glue", "create-database", "--database-input", "Name=cli_crawl");
        aws("glue", "create-crawler", "--name", "cli-crawler", "--role", "arn:aws:iam::000000000000:role/glue",
                "--database-name", "cli_crawl", "--targets", "{\"S3Targets\":[{\"Path\":\"s3://cli-crawl/weather/\"}]}");
        aws("glue", "start-crawler", "--name", "cli-crawler");
        JsonNode crawler = null;
        for (int i = 0; i < 600; i++) {
            crawler = aws("glue", "get-crawler", "--name", "cli-crawler").get("Crawler");
            if (crawler.get("State").asText().equals("READY") && crawler.has("LastCrawl")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(crawler.get("LastCrawl").get("Status").asText()).isEqualTo("SUCCEEDED");

        JsonNode table = aws("glue", "get-table", "--database-name", "cli_crawl", "--name", "weather").get("Table");
        assertThat(table.get("StorageDescriptor").get("Columns").toString())
                .isEqualTo("[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"city\",\"Type\":\"string\"},"
                        + "{\"Name\":\"temp\",\"Type\":\"double\"}]");
        assertThat(table.get("PartitionKeys").findValuesAsText("Name")).containsExactly("year", "month");
        JsonNode partitions = aws("glue", "get-partitions", "--database-name", "cli_crawl", "--table-name", "weather",
                "--expression", "month BETWEEN '02' AND '03'").get("Partitions");
        assertThat(partitions.findValues("Values").toString()).isEqualTo("[[\"2024\",\"02\"], [\"2024\",\"03\"]]");

        ExternalClient.Result bad = ExternalClient.aws(lakelet, "glue", "create-crawler", "--name", "bad-cron",
                "--role", "r", "--database-name", "cli_crawl", "--schedule", "cron(not a cron)",
                "--targets", "{\"S3Targets\":[{\"Path\":\"s3://cli-crawl/weather/\"}]}");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("InvalidInputException");
        assertThat(aws("glue", "list-crawlers").get("CrawlerNames").toString()).doesNotContain("bad-cron");
    }
}
