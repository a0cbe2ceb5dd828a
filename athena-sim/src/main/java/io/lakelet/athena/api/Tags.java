package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.storage.Keys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import software.amazon.awssdk.services.athena.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.athena.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.TagResourceRequest;
import software.amazon.awssdk.services.athena.model.TagResourceResponse;
import software.amazon.awssdk.services.athena.model.UntagResourceRequest;
import software.amazon.awssdk.services.athena.model.UntagResourceResponse;

/**
 * Tags of work groups, data catalogs and capacity reservations, keyed by ARN. TagResource on an ARN that
 * names nothing fails with ResourceNotFoundException, as in Athena.
 */
public final class Tags {
    private static final int MAX_TAGS = 50;
    private final AthenaStore store;
    private BiPredicate<Scope, String> exists = (scope, arn) -> false;

    public Tags(AthenaStore store) {
        this.store = store;
    }

    /** How to tell whether an ARN names an existing resource (set once the resources are built). */
    public void resolveWith(BiPredicate<Scope, String> exists) {
        this.exists = exists;
    }

    void set(String arn, List<Tag> tags) {
        byte[] key = Keys.builder().add(arn).build();
        if (tags.isEmpty()) {
            store.tags().delete(key);
        } else {
            AthenaStore.put(store.tags(), key, ListTagsForResourceResponse.builder().tags(tags).build());
        }
    }

    List<Tag> get(String arn) {
        return AthenaStore.get(store.tags(), Keys.builder().add(arn).build(), ListTagsForResourceResponse.class)
                .map(ListTagsForResourceResponse::tags).orElse(List.of());
    }

    private void requireResource(Scope scope, String arn) {
        if (!arn.startsWith(scope.arn("")) || !exists.test(scope, arn)) {
            throw AthenaErrors.resourceNotFound(arn, "Resource " + arn + " not found.");
        }
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("TagResource", TagResourceRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("resourceARN", in.resourceARN()).notNull("tags", in.hasTags() ? in.tags() : null)
                    .length("resourceARN", in.resourceARN(), 1, 1011).orThrow();
            Scope scope = Scope.of(ctx);
            requireResource(scope, in.resourceARN());
            Map<String, String> merged = asMap(get(in.resourceARN()));
            for (Tag t : in.tags()) {
                AthenaErrors.check().length("tags.member.key", t.key(), 1, 128).length("tags.member.value", t.value(), 0, 256)
                        .orThrow();
                merged.put(t.key(), t.value() == null ? "" : t.value());
            }
            if (merged.size() > MAX_TAGS) {
                throw AthenaErrors.invalidRequest("Number of tags exceeds limit of " + MAX_TAGS);
            }
            set(in.resourceARN(), asList(merged));
            return TagResourceResponse.builder().build();
        });
        b.operation("UntagResource", UntagResourceRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("resourceARN", in.resourceARN())
                    .notNull("tagKeys", in.hasTagKeys() ? in.tagKeys() : null).orThrow();
            Scope scope = Scope.of(ctx);
            requireResource(scope, in.resourceARN());
            Map<String, String> merged = asMap(get(in.resourceARN()));
            in.tagKeys().forEach(merged::remove);
            set(in.resourceARN(), asList(merged));
            return UntagResourceResponse.builder().build();
        });
        b.operation("ListTagsForResource", ListTagsForResourceRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("resourceARN", in.resourceARN()).range("maxResults", in.maxResults(), 75, 1000)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            requireResource(scope, in.resourceARN());
            List<Tag> all = get(in.resourceARN());
            Paging.Page<Tag> page = Paging.page(all, Tag::key, in.nextToken(),
                    Optional.ofNullable(in.maxResults()).orElse(1000));
            return ListTagsForResourceResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
        });
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    private static List<Tag> asList(Map<String, String> m) {
        List<Tag> out = new ArrayList<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(Tag.builder().key(e.getKey()).value(e.getValue()).build()));
        return out;
    }
}
