package io.lakelet.athena;

import io.lakelet.core.http.RequestContext;

/** The account and region a request acts in; every Athena resource belongs to one. */
public record Scope(String account, String region) {
    public static Scope of(RequestContext ctx) {
        return new Scope(ctx.accountId(), ctx.region());
    }

    public String arn(String resource) {
        return "arn:aws:athena:" + region + ":" + account + ":" + resource;
    }
}
