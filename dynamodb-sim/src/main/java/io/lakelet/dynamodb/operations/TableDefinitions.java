package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.dynamodb.DynamoDbErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;

/** The checks DynamoDB makes on key schemas, attribute definitions, throughput and index definitions. */
final class TableDefinitions {
    private static final List<String> SCALAR_TYPES = List.of("B", "N", "S");

    private TableDefinitions() {
    }

    /** A table's or index's key schema: a HASH element, then optionally a RANGE element, all defined. */
    static void keySchema(String member, List<KeySchemaElement> keySchema, List<AttributeDefinition> definitions,
                          String indexName) {
        Validation.check().notNull(member, keySchema.isEmpty() ? null : keySchema)
                .size(member, keySchema, 1, 2).orThrow();
        if (keySchema.get(0).keyType() != KeyType.HASH) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keySchema.size() == 2 && keySchema.get(1).keyType() != KeyType.RANGE) {
            throw DynamoDbErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (keySchema.size() == 2 && keySchema.get(0).attributeName().equals(keySchema.get(1).attributeName())) {
            throw DynamoDbErrors.invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have"
                    + " the same name");
        }
        Set<String> defined = new LinkedHashSet<>();
        definitions.forEach(d -> defined.add(d.attributeName()));
        for (KeySchemaElement e : keySchema) {
            if (!defined.contains(e.attributeName())) {
                throw DynamoDbErrors.invalidParameter("Some index key attributes are not defined in"
                        + " AttributeDefinitions. Keys: " + names(keySchema) + ", AttributeDefinitions: " + defined
                        + (indexName == null ? "" : ", IndexName: " + indexName));
            }
        }
    }

    static void attributeDefinitions(List<AttributeDefinition> definitions) {
        Validation v = Validation.check().notNull("attributeDefinitions", definitions.isEmpty() ? null : definitions);
        for (int i = 0; i < definitions.size(); i++) {
            v.oneOf("attributeDefinitions." + (i + 1) + ".member.attributeType",
                    definitions.get(i).attributeTypeAsString(), SCALAR_TYPES);
        }
        v.orThrow();
        Set<String> seen = new LinkedHashSet<>();
        for (AttributeDefinition d : definitions) {
            if (!seen.add(d.attributeName())) {
                throw DynamoDbErrors.invalidParameter("Duplicate AttributeName: " + d.attributeName());
            }
        }
    }

    /** Every defined attribute must be a key of the table or of an index. */
    static void allDefinitionsUsed(List<AttributeDefinition> definitions, Set<String> keyAttributes) {
        Set<String> defined = new LinkedHashSet<>();
        definitions.forEach(d -> defined.add(d.attributeName()));
        if (!keyAttributes.containsAll(defined)) {
            throw DynamoDbErrors.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + defined + ", keys used: " + keyAttributes);
        }
    }

    static void projection(Projection projection) {
        if (projection == null || projection.projectionType() == null) {
            throw DynamoDbErrors.invalidParameter("Unknown ProjectionType: null");
        }
        if (projection.projectionType() == ProjectionType.UNKNOWN_TO_SDK_VERSION) {
            throw DynamoDbErrors.invalidParameter("Unknown ProjectionType: " + projection.projectionTypeAsString());
        }
        if (projection.projectionType() != ProjectionType.INCLUDE && projection.hasNonKeyAttributes()) {
            throw DynamoDbErrors.invalidParameter("ProjectionType is " + projection.projectionType()
                    + ", but NonKeyAttributes is specified");
        }
    }

    /** The billing mode of a request (PROVISIONED when absent) checked against its throughput. */
    static BillingMode billingMode(BillingMode requested, String raw, ProvisionedThroughput throughput) {
        BillingMode mode = raw == null ? BillingMode.PROVISIONED : requested;
        Validation.check().oneOf("billingMode", raw, List.of("PROVISIONED", "PAY_PER_REQUEST")).orThrow();
        if (mode == BillingMode.PROVISIONED) {
            if (throughput == null || throughput.readCapacityUnits() == null || throughput.writeCapacityUnits() == null) {
                throw DynamoDbErrors.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified"
                        + " when BillingMode is PROVISIONED");
            }
            throughput(throughput);
        } else if (throughput != null) {
            throw DynamoDbErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified"
                    + " when BillingMode is PAY_PER_REQUEST");
        }
        return mode;
    }

    static void throughput(ProvisionedThroughput t) {
        Validation.check()
                .range("provisionedThroughput.readCapacityUnits", t.readCapacityUnits(), 1, Long.MAX_VALUE)
                .range("provisionedThroughput.writeCapacityUnits", t.writeCapacityUnits(), 1, Long.MAX_VALUE)
                .orThrow();
    }

    /** The throughput a description reports: the provisioned values, or zeros on demand. */
    static ProvisionedThroughputDescription describe(BillingMode mode, ProvisionedThroughput t) {
        boolean provisioned = mode == BillingMode.PROVISIONED && t != null;
        return ProvisionedThroughputDescription.builder()
                .readCapacityUnits(provisioned ? t.readCapacityUnits() : 0L)
                .writeCapacityUnits(provisioned ? t.writeCapacityUnits() : 0L)
                .numberOfDecreasesToday(0L)
                .build();
    }

    static List<String> names(List<KeySchemaElement> keySchema) {
        List<String> out = new ArrayList<>();
        keySchema.forEach(e -> out.add(e.attributeName()));
        return out;
    }
}
