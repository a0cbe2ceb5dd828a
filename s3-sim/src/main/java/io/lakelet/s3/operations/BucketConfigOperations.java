package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Bucket configurations that are stored and returned: versioning, policy, CORS (also answered on
 * preflight), lifecycle (expiration applied by {@code LifecycleExpirer}) and notifications (refused for SQS,
 * SNS and Lambda destinations, which cannot exist here; Lakelet's own services subscribe to the core
 * event bus instead).
 */
public final class BucketConfigOperations {
    private final ObjectService objects;

    public BucketConfigOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void getVersioning(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        XmlWriter xml = XmlWriter.document("VersioningConfiguration");
        xml.element("Status", b.versioning());
        call.xml(xml);
    }

    public void putVersioning(S3Call call) {
        objects.bucket(call.bucket());
        XmlNode root = call.xmlBody();
        String status = root.childText("Status");
        if (!root.name().equals("VersioningConfiguration") || !("Enabled".equals(status) || "Suspended".equals(status))) {
            throw S3Errors.malformedXml();
        }
        objects.setVersioning(call.bucket(), status);
        call.ok();
    }

    public void getPolicy(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (b.policy() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchBucketPolicy", "The bucket policy does not exist", b.name());
        }
        call.respond(call.status(200).header("Content-Type", "application/json")
                .body(b.policy().getBytes(StandardCharsets.UTF_8)));
    }

