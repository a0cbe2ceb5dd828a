package io.lakelet.core.protocol;

import io.lakelet.core.http.RequestContext;

/**
 * A typed operation: plain Java against the SDK's request class, returning the SDK's response class or
 * throwing an {@link io.lakelet.core.error.AwsException}. Runs on a worker thread.
 */
@FunctionalInterface
public interface Operation<I, O> {
    O invoke(RequestContext context, I input) throws Exception;
}
