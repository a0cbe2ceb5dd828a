/**
 * In-process events between services (S3 object events for event-mode crawlers and notifications).
 */
package io.lakelet.core.events;
