/**
 * Lakelet's core: the one-port server, routing, protocol codecs, errors, storage and the service SPI.
 * {@link io.lakelet.core.Lakelet} is the main class.
 */
package io.lakelet.core;
