package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Request;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag sets: read from {@code x-amz-tagging} or a {@code <Tagging>} document, checked, written back as XML. */
final class Tagging {
    static final int MAX_OBJECT_TAGS = 10;
    static final int MAX_BUCKET_TAGS = 50;

    private Tagging() {
    }

    static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        Request.parseQuery(header).forEach((k, v) -> tags.put(k, v.isEmpty() ? "" : v.get(0)));
        check(tags, MAX_OBJECT_TAGS, "Object tags cannot be greater than 10");
        return tags;
    }

    static Map<String, String> fromXml(XmlNode root, int max, String tooMany) {
        if (!root.name().equals("Tagging") || root.child("TagSet") == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        List<XmlNode> list = root.child("TagSet").children("Tag");
        for (XmlNode t : list) {
            String key = t.child("Key") == null ? null : t.child("Key").rawText();
            String value = t.child("Value") == null ? "" : t.child("Value").rawText();
            if (key == null) {
                throw S3Errors.malformedXml();
            }
            if (tags.put(key, value) != null) {
                throw invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        check(tags, max, tooMany);
        return tags;
    }

    private static void check(Map<String, String> tags, int max, String tooMany) {
        if (tags.size() > max) {
            throw invalidTag(tooMany);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().codePointCount(0, t.getKey().length()) > 128) {
                throw invalidTag("The TagKey you have provided is invalid");
            }
            if (t.getValue().codePointCount(0, t.getValue().length()) > 256) {
                throw invalidTag("The TagValue you have provided is invalid");
            }
            if (t.getKey().startsWith("aws:")) {
                throw invalidTag("System tags cannot be added/updated by requester");
            }
        }
    }

    private static AwsException invalidTag(String message) {
        return AwsException.client("InvalidTag", message);
    }

    static XmlWriter toXml(Map<String, String> tags) {
        XmlWriter xml = XmlWriter.document("Tagging").start("TagSet");
        tags.forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
        return xml.end();
    }
}
