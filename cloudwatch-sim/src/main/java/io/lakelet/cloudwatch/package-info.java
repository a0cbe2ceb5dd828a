/**
 * Amazon CloudWatch metrics over awsQuery, rpcv2Cbor and awsJson1_0: PutMetricData, ListMetrics, GetMetricStatistics
 * and GetMetricData, every datum kept in RocksDB so it survives a restart.
 *
 * <p>Where it knowingly differs from CloudWatch: data are kept until reset (no retention tiers, no
 * roll-up of old data to coarser periods); standard-resolution data are not rolled up to one minute, so a
 * high-resolution period over standard data sees each datum; percentiles are exact nearest-rank values over
 * the stored raw values (CloudWatch approximates); metric math expressions in GetMetricData are refused;
 * EntityMetricData are stored as ordinary data (the entity is not kept); ListMetrics lists metrics of the
 * caller's account only (no cross-account observability). Alarms, dashboards, insight rules, metric streams,
 * anomaly detectors and tags answer 501 NotImplementedException.
 */
package io.lakelet.cloudwatch;
