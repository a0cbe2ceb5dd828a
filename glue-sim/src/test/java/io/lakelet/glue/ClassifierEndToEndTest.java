package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CsvHeaderOption;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Table;

/** Custom classifiers through the real Glue client, and crawls that use them before the built-in ones. */
class ClassifierEndToEndTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/crawler";
    private static CrawlerServer server;

    @BeforeAll
    static void start() {
        server = CrawlerServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
        server.bucket("lake");
    }

    @Test
    void classifiersAreCreatedReadUpdatedListedAndDeleted() {
        server.glue.createClassifier(b -> b.csvClassifier(c -> c.name("csv").delimiter(";").quoteSymbol("'")
                .containsHeader(CsvHeaderOption.PRESENT)));
        server.glue.createClassifier(b -> b.jsonClassifier(c -> c.name("json").jsonPath("$[*]")));
        server.glue.createClassifier(b -> b.grokClassifier(c -> c.name("grok").classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}")));
        server.glue.createClassifier(b -> b.xmlClassifier(c -> c.name("xml").classification("xml").rowTag("row")));

        Classifier csv = server.glue.getClassifier(b -> b.name("csv")).classifier();
        assertThat(csv.csvClassifier().delimiter()).isEqualTo(";");
        assertThat(csv.csvClassifier().version()).isEqualTo(1L);
        assertThat(csv.csvClassifier().creationTime()).isNotNull();
        assertThatThrownBy(() -> server.glue.createClassifier(b -> b.jsonClassifier(c -> c.name("csv")
                .jsonPath("$")))).isInstanceOf(AlreadyExistsException.class);

        server.glue.updateClassifier(b -> b.csvClassifier(c -> c.name("csv").delimiter("|")));
        Classifier updated = server.glue.getClassifier(b -> b.name("csv")).classifier();
        assertThat(updated.csvClassifier().delimiter()).isEqualTo("|");
        assertThat(updated.csvClassifier().quoteSymbol()).isEqualTo("'");
        assertThat(updated.csvClassifier().version()).isEqualTo(2L);
        assertThatThrownBy(() -> server.glue.updateClassifier(b -> b.jsonClassifier(c -> c.name("csv")
                .jsonPath("$")))).isInstanceOf(InvalidInputException.class);

        var page = server.glue.getClassifiers(b -> b.maxResults(3));
        assertThat(page.classifiers()).hasSize(3);
        assertThat(server.glue.getClassifiers(b -> b.nextToken(page.nextToken())).classifiers()).hasSize(1);

        assertThatThrownBy(() -> server.glue.createClassifier(b -> b.csvClassifier(c -> c.name("bad")
                .delimiter(",").quoteSymbol(",")))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> server.glue.createClassifier(b -> b.grokClassifier(c -> c.name("bad")
                .classification("x").grokPattern("%{NOPE:x}")))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> server.glue.createClassifier(b -> b.jsonClassifier(c -> c.name("bad")
                .jsonPath("records")))).isInstanceOf(InvalidInputException.class);

        server.glue.deleteClassifier(b -> b.name("csv"));
        assertThatThrownBy(() -> server.glue.getClassifier(b -> b.name("csv")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void aCrawlTriesTheCrawlersClassifiersFirst() {
        server.put("lake", "logs/app.log", "2024-01-01T00:00:00Z INFO started\n2024-01-01T00:00:01Z WARN slow\n");
        server.put("lake", "arrays/a.json", "[{\"id\":1,\"v\":\"a\"},{\"id\":2,\"v\":\"b\"}]");
        server.glue.createClassifier(b -> b.grokClassifier(c -> c.name("grok").classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}")));
        server.glue.createClassifier(b -> b.jsonClassifier(c -> c.name("rows").jsonPath("$[*]")));
        server.glue.createCrawler(b -> b.name("logs").role(ROLE).databaseName("db").classifiers("grok")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/logs/"))));
        server.glue.createCrawler(b -> b.name("arrays").role(ROLE).databaseName("db").classifiers("rows")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/arrays/"))));
        server.glue.createCrawler(b -> b.name("plain").role(ROLE).databaseName("db").tablePrefix("plain_")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/arrays/"))));

        server.crawl("logs");
        server.crawl("arrays");
        server.crawl("plain");

        Table logs = server.glue.getTable(b -> b.databaseName("db").name("logs")).table();
        assertThat(CrawlerServer.columns(logs)).containsExactly(Map.entry("ts", "string"), Map.entry("level", "string"),
                Map.entry("message", "string"));
        assertThat(logs.parameters()).containsEntry("classification", "applog");
        assertThat(logs.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("com.amazonaws.glue.serde.GrokSerDe");
        assertThat(CrawlerServer.columns(server.glue.getTable(b -> b.databaseName("db").name("arrays")).table()))
                .containsExactly(Map.entry("id", "int"), Map.entry("v", "string"));
        assertThat(CrawlerServer.columns(server.glue.getTable(b -> b.databaseName("db").name("plain_arrays")).table()))
                .containsExactly(Map.entry("array", "array<struct<id:int,v:string>>"));
    }
}
