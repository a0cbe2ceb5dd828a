package io.lakelet.core.http;

import java.time.Instant;

/**
 * Who is calling and where: the request id given to this request, the account (from a 12-digit access
 * key, else the default), the region (from the signing scope, else the default), and the operation once
 * the service has decoded it (for the request log).
 */
public final class RequestContext {
    private final String requestId;
    private final String accountId;
    private final String region;
    private final String accessKeyId;
    private final String serviceId;
    private final Instant received;
    private volatile String operation;

    public RequestContext(String requestId, String accountId, String region, String accessKeyId,
                          String serviceId, Instant received) {
        this.requestId = requestId;
        this.accountId = accountId;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.serviceId = serviceId;
        this.received = received;
    }

    public String requestId() {
        return requestId;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** The access key the request was signed with, or null for an unsigned request. */
    public String accessKeyId() {
        return accessKeyId;
    }

    public String serviceId() {
        return serviceId;
    }

    public Instant received() {
        return received;
    }

    public String operation() {
        return operation;
    }

    public void operation(String name) {
        this.operation = name;
    }

    /** An ARN in this context's partition, region and account: {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
