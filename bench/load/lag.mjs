// Projection lag from commit to visible, under a steady background of commands. A probe product
// gets a stock adjustment every 1/probes s; a subscription on the query-app reports each version
// once the read model and cache hold it. Lag = wall clock at the notification minus the event's
// own time (the product's updatedAt, stamped by the command-app as it appends); both ends read
// the same machine clock. Prints one JSON line with percentiles and the series.
//
//   node bench/load/lag.mjs --command URL --query URL --fixture FILE --seconds S --rate R [--probes P]
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
const autocannon = require("autocannon");
const { createClient } = require("graphql-ws");
const WebSocket = require("ws");

const { values } = parseArgs({ options: {
  command: { type: "string" }, query: { type: "string" }, fixture: { type: "string" },
  seconds: { type: "string" }, rate: { type: "string" }, probes: { type: "string", default: "20" },
} });
const fixture = JSON.parse(readFileSync(values.fixture, "utf8"));
const seconds = Number(values.seconds);
const probe = fixture.probeProduct;

const samples = [];
const started = Date.now();
const authorization = `Bearer ${process.env.BENCH_TOKEN}`;
const client = createClient({ url: values.query.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false,
  connectionParams: { Authorization: authorization } });
let subscribed;
const ready = new Promise((resolve) => { subscribed = resolve; });
const unsubscribe = client.subscribe(
  { query: `subscription { productChanged(id: "${probe}") { version updatedAt } }` },
  {
    next: ({ data }) => {
      const now = Date.now();
      samples.push({ t: (now - started) / 1000, lagMs: now - Date.parse(data.productChanged.updatedAt) });
    },
    error: (error) => { console.error("subscription failed", error); process.exit(1); },
    complete: () => {},
  });
client.on("connected", () => setTimeout(subscribed, 200));
await ready;

const background = autocannon({
  url: values.command, connections: 16, duration: seconds, overallRate: Number(values.rate), method: "POST",
  headers: { "content-type": "application/json", authorization },
  requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ query:
    `mutation { addToCart(input: {customerId: "${randomUUID()}", productId: "${fixture.products[0]}", quantity: 1}) { version } }` }) }) }],
});

const probeEvery = 1000 / Number(values.probes);
const deadline = Date.now() + seconds * 1000;
let failedProbes = 0;
while (Date.now() < deadline) {
  const next = Date.now() + probeEvery;
  const response = await fetch(values.command, {
    method: "POST", headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query: `mutation { adjustStock(input: {productId: "${probe}", delta: 1, reason: "lag probe"}) { version } }` }),
  }).then((r) => r.json()).catch(() => null);
  if (!response?.data) failedProbes++;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
}
const backgroundResult = await background;
await new Promise((resolve) => setTimeout(resolve, 1000)); // the last notifications
unsubscribe();
await client.dispose();

const sorted = samples.map((s) => s.lagMs).sort((a, b) => a - b);
const at = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
console.log(JSON.stringify({
  scenario: "lag", seconds, samples: samples.length, failedProbes,
  backgroundRps: backgroundResult.requests.total / (backgroundResult.duration || seconds),
  backgroundErrors: backgroundResult.errors + backgroundResult.non2xx,
  lag: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? null },
  series: samples,
}));
