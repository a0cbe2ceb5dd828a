package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.AddTagsToStreamRequest;
import software.amazon.awssdk.services.kinesis.model.AddTagsToStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.kinesis.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamRequest;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.RemoveTagsFromStreamRequest;
import software.amazon.awssdk.services.kinesis.model.RemoveTagsFromStreamResponse;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.TagResourceRequest;
import software.amazon.awssdk.services.kinesis.model.TagResourceResponse;
import software.amazon.awssdk.services.kinesis.model.UntagResourceRequest;
import software.amazon.awssdk.services.kinesis.model.UntagResourceResponse;

/** Stream tags, by stream (AddTagsToStream...) and by resource ARN (TagResource...); at most 50 per stream. */
public final class TagOperations {
    static final int MAX_TAGS = 50;

    private final KinesisRuntime rt;

    public TagOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("AddTagsToStream", AddTagsToStreamRequest.class, (ctx, in) -> {
            Map<String, String> tags = in.hasTags() ? in.tags() : null;
            Validation v = Validation.check().notNull("tags", tags).size("tags", tags, 1, 10);
            KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
            add(rt.find(ctx, in.streamName(), in.streamARN()), tags);
            return AddTagsToStreamResponse.builder().build();
        }).operation("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, (ctx, in) -> {
            List<String> keys = in.hasTagKeys() ? in.tagKeys() : null;
            Validation v = Validation.check().notNull("tagKeys", keys).size("tagKeys", keys, 1, 10);
            KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
            remove(rt.find(ctx, in.streamName(), in.streamARN()), keys);
            return RemoveTagsFromStreamResponse.builder().build();
        }).operation("ListTagsForStream", ListTagsForStreamRequest.class, this::listForStream)
                .operation("TagResource", TagResourceRequest.class, (ctx, in) -> {
                    Map<String, String> tags = in.hasTags() ? in.tags() : null;
                    Validation.check().notNull("resourceARN", in.resourceARN()).notNull("tags", tags)
                            .size("tags", tags, 1, MAX_TAGS).orThrow();
                    add(rt.find(ctx, null, in.resourceARN()), tags);
                    return TagResourceResponse.builder().build();
                })
                .operation("UntagResource", UntagResourceRequest.class, (ctx, in) -> {
                    List<String> keys = in.hasTagKeys() ? in.tagKeys() : null;
                    Validation.check().notNull("resourceARN", in.resourceARN()).notNull("tagKeys", keys)
                            .size("tagKeys", keys, 1, MAX_TAGS).orThrow();
                    remove(rt.find(ctx, null, in.resourceARN()), keys);
                    return UntagResourceResponse.builder().build();
                })
                .operation("ListTagsForResource", ListTagsForResourceRequest.class, (ctx, in) -> {
                    Validation.check().notNull("resourceARN", in.resourceARN()).orThrow();
                    Stream s = rt.find(ctx, null, in.resourceARN());
                    synchronized (s) {
                        return ListTagsForResourceResponse.builder().tags(tags(s.tags())).build();
                    }
                });
    }

    private void add(Stream s, Map<String, String> tags) {
        Validation v = Validation.check();
        tags.forEach((k, val) -> v.length("tags.key", k, 1, 128).length("tags.value", val, 0, 256));
        v.orThrow();
        synchronized (s) {
            long added = tags.keySet().stream().filter(k -> !s.tags().containsKey(k)).count();
            if (s.tags().size() + added > MAX_TAGS) {
                throw KinesisErrors.invalidArgument("Failed to add tags to stream " + s.name() + " under account "
                        + s.account() + " because a given stream cannot have more than " + MAX_TAGS + " tags.");
            }
            s.tags().putAll(tags);
            rt.catalog().save(s);
        }
    }

    private void remove(Stream s, List<String> keys) {
        synchronized (s) {
            keys.forEach(s.tags()::remove);
            rt.catalog().save(s);
        }
    }

    ListTagsForStreamResponse listForStream(RequestContext ctx, ListTagsForStreamRequest in) {
        Validation v = Validation.check().range("limit", in.limit(), 1, MAX_TAGS)
                .length("exclusiveStartTagKey", in.exclusiveStartTagKey(), 1, 128);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        int limit = in.limit() == null ? MAX_TAGS : in.limit();
        synchronized (s) {
            Map<String, String> after = in.exclusiveStartTagKey() == null ? s.tags()
                    : s.tags().tailMap(in.exclusiveStartTagKey(), false);
            List<Tag> all = tags(after);
            return ListTagsForStreamResponse.builder()
                    .tags(all.subList(0, Math.min(limit, all.size())))
                    .hasMoreTags(all.size() > limit)
                    .build();
        }
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }
}
