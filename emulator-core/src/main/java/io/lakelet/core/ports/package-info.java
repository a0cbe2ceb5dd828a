/**
 * Ports: interfaces through which services use each other without importing each other. Each is
 * provided by one service module and found through {@link io.lakelet.core.spi.Ports}.
 */
package io.lakelet.core.ports;
