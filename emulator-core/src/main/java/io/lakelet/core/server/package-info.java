/**
 * The Netty server: one port for HTTP/1.1, h2c (prior knowledge and upgrade) and optional TLS with ALPN.
 * The event loop only parses, routes and writes; services run on worker threads.
 */
package io.lakelet.core.server;
