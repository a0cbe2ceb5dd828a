package io.lakelet.glue.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Names;
import io.lakelet.glue.catalog.Scope;

/**
 * What every catalog operation does before it acts: check the request against Glue's constraints
 * (violations are a ValidationException worded as AWS words them) and resolve the catalog it addresses,
 * which must be the caller's own account.
 */
final class Requests {
    private Requests() {
    }

    /** The caller's catalog; another catalog id is refused as Glue refuses a catalog it may not read. */
    static Scope scope(RequestContext ctx, String catalogId) {
        Scope scope = new Scope(ctx.accountId(), ctx.region());
        if (catalogId != null && !catalogId.equals(ctx.accountId())) {
            Validation.check().length("catalogId", catalogId, 1, 255).orThrow();
            throw GlueErrors.accessDenied(ctx.accountId(), ctx.operation(),
                    "arn:aws:glue:" + ctx.region() + ":" + catalogId + ":catalog");
        }
        return scope;
    }

    static Validation check() {
        return Validation.check();
    }

    /** A required NameString member: present, 1 to 255 characters, one line. */
    static Validation name(Validation v, String member, String value) {
        return v.notNull(member, value).length(member, value, 1, 255).pattern(member, value, Names.SINGLE_LINE);
    }

    /** An optional NameString member. */
    static Validation optionalName(Validation v, String member, String value) {
        return v.length(member, value, 1, 255).pattern(member, value, Names.SINGLE_LINE);
    }

    /** MaxResults within its bounds, or the default page size when absent. */
    static int pageSize(Validation v, Integer maxResults, int max, int defaultSize) {
        v.range("maxResults", maxResults, 1, max).orThrow();
        return maxResults == null ? defaultSize : maxResults;
    }
}
