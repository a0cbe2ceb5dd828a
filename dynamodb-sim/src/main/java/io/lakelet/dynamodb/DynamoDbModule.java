package io.lakelet.dynamodb;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.dynamodb.model.ItemStore;
import io.lakelet.dynamodb.model.TableStore;
import io.lakelet.dynamodb.operations.ItemOperations;
import io.lakelet.dynamodb.operations.ReadOperations;
import io.lakelet.dynamodb.operations.TableOperations;
import io.lakelet.dynamodb.operations.TableUpdates;
import io.lakelet.dynamodb.operations.Transactions;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The DynamoDB subset that the Kinesis Client Library 3.x uses for its lease, coordinator-state and
 * worker-metrics tables, on {@code DynamoDB_20120810} over awsJson 1.0. Every other DynamoDB operation is
 * refused as not implemented.
 */
public final class DynamoDbModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("dynamodb", "DynamoDB",
            Set.of("dynamodb"), Set.of("DynamoDB_20120810"), Protocol.AWS_JSON_1_1, "message");

    private TableStore tables;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        tables = new TableStore(context.storage());
        ItemStore items = new ItemStore(context.storage());
        TableOperations tableOps = new TableOperations(tables, items, context.clock(), context.config().stateDelay());
        TableUpdates updates = new TableUpdates(tables, tableOps, context.clock(), context.config().stateDelay());
        ItemOperations itemOps = new ItemOperations(tables, items, context.clock());
        ReadOperations reads = new ReadOperations(tables, items, context.clock());
        Transactions transactions = new Transactions(tables, items, context.clock());
        return JsonRpcService.builder(DESCRIPTOR)
                .knownOperationsOf(DynamoDbClient.class)
                .errorType(DynamoDbErrors::namespaced)
                .operation("CreateTable", CreateTableRequest.class, tableOps::createTable)
                .operation("DescribeTable", DescribeTableRequest.class, tableOps::describeTable)
                .operation("DeleteTable", DeleteTableRequest.class, tableOps::deleteTable)
                .operation("ListTables", ListTablesRequest.class, tableOps::listTables)
                .operation("UpdateTable", UpdateTableRequest.class, updates::updateTable)
                .operation("UpdateContinuousBackups", UpdateContinuousBackupsRequest.class,
                        updates::updateContinuousBackups)
                .operation("DescribeContinuousBackups", DescribeContinuousBackupsRequest.class,
                        updates::describeContinuousBackups)
                .operation("TagResource", TagResourceRequest.class, updates::tagResource)
                .operation("UntagResource", UntagResourceRequest.class, updates::untagResource)
                .operation("ListTagsOfResource", ListTagsOfResourceRequest.class, updates::listTagsOfResource)
                .operation("GetItem", GetItemRequest.class, itemOps::getItem)
                .operation("PutItem", PutItemRequest.class, itemOps::putItem)
                .operation("UpdateItem", UpdateItemRequest.class, itemOps::updateItem)
                .operation("DeleteItem", DeleteItemRequest.class, itemOps::deleteItem)
                .operation("Scan", ScanRequest.class, reads::scan)
                .operation("Query", QueryRequest.class, reads::query)
                .operation("TransactWriteItems", TransactWriteItemsRequest.class, transactions::transactWriteItems)
                .build();
    }

    @Override
    public void reset() {
        if (tables != null) {
            tables.reload();
        }
    }
}
