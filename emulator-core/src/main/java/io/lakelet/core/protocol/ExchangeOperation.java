package io.lakelet.core.protocol;

import io.lakelet.core.http.Exchange;

/**
 * A typed operation that writes its own response on the exchange: event streams such as Kinesis
 * SubscribeToShard. The codec has decoded the input; the operation answers exactly once.
 */
@FunctionalInterface
public interface ExchangeOperation<I> {
    void invoke(Exchange exchange, I input) throws Exception;
}
