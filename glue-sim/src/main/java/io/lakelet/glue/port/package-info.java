/**
 * glue-sim's side of the catalog port {@link io.lakelet.core.ports.Catalog} (plain records, no SDK types) that
 * Athena and Firehose use through the service context's ports:
 * {@link io.lakelet.glue.port.GlueCatalogPort}, glue-sim's implementation over the same catalog the Glue
 * API serves.
 *
 * <p>Where it knowingly differs from the Glue API: the port carries the fields other services need
 * (columns, partition keys, location, formats, SerDe, parameters, table type, view text) and leaves out
 * the rest (skewed and sort columns, buckets, Lake Formation and federation fields); a table written
 * through the port loses such fields if it had them.
 */
package io.lakelet.glue.port;
