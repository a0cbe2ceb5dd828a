/**
 * Classifiers: the custom classifiers a catalog stores (CSV, JSON, Grok, XML) and the classification a
 * crawler applies to each object (custom classifiers first, then the built-in Parquet, JSON and CSV
 * ones), with the Hive types Glue infers and how they widen across records and files.
 *
 * <p>Where it knowingly differs from AWS: the built-in classifiers are Parquet, JSON and CSV (comma,
 * pipe, tab, semicolon, Ctrl-A); Avro, ORC, Ion and the built-in Grok log classifiers (Apache, syslog,
 * ...) are not, and such files are skipped by a crawl and logged. Compressed text is read when it is gzip or bzip2 (not Snappy, LZ4 or zstd).
 * Text values are typed bigint, double, boolean or string (JSON integers int or bigint), as Glue types
 * them; dates and timestamps in text stay strings, as with Glue. Custom CSV classifiers' CustomDatatypes
 * are stored but not applied. XML tables use the Hive XML SerDe's names and parameters.
 */
package io.lakelet.glue.classifier;
