package io.lakelet.glue.operations;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.storage.Batch;
import io.lakelet.glue.catalog.Connections;
import io.lakelet.glue.catalog.Databases;
import io.lakelet.glue.catalog.Functions;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.catalog.Tables;
import io.lakelet.glue.crawler.Crawlers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;
import software.amazon.awssdk.services.glue.model.GetTagsResponse;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TagResourceRequest;
import software.amazon.awssdk.services.glue.model.TagResourceResponse;
import software.amazon.awssdk.services.glue.model.UntagResourceRequest;
import software.amazon.awssdk.services.glue.model.UntagResourceResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;

/**
 * TagResource, UntagResource and GetTags on the catalog's resources, named by their Glue ARNs:
 * {@code database/<db>}, {@code table/<db>/<table>}, {@code userDefinedFunction/<db>/<fn>},
 * {@code connection/<name>} and {@code crawler/<name>}. The resource must exist.
 */
public final class TagOperations {
    private static final Pattern ARN = Pattern.compile("arn:aws(-[a-z-]+)?:glue:([^:]*):([^:]*):(.+)");

    private final GlueCatalog catalog;
    private final Crawlers crawlers;

    public TagOperations(GlueCatalog catalog, Crawlers crawlers) {
        this.catalog = catalog;
        this.crawlers = crawlers;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("TagResource", TagResourceRequest.class, (ctx, in) -> {
            var tags = in.hasTagsToAdd() ? in.tagsToAdd() : null;
            Requests.check().notNull("resourceArn", in.resourceArn()).notNull("tagsToAdd", tags)
                    .size("tagsToAdd", tags, 0, 50).orThrow();
            for (var e : tags.entrySet()) {
                Requests.check().length("tagsToAdd.key", e.getKey(), 1, 128)
                        .length("tagsToAdd.value", e.getValue(), 0, 256).orThrow();
            }
            Scope scope = resolve(new Scope(ctx.accountId(), ctx.region()), in.resourceArn());
            catalog.store().write(() -> {
                String arn = canonical(scope, in.resourceArn());
                var existing = catalog.tags().get(scope, arn);
                long added = tags.keySet().stream().filter(k -> !existing.containsKey(k)).count();
                if (existing.size() + added > 50) {
                    throw GlueErrors.invalidInput("The number of tags on the resource would exceed 50.");
                }
                try (Batch batch = catalog.store().batch()) {
                    catalog.tags().put(batch, scope, arn, tags);
                    batch.commit();
                }
            });
            return TagResourceResponse.builder().build();
        });
        b.operation("UntagResource", UntagResourceRequest.class, (ctx, in) -> {
            List<String> keys = in.hasTagsToRemove() ? in.tagsToRemove() : null;
            Requests.check().notNull("resourceArn", in.resourceArn()).notNull("tagsToRemove", keys)
                    .size("tagsToRemove", keys, 0, 50).orThrow();
            Scope scope = resolve(new Scope(ctx.accountId(), ctx.region()), in.resourceArn());
            catalog.store().write(() -> {
                String arn = canonical(scope, in.resourceArn());
                try (Batch batch = catalog.store().batch()) {
                    catalog.tags().remove(batch, scope, arn, keys);
                    batch.commit();
                }
            });
            return UntagResourceResponse.builder().build();
        });
        b.operation("GetTags", GetTagsRequest.class, (ctx, in) -> {
            Requests.check().notNull("resourceArn", in.resourceArn()).orThrow();
            Scope scope = resolve(new Scope(ctx.accountId(), ctx.region()), in.resourceArn());
            String arn = canonical(scope, in.resourceArn());
            return GetTagsResponse.builder().tags(catalog.tags().get(scope, arn)).build();
        });
    }

    /** The catalog an ARN lives in: it must be the caller's account and region. */
    private static Scope resolve(Scope caller, String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw GlueErrors.invalidInput("Invalid ARN: " + arn);
        }
        if (!m.group(2).equals(caller.region()) || !m.group(3).equals(caller.account())) {
            throw GlueErrors.notFound("Resource " + arn + " not found.");
        }
        return caller;
    }

    /**
     * The ARN under which a resource's tags are kept, with database and table names folded as they are
     * stored; the resource must exist.
     */
    private String canonical(Scope scope, String arn) {
        String[] parts = arn.substring(scope.arn("").length()).split("/", -1);
        switch (parts[0]) {
            case "database" -> {
                if (parts.length == 2) {
                    return Databases.arn(scope, catalog.databases().get(scope, parts[1]).name());
                }
            }
            case "table" -> {
                if (parts.length == 3) {
                    Table t = catalog.tables().get(scope, parts[1], parts[2]);
                    return Tables.arn(scope, t.databaseName(), t.name());
                }
            }
            case "userDefinedFunction" -> {
                if (parts.length == 3) {
                    UserDefinedFunction f = catalog.functions().get(scope, parts[1], parts[2]);
                    return Functions.arn(scope, f.databaseName(), f.functionName());
                }
            }
            case "crawler" -> {
                if (parts.length == 2) {
                    return Crawlers.arn(scope, crawlers.get(scope, parts[1]).name());
                }
            }
            case "connection" -> {
                if (parts.length == 2) {
                    return Connections.arn(scope, catalog.connections().get(scope, parts[1], true).name());
                }
            }
            default -> {
            }
        }
        throw GlueErrors.invalidInput("Invalid ARN: " + arn);
    }
}
