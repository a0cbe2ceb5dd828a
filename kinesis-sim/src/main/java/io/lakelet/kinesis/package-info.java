/**
 * Kinesis Data Streams for Lakelet: streams, shards and records kept in RocksDB (keyspaces
 * {@code kinesis.streams}, {@code kinesis.accounts} and {@code kinesis.segments}, every key starting with
 * account and region, and {@code kinesis.log.records}, whose keys start with a generation before them:
 * see {@link io.lakelet.kinesis.model.RecordLog}), spoken over awsJson 1.1 and its CBOR twin, with
 * SubscribeToShard as an HTTP/2 event stream.
 *
 * <p>{@code model} holds stored state (streams, shards, the record log, hash ranges, sequence numbers),
 * {@code operations} the API operations, {@code wire} the SDK response shapes, opaque tokens and
 * event-stream framing. Stream states (CREATING, UPDATING, DELETING) are derived from the injected clock
 * and {@code LAKELET_STATE_DELAY_MS}; the shard limit is {@code LAKELET_KINESIS_SHARD_LIMIT} (500).
 *
 * <p>Where this knowingly differs from AWS:
 * <ul>
 *   <li>Sequence numbers are 56 digits ({@code 49}, a stream-wide counter, the shard index) rather than
 *       AWS's internal layout; they grow within a shard and from parents to children as AWS's do, and a
 *       number used on the wrong shard is refused the way AWS refuses it.</li>
 *   <li>UpdateShardCount closes every open shard and creates the target number of evenly split shards at
 *       once (AWS goes through intermediate splits and merges); a new shard names at most two parents in
 *       ParentShardId/AdjacentParentShardId, while ChildShards list every parent.</li>
 *   <li>KMS is not called: StartStreamEncryption records the key and marks new records as KMS-encrypted;
 *       data is stored as sent.</li>
 *   <li>SubscribeToShard checks for new records every 100 ms and sends an event at least every two seconds
 *       (AWS: about every five); subscriptions end after five minutes of the server clock.</li>
 *   <li>A request naming neither StreamName nor StreamARN gets InvalidArgumentException; PutRecords over
 *       5 MiB gets InvalidArgumentException "Records size exceeds 5 MB limit".</li>
 *   <li>SequenceNumberForOrdering is validated and otherwise unused: records of a stream are already
 *       strictly ordered by arrival.</li>
 *   <li>Per-shard throughput limits and the call rate of each operation (as its API reference gives it)
 *       apply only with {@code LAKELET_KINESIS_THROTTLE}, counted in one-second windows where AWS uses
 *       token buckets. "Rate exceeded for account N." (for calls that name no stream) and the wording of
 *       the 24-hour UpdateShardCount limit are Lakelet's; AWS's were not found.</li>
 *   <li>Records past the retention period are hidden from every read at once, but their space is freed a
 *       segment (what a shard wrote in one generation, up to 64 MiB of the store's writes) at a time.</li>
 * </ul>
 */
package io.lakelet.kinesis;
