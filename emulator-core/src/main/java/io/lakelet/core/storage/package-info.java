/**
 * The one RocksDB store: keyspaces (column families) per service, atomic batches, ordered scans, and a
 * durability policy. This package is the single owner of every native RocksDB handle.
 */
package io.lakelet.core.storage;
