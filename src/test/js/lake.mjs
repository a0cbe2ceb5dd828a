// The AWS SDK for JavaScript v3 over the lake: JSON lines put in S3, a table defined with the Glue API,
// Athena queries read with the paginator, as a Node service (or Lambda) does it.
// Usage: node lake.mjs ENDPOINT. Prints OK on success; any failure throws.
import assert from "node:assert/strict";
import { S3Client, CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GlueClient, CreateDatabaseCommand, CreateTableCommand, GetTableCommand } from "@aws-sdk/client-glue";
import { AthenaClient, StartQueryExecutionCommand, GetQueryExecutionCommand, paginateGetQueryResults,
  InvalidRequestException } from "@aws-sdk/client-athena";

const endpoint = process.argv[2];
const common = { endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
const s3 = new S3Client({ ...common, forcePathStyle: true });
const glue = new GlueClient(common);
const athena = new AthenaClient(common);

await s3.send(new CreateBucketCommand({ Bucket: "js-lake" }));
await s3.send(new CreateBucketCommand({ Bucket: "js-results" }));
const lines = Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({ id: i, visitor: { name: `u${i % 3}`, tier: i % 2 === 0 ? "gold" : "basic" }, tags: [`t${i % 4}`] }));
await s3.send(new PutObjectCommand({ Bucket: "js-lake", Key: "clicks/part-0.json", Body: lines.join("\n") + "\n" }));

await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "js_lake" } }));
await glue.send(new CreateTableCommand({ DatabaseName: "js_lake", TableInput: {
  Name: "clicks", TableType: "EXTERNAL_TABLE", Parameters: { classification: "json" },
  StorageDescriptor: {
    Location: "s3://js-lake/clicks/",
    Columns: [{ Name: "id", Type: "int" }, { Name: "visitor", Type: "struct<name:string,tier:string>" },
      { Name: "tags", Type: "array<string>" }],
    InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
    OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
  } } }));
const table = (await glue.send(new GetTableCommand({ DatabaseName: "js_lake", Name: "clicks" }))).Table;
assert.equal(table.StorageDescriptor.Columns.length, 3);

async function run(sql) {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: sql,
    QueryExecutionContext: { Database: "js_lake" }, ResultConfiguration: { OutputLocation: "s3://js-results/q/" } }));
  const deadline = Date.now() + 60000;
  for (;;) {
    const q = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution;
    if (q.Status.State !== "QUEUED" && q.Status.State !== "RUNNING") {
      return q;
    }
    assert.ok(Date.now() < deadline, "query did not finish");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const q = await run("SELECT visitor.tier AS tier, count(*) AS n, max(id) AS top FROM clicks "
  + "WHERE contains(tags, 't0') OR visitor.name = 'u1' GROUP BY visitor.tier ORDER BY tier");
assert.equal(q.Status.State, "SUCCEEDED", q.Status.StateChangeReason);
const rows = [];
for await (const page of paginateGetQueryResults({ client: athena, pageSize: 1 }, { QueryExecutionId: q.QueryExecutionId })) {
  rows.push(...page.ResultSet.Rows.map((r) => r.Data.map((d) => d.VarCharValue ?? null)));
}
// ids with tag t0 (i % 4 == 0) or name u1 (i % 3 == 1): gold are even ids, basic odd.
const ids = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 4 === 0 || i % 3 === 1);
const gold = ids.filter((i) => i % 2 === 0);
const basic = ids.filter((i) => i % 2 === 1);
assert.deepEqual(rows, [["tier", "n", "top"], ["basic", String(basic.length), String(Math.max(...basic))],
  ["gold", String(gold.length), String(Math.max(...gold))]]);

const failed = await run("SELECT * FROM no_such_table");
assert.equal(failed.Status.State, "FAILED");
assert.match(failed.Status.StateChangeReason, /TABLE_NOT_FOUND/);
await assert.rejects(athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT 1" })),
  (e) => e instanceof InvalidRequestException && /No output location provided/.test(e.message));

console.log("OK");
