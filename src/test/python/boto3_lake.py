"""boto3 over the lake: CSV files put in S3, a Glue crawler that catalogues them, Athena queries over
the result, as a Python data engineer's pipeline test does it.

Usage: python3 boto3_lake.py ENDPOINT WORKDIR. Prints OK on success; any failure raises.
"""
import sys
import time

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint)
glue = session.client("glue", endpoint_url=endpoint)
athena = session.client("athena", endpoint_url=endpoint)


def wait(what, check, seconds=60):
    deadline = time.time() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.time() < deadline, what + " did not happen in time"
        time.sleep(0.1)


s3.create_bucket(Bucket="boto-lake")
s3.create_bucket(Bucket="boto-results")
for month, rows in (("01", ["1,apple,1.5", "2,pear,2.25"]), ("02", ["3,plum,3.0", "4,fig,0.5", "5,kiwi,4.0"])):
    body = "id,item,score\n" + "\n".join(rows) + "\n"
    s3.put_object(Bucket="boto-lake", Key="events/year=2024/month=%s/part-0.csv" % month, Body=body.encode())

glue.create_database(DatabaseInput={"Name": "boto_lake"})
glue.create_crawler(Name="boto-crawler", Role="arn:aws:iam::000000000000:role/glue", DatabaseName="boto_lake",
                    Targets={"S3Targets": [{"Path": "s3://boto-lake/events/"}]})
glue.start_crawler(Name="boto-crawler")
crawler = wait("the crawl", lambda: (lambda c: c if c["State"] == "READY" and "LastCrawl" in c else None)(
    glue.get_crawler(Name="boto-crawler")["Crawler"]))
assert crawler["LastCrawl"]["Status"] == "SUCCEEDED", crawler["LastCrawl"]

table = glue.get_table(DatabaseName="boto_lake", Name="events")["Table"]
columns = [(c["Name"], c["Type"]) for c in table["StorageDescriptor"]["Columns"]]
assert columns == [("id", "bigint"), ("item", "string"), ("score", "double")], columns
assert [k["Name"] for k in table["PartitionKeys"]] == ["year", "month"], table["PartitionKeys"]
assert table["Parameters"]["classification"] == "csv", table["Parameters"]
partitions = glue.get_partitions(DatabaseName="boto_lake", TableName="events", Expression="month = '02'")["Partitions"]
assert [p["Values"] for p in partitions] == [["2024", "02"]], partitions

started = athena.start_query_execution(
    QueryString="SELECT month, count(*) AS n, sum(score) AS total FROM events GROUP BY month ORDER BY month",
    QueryExecutionContext={"Database": "boto_lake"},
    ResultConfiguration={"OutputLocation": "s3://boto-results/q/"})
qid = started["QueryExecutionId"]
execution = wait("the query", lambda: (lambda q: q if q["Status"]["State"] not in ("QUEUED", "RUNNING") else None)(
    athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]))
assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
rows = []
for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=qid, PaginationConfig={"PageSize": 2}):
    rows.extend([d.get("VarCharValue") for d in r["Data"]] for r in page["ResultSet"]["Rows"])
assert rows == [["month", "n", "total"], ["01", "2", "3.75"], ["02", "3", "7.5"]], rows

failed = athena.start_query_execution(QueryString="SELECT nope FROM events",
                                      QueryExecutionContext={"Database": "boto_lake"},
                                      ResultConfiguration={"OutputLocation": "s3://boto-results/q/"})["QueryExecutionId"]
status = wait("the failing query", lambda: (lambda q: q if q["State"] not in ("QUEUED", "RUNNING") else None)(
    athena.get_query_execution(QueryExecutionId=failed)["QueryExecution"]["Status"]))
assert status["State"] == "FAILED" and "nope" in status["StateChangeReason"], status
try:
    athena.get_query_results(QueryExecutionId=failed)
    raise AssertionError("results of a failed query")
except athena.exceptions.InvalidRequestException as e:
    assert "FAILED" in str(e), str(e)

print("OK")
