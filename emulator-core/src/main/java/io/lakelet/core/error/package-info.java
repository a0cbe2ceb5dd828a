/**
 * The one AWS error type and the errors and validation wording that all services share. Each protocol
 * renders an {@link io.lakelet.core.error.AwsException} its own way; no client error carries a stack trace.
 */
package io.lakelet.core.error;
