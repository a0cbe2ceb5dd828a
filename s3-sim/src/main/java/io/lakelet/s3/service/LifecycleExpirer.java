package io.lakelet.s3.service;

import io.lakelet.core.error.AwsException;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.Listing;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.UploadMeta;
import io.lakelet.s3.store.VersionStore;
import io.lakelet.s3.wire.XmlNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies lifecycle rules by the server's clock: {@code Expiration} by {@code Days} (at the first midnight
 * UTC after that many days, as S3 rounds) or {@code Date}, {@code ExpiredObjectDeleteMarker},
 * {@code NoncurrentVersionExpiration} ({@code NoncurrentDays}, {@code NewerNoncurrentVersions}) and
 * {@code AbortIncompleteMultipartUpload}. Rules select objects by prefix, tags and size
 * ({@code Filter} with {@code Prefix}, {@code Tag}, {@code ObjectSizeGreaterThan},
 * {@code ObjectSizeLessThan} or an {@code And} of them, or the legacy rule-level {@code Prefix}).
 * Transitions are refused when the configuration is put ({@link #checkSupported}): objects have one
 * storage class here.
 */
public final class LifecycleExpirer {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleExpirer.class);
    private static final long DAY = 86_400_000L;

    /** Which objects a rule applies to. */
    record Filter(String prefix, Map<String, String> tags, Long sizeGreaterThan, Long sizeLessThan) {
        boolean matches(ObjectMeta m) {
            if (!m.key().startsWith(prefix)) {
                return false;
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!t.getValue().equals(m.tags().get(t.getKey()))) {
                    return false;
                }
            }
            return (sizeGreaterThan == null || m.size() > sizeGreaterThan)
                    && (sizeLessThan == null || m.size() < sizeLessThan);
        }
    }

    /** One enabled rule, as far as it is applied. */
    record Rule(Filter filter, Integer days, Instant date, boolean expiredObjectDeleteMarker, Integer noncurrentDays,
                Integer newerNoncurrentVersions, Integer abortUploadDays) {
        String prefix() {
            return filter.prefix();
        }
    }

    private final ObjectService objects;
    private final MultipartService multipart;

    public LifecycleExpirer(ObjectService objects, MultipartService multipart) {
        this.objects = objects;
        this.multipart = multipart;
    }

    /**
     * Refuses what this class would not apply, with the error S3 gives for the same mistakes where S3 has
     * one: transitions (NotImplemented, naming the rule), and tag filters on actions S3 forbids them with.
     */
    public static void checkSupported(XmlNode configuration) {
        for (XmlNode r : configuration.children("Rule")) {
            String id = r.childText("ID") == null ? "" : r.childText("ID");
            if (r.child("Transition") != null || r.child("NoncurrentVersionTransition") != null) {
                throw new AwsException("NotImplemented", 501, "Lakelet does not apply lifecycle transitions (rule '" + id
                        + "'): objects have a single storage class here. Use Expiration actions, or leave the "
                        + "transition out of the configuration you test with.");
            }
            Filter f = filter(r);
            XmlNode expiration = r.child("Expiration");
            if (!f.tags().isEmpty() && r.child("AbortIncompleteMultipartUpload") != null) {
                throw S3Errors.invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.");
            }
            if (!f.tags().isEmpty() && expiration != null && expiration.child("ExpiredObjectDeleteMarker") != null) {
                throw S3Errors.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.");
            }
        }
    }

    /** Runs every bucket's rules once; returns the number of objects, versions and uploads removed. */
    public int sweep() {
        int removed = 0;
        long now = objects.clock().millis();
        for (BucketMeta bucket : objects.allBuckets()) {
            if (bucket.lifecycleXml() == null) {
                continue;
            }
            try {
                for (Rule rule : rules(bucket.lifecycleXml())) {
                    removed += expireObjects(bucket, rule, now) + expireVersions(bucket, rule, now)
                            + abortUploads(bucket, rule, now);
                }
            } catch (RuntimeException e) {
                LOG.warn("applying the lifecycle rules of bucket {} failed: {}", bucket.name(), e.toString());
            }
        }
        return removed;
    }

    private int expireObjects(BucketMeta bucket, Rule rule, long now) {
        if (rule.days() == null && rule.date() == null) {
            return 0;
        }
        List<String> expired = new ArrayList<>();
        String after = null;
        Listing page;
        do {
            page = objects.list(bucket.name(), rule.prefix(), null, after, 1000);
            for (ObjectMeta m : page.objects()) {
                if (rule.filter().matches(m) && expires(rule, m.lastModified(), now)) {
                    expired.add(m.key());
                }
                after = m.key();
            }
        } while (page.truncated());
        for (String key : expired) {
            objects.delete(bucket, key);
        }
        return expired.size();
    }

    /**
     * Noncurrent versions older than NoncurrentDays (counted from when a newer version replaced them),
     * beyond the NewerNoncurrentVersions to keep; and delete markers left as the only version of a key.
     */
    private int expireVersions(BucketMeta bucket, Rule rule, long now) {
        if (rule.noncurrentDays() == null && !rule.expiredObjectDeleteMarker()) {
            return 0;
        }
        Set<String> keys = new LinkedHashSet<>();
        String keyMarker = null;
        String versionMarker = null;
        VersionStore.Page page;
        do {
            page = objects.versions().list(bucket.name(), rule.prefix(), null, keyMarker, versionMarker, 1000);
            page.versions().forEach(v -> keys.add(v.meta().key()));
            keyMarker = page.nextKey();
            versionMarker = page.nextVersionId();
        } while (page.truncated());
        int removed = 0;
        for (String key : keys) {
            List<VersionStore.Version> all = objects.versions().of(bucket.name(), key);
            if (rule.noncurrentDays() != null) {
                int keep = rule.newerNoncurrentVersions() == null ? 0 : rule.newerNoncurrentVersions();
                int noncurrentSeen = 0;
                for (int i = 1; i < all.size(); i++) {
                    ObjectMeta v = all.get(i).meta();
                    long noncurrentSince = all.get(i - 1).meta().lastModified();
                    noncurrentSeen++;
                    if (noncurrentSeen > keep && (v.deleteMarker() || rule.filter().matches(v))
                            && midnightAfter(noncurrentSince + rule.noncurrentDays() * DAY) <= now) {
                        objects.delete(bucket, key, v.versionId());
                        removed++;
                    }
                }
                all = objects.versions().of(bucket.name(), key);
            }
            if (rule.expiredObjectDeleteMarker() && all.size() == 1 && all.get(0).meta().deleteMarker()) {
                objects.delete(bucket, key, all.get(0).meta().versionId());
                removed++;
            }
        }
        return removed;
    }

    private int abortUploads(BucketMeta bucket, Rule rule, long now) {
        if (rule.abortUploadDays() == null) {
            return 0;
        }
        int n = 0;
        for (UploadMeta u : multipart.list(bucket.name(), rule.prefix())) {
            if (midnightAfter(u.initiated() + rule.abortUploadDays() * DAY) <= now) {
                multipart.abort(u);
                n++;
            }
        }
        return n;
    }

    static boolean expires(Rule rule, long lastModified, long now) {
        if (rule.date() != null) {
            return now >= rule.date().toEpochMilli();
        }
        return midnightAfter(lastModified + rule.days() * DAY) <= now;
    }

    /** S3 rounds expiration times up to the next midnight UTC. */
    static long midnightAfter(long millis) {
        long day = Math.floorDiv(millis, DAY) * DAY;
        return day == millis ? millis : day + DAY;
    }

    /** The enabled rules of a lifecycle document. */
    static List<Rule> rules(String xml) {
        List<Rule> out = new ArrayList<>();
        for (XmlNode r : XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8)).children("Rule")) {
            if (!"Enabled".equals(r.childText("Status"))) {
                continue;
            }
            XmlNode expiration = r.child("Expiration");
            Integer days = expiration == null ? null : integer(expiration.childText("Days"));
            Instant date = expiration == null ? null : date(expiration.childText("Date"));
            boolean marker = expiration != null && "true".equals(expiration.childText("ExpiredObjectDeleteMarker"));
            XmlNode noncurrent = r.child("NoncurrentVersionExpiration");
            XmlNode abort = r.child("AbortIncompleteMultipartUpload");
            out.add(new Rule(filter(r), days, date, marker,
                    noncurrent == null ? null : integer(noncurrent.childText("NoncurrentDays")),
                    noncurrent == null ? null : integer(noncurrent.childText("NewerNoncurrentVersions")),
                    abort == null ? null : integer(abort.childText("DaysAfterInitiation"))));
        }
        return out;
    }

    private static Filter filter(XmlNode rule) {
        XmlNode f = rule.child("Filter");
        if (f == null) {
            String prefix = rule.childText("Prefix");
            return new Filter(prefix == null ? "" : prefix, Map.of(), null, null);
        }
        XmlNode and = f.child("And");
        XmlNode where = and != null ? and : f;
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlNode tag : where.children("Tag")) {
            tags.put(tag.childText("Key"), tag.childText("Value") == null ? "" : tag.childText("Value"));
        }
        String prefix = where.childText("Prefix");
        return new Filter(prefix == null ? "" : prefix, tags, longValue(where.childText("ObjectSizeGreaterThan")),
                longValue(where.childText("ObjectSizeLessThan")));
    }

    private static Long longValue(String v) {
        try {
            return v == null ? null : Long.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String v) {
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant date(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v.substring(0, Math.min(10, v.length()))).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
