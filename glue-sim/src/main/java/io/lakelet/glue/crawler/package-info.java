/**
 * Glue crawlers: definitions, runs, schedules and the crawl itself. A crawl lists its S3 targets through
 * the {@code ObjectStore} port, classifies each object from its first 64 KiB (or its Parquet footer) on a
 * pool of reader threads, lays the files out as tables and partitions as Glue does (compatible folders
 * become one table, {@code key=value} folders named partition keys, other folders
 * {@code partition_N}), and writes them through the catalog's Tables and Partitions under the crawler's
 * SchemaChangePolicy, RecrawlPolicy and Configuration.
 *
 * <p>Where it knowingly differs from AWS:
 * <ul>
 *   <li>Only S3 targets are crawled. JDBC, DynamoDB, MongoDB, Data Catalog, Delta, Iceberg and Hudi targets
 *       are stored as given, but a crawl over them ends FAILED with a message saying why.</li>
 *   <li>A crawler whose database does not exist creates it on its first crawl.</li>
 *   <li>Schedules never show TRANSITIONING: Start/StopCrawlerSchedule take effect at once. A schedule
 *       that fires while its crawler runs is skipped. The scheduler looks at the server's clock every
 *       {@code LAKELET_GLUE_CRAWLER_SCHEDULER_TICK_MS} (1 s); a missed firing runs once.</li>
 *   <li>Event mode needs no SQS queue: S3 ObjectCreated events come from the in-process event bus, and
 *       EventQueueArn/DlqEventQueueArn are stored but not used. The first crawl (and any crawl before a
 *       successful one) crawls everything.</li>
 *   <li>Crawls take seconds, not minutes; {@code LAKELET_GLUE_CRAWLER_MIN_RUN_MS} makes each last at
 *       least that long so that clients which poll can see RUNNING. Logs go to Lakelet's log, not to
 *       CloudWatch; LastCrawl's LogGroup, LogStream and MessagePrefix are named as Glue names them.</li>
 *   <li>Schema similarity is Lakelet's reading of Glue's rule: files share a table when their format
 *       matches and at least 70% of the merged column names appear in each file. A crawler's tables are
 *       matched to earlier runs by name and location; another table of the same name gets a hash suffix.</li>
 *   <li>The wording of errors that Glue does not document (invalid schedules, configuration options,
 *       state conflicts) is Lakelet's own, in Glue's style.</li>
 *   <li>Lake Formation credentials, lineage, security configurations and CreatePartitionIndex's index
 *       name ({@code crawler_partition_index}) are Lakelet's choices or stored only.</li>
 * </ul>
 */
package io.lakelet.glue.crawler;
