package io.lakelet.s3.store;

import java.util.Map;

/**
 * A bucket: its owner account, region, creation time and the configurations stored on it. Configuration
 * documents (policy, CORS, lifecycle, notification) are kept as the client sent them, except CORS which is also parsed
 * for preflight answers.
 *
 * @param versioning null (never enabled), {@code Enabled} or {@code Suspended}
 */
public record BucketMeta(String name, String account, String region, long created, String versioning,
                         Map<String, String> tags, String policy, String corsXml, String lifecycleXml,
                         String notificationXml) {

    public BucketMeta {
        tags = Ordered.copy(tags);
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    public BucketMeta withVersioning(String v) {
        return new BucketMeta(name, account, region, created, v, tags, policy, corsXml, lifecycleXml, notificationXml);
    }

    public BucketMeta withTags(Map<String, String> t) {
        return new BucketMeta(name, account, region, created, versioning, t, policy, corsXml, lifecycleXml, notificationXml);
    }

    public BucketMeta withPolicy(String p) {
        return new BucketMeta(name, account, region, created, versioning, tags, p, corsXml, lifecycleXml, notificationXml);
    }

    public BucketMeta withCors(String xml) {
        return new BucketMeta(name, account, region, created, versioning, tags, policy, xml, lifecycleXml, notificationXml);
    }

    public BucketMeta withLifecycle(String xml) {
        return new BucketMeta(name, account, region, created, versioning, tags, policy, corsXml, xml, notificationXml);
    }

    public BucketMeta withNotification(String xml) {
        return new BucketMeta(name, account, region, created, versioning, tags, policy, corsXml, lifecycleXml, xml);
    }
}
