package io.lakelet.s3.service;

import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.Listing;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.UploadMeta;
import io.lakelet.s3.wire.XmlNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the expiration actions of lifecycle rules by the server's clock: {@code Expiration} by
 * {@code Days} (at the first midnight UTC after that many days, as S3 rounds) or {@code Date}, and
 * {@code AbortIncompleteMultipartUpload}. Rules are matched by prefix ({@code Filter/Prefix} or the
 * legacy {@code Prefix}); rules with tag or size filters, transitions and noncurrent-version actions are
 * stored but not applied.
 */
public final class LifecycleExpirer {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleExpirer.class);
    private static final long DAY = 86_400_000L;

    /** One rule as far as it is applied. */
    record Rule(String prefix, Integer days, Instant date, Integer abortUploadDays) {
    }

    private final ObjectService objects;
    private final MultipartService multipart;

    public LifecycleExpirer(ObjectService objects, MultipartService multipart) {
        this.objects = objects;
        this.multipart = multipart;
    }

    /** Runs every bucket's rules once; returns the number of objects and uploads removed. */
    public int sweep() {
        int removed = 0;
        long now = objects.clock().millis();
        for (BucketMeta bucket : objects.allBuckets()) {
            if (bucket.lifecycleXml() == null) {
                continue;
            }
            try {
                for (Rule rule : rules(bucket.lifecycleXml())) {
                    removed += expireObjects(bucket, rule, now) + abortUploads(bucket, rule, now);
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
                if (expires(rule, m.lastModified(), now)) {
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

    /** The enabled rules of a lifecycle document that this class applies. */
    static List<Rule> rules(String xml) {
        List<Rule> out = new ArrayList<>();
        for (XmlNode r : XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8)).children("Rule")) {
            if (!"Enabled".equals(r.childText("Status"))) {
                continue;
            }
            XmlNode filter = r.child("Filter");
            if (filter != null && (filter.child("Tag") != null || filter.child("And") != null
                    || filter.child("ObjectSizeGreaterThan") != null || filter.child("ObjectSizeLessThan") != null)) {
                continue;
            }
            String prefix = filter != null ? filter.childText("Prefix") : r.childText("Prefix");
            XmlNode expiration = r.child("Expiration");
            Integer days = expiration == null ? null : integer(expiration.childText("Days"));
            Instant date = expiration == null ? null : date(expiration.childText("Date"));
            XmlNode abort = r.child("AbortIncompleteMultipartUpload");
            Integer abortDays = abort == null ? null : integer(abort.childText("DaysAfterInitiation"));
            out.add(new Rule(prefix == null ? "" : prefix, days, date, abortDays));
        }
        return out;
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
