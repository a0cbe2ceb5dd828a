"""boto3 against Lakelet: S3 upload/download and Kinesis put/get, as a Python user writes them.

Usage: python3 boto3_pipeline.py ENDPOINT WORKDIR. Prints OK on success; any failure raises.
"""
import hashlib
import os
import sys
import time

import boto3

endpoint, workdir = sys.argv[1], sys.argv[2]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")

s3 = session.client("s3", endpoint_url=endpoint)
s3.create_bucket(Bucket="boto-bucket")
src = os.path.join(workdir, "up.bin")
with open(src, "wb") as f:
    f.write(os.urandom(12 * 1024 * 1024 + 5))
s3.upload_file(src, "boto-bucket", "dir/up.bin")
dst = os.path.join(workdir, "down.bin")
s3.download_file("boto-bucket", "dir/up.bin", dst)
with open(src, "rb") as a, open(dst, "rb") as b:
    assert hashlib.sha256(a.read()).digest() == hashlib.sha256(b.read()).digest(), "downloaded bytes differ"
listing = s3.list_objects_v2(Bucket="boto-bucket", Prefix="dir/")
assert [o["Key"] for o in listing["Contents"]] == ["dir/up.bin"], listing
try:
    s3.head_object(Bucket="boto-bucket", Key="missing")
    raise AssertionError("head of a missing key succeeded")
except s3.exceptions.ClientError as e:
    assert e.response["Error"]["Code"] == "404", e.response

kinesis = session.client("kinesis", endpoint_url=endpoint)
kinesis.create_stream(StreamName="boto-stream", ShardCount=1)
deadline = time.time() + 10
while kinesis.describe_stream_summary(StreamName="boto-stream")["StreamDescriptionSummary"]["StreamStatus"] != "ACTIVE":
    assert time.time() < deadline, "stream did not become ACTIVE"
    time.sleep(0.05)
put = kinesis.put_records(StreamName="boto-stream",
                          Records=[{"Data": b"r%d" % i, "PartitionKey": "p%d" % i} for i in range(10)])
assert put["FailedRecordCount"] == 0, put
shard = kinesis.list_shards(StreamName="boto-stream")["Shards"][0]["ShardId"]
it = kinesis.get_shard_iterator(StreamName="boto-stream", ShardId=shard,
                                ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
records = kinesis.get_records(ShardIterator=it)["Records"]
assert [r["Data"] for r in records] == [b"r%d" % i for i in range(10)], records
try:
    kinesis.describe_stream(StreamName="absent")
    raise AssertionError("describe of a missing stream succeeded")
except kinesis.exceptions.ResourceNotFoundException as e:
    assert "Stream absent under account 000000000000 not found." in str(e), str(e)

print("OK")
