package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Keys;

/**
 * The catalog a request addresses: one per account and region, as in Glue, where the catalog id is the
 * account id.
 */
public record Scope(String account, String region) {

    /** A key that starts with this scope, as every Glue key does. */
    public Keys key() {
        return Keys.scoped(account, region);
    }

    /** {@code arn:aws:glue:<region>:<account>:<resource>}. */
    public String arn(String resource) {
        return "arn:aws:glue:" + region + ":" + account + ":" + resource;
    }
}
