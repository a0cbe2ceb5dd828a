/**
 * Time-dependent resource state derived from the injected clock.
 */
package io.lakelet.core.time;
