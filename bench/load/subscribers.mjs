// What other subscribers cost the projection and one healthy subscriber: product updates with
// long descriptions at full speed, while `--others` subscribers to every product's changes either
// read everything (`--mode reading`) or stop reading their sockets (`--mode stuck`). A healthy
// subscriber to every product reports each notice; delivered/s and lag (arrival minus the event's
// own time, one clock) compare the two modes. A stuck subscriber is to be ended as too slow
// (docs/operations.md "Subscriptions"): the query-app's closed-subscription counter says how many were.
// Prints one JSON line.
//
//   node bench/load/subscribers.mjs --command URL --query URL --fixture FILE --seconds S --mode reading|stuck [--others N]
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
const autocannon = require("autocannon");
const WebSocket = require("ws");

const { values } = parseArgs({ options: {
  command: { type: "string" }, query: { type: "string" }, fixture: { type: "string" },
  seconds: { type: "string" }, mode: { type: "string" }, others: { type: "string", default: "20" },
} });
if (!["reading", "stuck"].includes(values.mode)) throw new Error(`--mode reading|stuck, not ${values.mode}`);
const fixture = JSON.parse(readFileSync(values.fixture, "utf8"));
const seconds = Number(values.seconds);
const authorization = `Bearer ${process.env.BENCH_TOKEN}`;
const wsUrl = values.query.replace(/^http/, "ws");
// Long enough that a socket nobody reads fills within a few seconds of updates; each one different,
// since an update that changes nothing decides no event.
const description = () => `${randomUUID()} ${"D".repeat(4_960)}`;
const everyProduct = "subscription { productChanged { id version name description updatedAt } }";

// graphql-transport-ws by hand: the stuck subscribers must stop reading at the socket, below any client library.
function subscriber(onNext) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { Authorization: authorization } })));
    socket.on("message", (raw) => {
      const message = JSON.parse(raw);
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: everyProduct } }));
        // The server registers the subscription as it handles the message; a moment later it follows.
        setTimeout(() => resolve(socket), 200);
      } else if (message.type === "next") {
        onNext(message.payload);
      }
    });
    socket.on("error", reject);
  });
}

const started = Date.now();
const lags = [];
let lastArrival = started;
const healthy = await subscriber(({ data }) => {
  if (!data?.productChanged) return;
  lastArrival = Date.now();
  lags.push(lastArrival - Date.parse(data.productChanged.updatedAt));
});
let othersReceived = 0;
const others = await Promise.all(Array.from({ length: Number(values.others) }, () => subscriber(() => othersReceived++)));
if (values.mode === "stuck") for (const socket of others) socket._socket.pause();

let refused = 0;
const load = await autocannon({
  url: values.command, connections: 16, duration: seconds, method: "POST",
  headers: { "content-type": "application/json", authorization },
  requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({
    query: "mutation ($p: ID!, $d: String) { updateProduct(input: {productId: $p, description: $d}) { version } }",
    variables: { p: fixture.products[Math.floor(Math.random() * fixture.products.length)], d: description() },
  }) }),
  onResponse: (status, body) => { if (status === 200 && body.includes('"errors"')) refused++; } }],
});
const loadEnded = Date.now();
const errors = load.errors + load.timeouts + load.non2xx + refused;
const committed = load.requests.total - errors;
// The notices still on their way: each committed update is one version the healthy subscriber is
// owed. Wait for them all, or until it has heard nothing for 10 s (what is missing is then reported).
while (lags.length < committed && Date.now() - Math.max(lastArrival, loadEnded) < 10_000) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
for (const socket of [healthy, ...others]) socket.terminate();

const sorted = [...lags].sort((a, b) => a - b);
const at = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
const window = (Math.max(lastArrival, loadEnded) - started) / 1000;
console.log(JSON.stringify({
  scenario: `subscribers.${values.mode}`, seconds,
  value: lags.length / window,
  latency: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? null },
  errors,
  extra: { delivered: lags.length, committedUpdates: committed, missing: Math.max(0, committed - lags.length), updatesPerSecond: committed / seconds,
    otherSubscribers: others.length, receivedByOthers: othersReceived },
}));
