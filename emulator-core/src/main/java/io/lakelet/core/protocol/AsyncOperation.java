package io.lakelet.core.protocol;

import io.lakelet.core.http.RequestContext;
import java.util.concurrent.CompletionStage;

/** A typed operation that answers later (long polls, waits on other work) without holding a thread. */
@FunctionalInterface
public interface AsyncOperation<I, O> {
    CompletionStage<O> invoke(RequestContext context, I input) throws Exception;
}
