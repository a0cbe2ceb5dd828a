/**
 * HTTP as services see it, free of Netty: requests with aggregated or streamed bodies, responses, and
 * exchanges that may be answered from any thread.
 */
package io.lakelet.core.http;
