// The AWS SDK for JavaScript v3 against Lakelet, as Node users write it.
// Usage: node pipeline.mjs ENDPOINT. Prints OK on success; any failure throws.
import assert from "node:assert/strict";
import { KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand,
  ListShardsCommand, GetShardIteratorCommand, GetRecordsCommand, DeleteStreamCommand } from "@aws-sdk/client-kinesis";
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, ListObjectsV2Command,
  DeleteObjectCommand } from "@aws-sdk/client-s3";

const endpoint = process.argv[2];
const common = { endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };

// Kinesis: the default client speaks HTTP/2 with prior knowledge to an http:// endpoint.
const kinesis = new KinesisClient(common);
await kinesis.send(new CreateStreamCommand({ StreamName: "js-stream", ShardCount: 2 }));
const deadline = Date.now() + 10000;
while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "js-stream" })))
    .StreamDescriptionSummary.StreamStatus !== "ACTIVE") {
  assert.ok(Date.now() < deadline, "stream did not become ACTIVE");
  await new Promise((r) => setTimeout(r, 50));
}
const records = Array.from({ length: 20 }, (_, i) => ({ Data: Buffer.from(`js-${i}`), PartitionKey: `pk-${i}` }));
const put = await kinesis.send(new PutRecordsCommand({ StreamName: "js-stream", Records: records }));
assert.equal(put.FailedRecordCount ?? 0, 0);
const shards = (await kinesis.send(new ListShardsCommand({ StreamName: "js-stream" }))).Shards;
assert.equal(shards.length, 2);
const seen = [];
for (const shard of shards) {
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: "js-stream",
    ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
  const got = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  for (const r of got.Records) seen.push(Buffer.from(r.Data).toString());
}
assert.deepEqual(seen.sort(), records.map((r) => r.Data.toString()).sort());
await assert.rejects(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "absent" })),
  (e) => e.name === "ResourceNotFoundException" && e.message.includes("Stream absent under account 000000000000 not found."));
await kinesis.send(new DeleteStreamCommand({ StreamName: "js-stream" }));
kinesis.destroy();

// S3: path style, with the SDK's default flexible checksums.
const s3 = new S3Client({ ...common, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: "js-bucket" }));
const body = Buffer.alloc(2 * 1024 * 1024 + 3, 7);
await s3.send(new PutObjectCommand({ Bucket: "js-bucket", Key: "a/b.bin", Body: body, ContentType: "application/x-test" }));
const got = await s3.send(new GetObjectCommand({ Bucket: "js-bucket", Key: "a/b.bin" }));
assert.equal(got.ContentType, "application/x-test");
assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(body));
const list = await s3.send(new ListObjectsV2Command({ Bucket: "js-bucket", Prefix: "a/" }));
assert.deepEqual(list.Contents.map((o) => o.Key), ["a/b.bin"]);
await s3.send(new DeleteObjectCommand({ Bucket: "js-bucket", Key: "a/b.bin" }));
await assert.rejects(s3.send(new GetObjectCommand({ Bucket: "js-bucket", Key: "a/b.bin" })),
  (e) => e.name === "NoSuchKey");
s3.destroy();

console.log("OK");