    public void putPolicy(S3Call call) {
        objects.bucket(call.bucket());
        String policy = new String(call.request().body().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!policy.startsWith("{") || !validJson(policy)) {
            throw AwsException.client("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
        }
        objects.updateBucket(call.bucket(), b -> b.withPolicy(policy));
        call.noContent();
    }

    public void deletePolicy(S3Call call) {
        objects.updateBucket(call.bucket(), b -> b.withPolicy(null));
        call.noContent();
    }

    public void getCors(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (b.corsXml() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchCORSConfiguration", "The CORS configuration does not exist", b.name());
        }
        CorsRules rules = CorsRules.parse(XmlNode.parse(b.corsXml().getBytes(StandardCharsets.UTF_8)));
        XmlWriter xml = XmlWriter.document("CORSConfiguration");
        for (CorsRules.Rule r : rules.rules()) {
            xml.start("CORSRule");
            r.headers().forEach(h -> xml.element("AllowedHeader", h));
            r.methods().forEach(m -> xml.element("AllowedMethod", m));
            r.origins().forEach(o -> xml.element("AllowedOrigin", o));
            r.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            xml.element("MaxAgeSeconds", r.maxAgeSeconds());
            xml.end();
        }
        call.xml(xml);
    }

    public void putCors(S3Call call) {
        objects.bucket(call.bucket());
        byte[] body = call.request().body().readAllBytes();
        if (body.length == 0) {
            throw S3Errors.malformedXml();
        }
        CorsRules.parse(XmlNode.parse(body));
        String xml = new String(body, StandardCharsets.UTF_8);
        objects.updateBucket(call.bucket(), b -> b.withCors(xml));
        call.ok();
    }

    public void deleteCors(S3Call call) {
        objects.updateBucket(call.bucket(), b -> b.withCors(null));
        call.noContent();
    }

    /** Answers an OPTIONS preflight from the bucket's stored CORS rules. */
    public void preflight(S3Call call) {
        String origin = call.header("Origin");
        String method = call.header("Access-Control-Request-Method");
        if (origin == null || method == null) {
            throw S3Errors.invalidRequest("Insufficient information. Origin request header needed.");
        }
        BucketMeta b = objects.bucket(call.bucket());
        if (b.corsXml() == null) {
            throw corsForbidden("CORSResponse: CORS is not enabled for this bucket.");
        }
        String requested = call.header("Access-Control-Request-Headers");
        List<String> headers = requested == null || requested.isBlank() ? List.of()
                : Arrays.stream(requested.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        CorsRules rules = CorsRules.parse(XmlNode.parse(b.corsXml().getBytes(StandardCharsets.UTF_8)));
        CorsRules.Rule rule = rules.match(origin, method, headers);
        if (rule == null) {
            throw corsForbidden("CORSResponse: This CORS request is not allowed. This is usually because the evalution"
                    + " of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers"
                    + " are not whitelisted by the resource's CORS spec.");
        }
        var r = call.status(200)
                .header("Access-Control-Allow-Origin", rule.origins().contains("*") ? "*" : origin)
                .header("Access-Control-Allow-Methods", String.join(", ", rule.methods()))
                .header("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method")
                .body(new byte[0]);
        if (!headers.isEmpty()) {
            r.header("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (!rule.exposeHeaders().isEmpty()) {
            r.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            r.header("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
        if (!rule.origins().contains("*")) {
            r.header("Access-Control-Allow-Credentials", "true");
        }
        call.respond(r);
    }

    /**
     * The CORS headers S3 adds to an ordinary request that carries an {@code Origin} matching one of the
     * bucket's rules for its method; nothing when the bucket has no rules or none matches.
     */
    public void addCorsHeaders(S3Call call) {
        String origin = call.header("Origin");
        if (origin == null || call.bucket() == null || "OPTIONS".equals(call.request().method())) {
            return;
        }
        BucketMeta b = objects.findBucket(call.bucket()).orElse(null);
        if (b == null || b.corsXml() == null) {
            return;
        }
        CorsRules rules = CorsRules.parse(XmlNode.parse(b.corsXml().getBytes(StandardCharsets.UTF_8)));
        CorsRules.Rule rule = rules.match(origin, call.request().method(), List.of());
        if (rule == null) {
            return;
        }
        List<java.util.Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(java.util.Map.entry("Access-Control-Allow-Origin", rule.origins().contains("*") ? "*" : origin));
        headers.add(java.util.Map.entry("Access-Control-Allow-Methods", String.join(", ", rule.methods())));
        headers.add(java.util.Map.entry("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"));
        if (!rule.exposeHeaders().isEmpty()) {
            headers.add(java.util.Map.entry("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders())));
        }
        if (rule.maxAgeSeconds() != null) {
            headers.add(java.util.Map.entry("Access-Control-Max-Age", rule.maxAgeSeconds().toString()));
        }
        if (!rule.origins().contains("*")) {
            headers.add(java.util.Map.entry("Access-Control-Allow-Credentials", "true"));
        }
        call.addResponseHeaders(headers);
    }

    private static AwsException corsForbidden(String message) {
        return new AwsException("AccessForbidden", 403, message);
    }

    public void getLifecycle(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (b.lifecycleXml() == null) {
            throw S3Errors.noSuchConfiguration("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist",
                    b.name());
        }
        call.respond(call.status(200).header("Content-Type", "application/xml")
                .body(b.lifecycleXml().getBytes(StandardCharsets.UTF_8)));
    }

    public void putLifecycle(S3Call call) {
        objects.bucket(call.bucket());
        XmlNode root = call.xmlBody();
        if (!root.name().equals("LifecycleConfiguration") || root.children("Rule").isEmpty()) {
            throw S3Errors.malformedXml();
        }
        for (XmlNode rule : root.children("Rule")) {
            String status = rule.childText("Status");
            if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
                throw S3Errors.malformedXml();
            }
        }
        io.lakelet.s3.service.LifecycleExpirer.checkSupported(root);
        String xml = new String(call.request().body().readAllBytes(), StandardCharsets.UTF_8);
        objects.updateBucket(call.bucket(), b -> b.withLifecycle(xml));
        call.ok();
    }

    /** The stored notification configuration; an empty one when none was set, as S3 answers. */
    public void getNotification(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (b.notificationXml() == null) {
            call.xml(XmlWriter.document("NotificationConfiguration"));
            return;
        }
        call.respond(call.status(200).header("Content-Type", "application/xml")
                .body(b.notificationXml().getBytes(StandardCharsets.UTF_8)));
    }

    public void putNotification(S3Call call) {
        objects.bucket(call.bucket());
        XmlNode root = call.xmlBody();
        if (!root.name().equals("NotificationConfiguration")) {
            throw S3Errors.malformedXml();
        }
        checkDestinations(call, root);
        String xml = new String(call.request().body().readAllBytes(), StandardCharsets.UTF_8);
        objects.updateBucket(call.bucket(), b -> b.withNotification(root.children().isEmpty() ? null : xml));
        call.ok();
    }

    /**
     * S3 sends a test message to every SQS queue, SNS topic and Lambda function of a notification
     * configuration and refuses the configuration when one cannot be reached. Lakelet runs none of those
     * services, so such a destination can never exist here and the configuration is refused the same way
     * (unless the client asks to skip the check, in which case S3 stores it and deliveries fail, as they
     * do here). EventBridge is not validated by S3 and is accepted.
     */
    private static void checkDestinations(S3Call call, XmlNode root) {
        if ("true".equalsIgnoreCase(call.request().header("x-amz-skip-destination-validation"))) {
            return;
        }
        AwsException error = null;
        int n = 0;
        for (String[] kind : new String[][] {{"QueueConfiguration", "Queue", "queue"},
                {"TopicConfiguration", "Topic", "topic"}, {"CloudFunctionConfiguration", "CloudFunction", "function"}}) {
            for (XmlNode config : root.children(kind[0])) {
                String arn = config.childText(kind[1]);
                if (error == null) {
                    error = AwsException.client("InvalidArgument", "Unable to validate the following destination configurations");
                }
                n++;
                error = error.withField("ArgumentName" + n, arn == null ? "" : arn)
                        .withField("ArgumentValue" + n, "The destination " + kind[2] + " does not exist");
            }
        }
        if (error != null) {
            throw error;
        }
    }

    public void deleteLifecycle(S3Call call) {
        objects.updateBucket(call.bucket(), b -> b.withLifecycle(null));
        call.noContent();
    }

    private static boolean validJson(String text) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
