/**
 * The service SPI: modules found by {@link java.util.ServiceLoader}, started with a context that gives
 * them storage, the clock, executors and ports.
 */
package io.lakelet.core.spi;
