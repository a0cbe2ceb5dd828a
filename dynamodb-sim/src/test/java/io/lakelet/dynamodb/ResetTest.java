package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The reset endpoint forgets every table, including the module's cache of definitions. */
class ResetTest {

    @Test
    void resetForgetsTablesAndItems() throws Exception {
        try (DynamoDbTestServer server = DynamoDbTestServer.start()) {
            // given a table with an item
            server.sync.createTable(b -> b.tableName("before-reset").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            server.sync.putItem(b -> b.tableName("before-reset").item(Map.of("id", AttributeValue.fromS("x"))));

            // when Lakelet is reset
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.server.endpoint().resolve("/_lakelet/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);

            // then the table is gone, and a new one of that name starts empty
            assertThat(server.sync.listTables().tableNames()).isEmpty();
            assertThatThrownBy(() -> server.sync.describeTable(b -> b.tableName("before-reset")))
                    .isInstanceOf(ResourceNotFoundException.class);
            server.sync.createTable(b -> b.tableName("before-reset").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            assertThat(server.sync.scan(b -> b.tableName("before-reset")).count()).isZero();
        }
    }
}
