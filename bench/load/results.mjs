// Folds the harness's raw lines (one per scenario and round) into bench/results/latest.json:
// min, median and max over the rounds, the lag series, and each target with its ratio to the
// ceiling measured in the same run.
//
//   node bench/load/results.mjs raw.jsonl mode repeats "loadavg at start" "loadavg at end" command
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const [rawFile, mode, repeats, loadAtStart, loadAtEnd, command] = process.argv.slice(2);
const lines = readFileSync(rawFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });

const byId = new Map();
for (const line of lines) {
  if (!byId.has(line.id)) byId.set(line.id, []);
  byId.get(line.id).push(line);
}
const measures = [...byId.entries()].map(([id, rounds]) => {
  const first = rounds[0];
  const measure = { id, group: first.group, title: first.title, clients: first.clients, unit: first.unit,
    runs: rounds.map((r) => r.value), ...spread(rounds.map((r) => r.value)) };
  const latencies = rounds.map((r) => r.latency).filter(Boolean);
  if (latencies.length) {
    measure.latency = Object.fromEntries(["p50", "p99", "max"]
      .filter((key) => latencies.every((l) => typeof l[key] === "number"))
      .map((key) => [key, spread(latencies.map((l) => l[key]))]));
  }
  measure.errors = rounds.reduce((sum, r) => sum + (r.errors ?? 0), 0);
  const extras = rounds.map((r) => r.extra).filter((e) => e && Object.keys(e).length);
  if (extras.length) {
    // Numbers are the median over the rounds; anything else is the first round's.
    measure.extra = Object.fromEntries(Object.keys(extras[0]).map((key) => [key,
      typeof extras[0][key] === "number" ? median(extras.map((e) => e[key])) : extras[0][key]]));
  }
  return measure;
});

const find = (id) => measures.find((m) => m.id === id);
const targets = [];
const ratioTarget = (measure, reference, share, label) => {
  const m = find(measure), r = find(reference);
  if (!m || !r) return;
  const ratio = m.median / r.median;
  targets.push({ measure: label, target: `>= ${share * 100}% of ${r.title}, ${r.clients} clients`,
    value: m.median, reference: r.median, ratio, met: ratio >= share });
};
const limitTarget = (label, value, limit, unit, atMost) => {
  if (value === undefined || value === null) return;
  targets.push({ measure: label, target: `${atMost ? "<=" : ">="} ${limit} ${unit}`, value, reference: limit,
    ratio: value / limit, met: atMost ? value <= limit : value >= limit });
};
ratioTarget("command.addToCart.c32", "ceiling.pgbench.c32", 0.5, "addToCart at 32 clients (req/s)");
ratioTarget("command.createOrder.c32", "ceiling.pgbench.c32", 0.3, "createOrder, 3 lines, at 32 clients (req/s)");
const lag = find("lag.projection");
limitTarget("Projection lag p50 at 50% of max command load", lag?.latency?.p50?.median, 20, "ms", true);
limitTarget("Projection lag p99 at 50% of max command load", lag?.latency?.p99?.median, 100, "ms", true);
ratioTarget("query.product.cached.c32", "ceiling.typename.c32", 0.5, "product(id), cached, at 32 clients (req/s)");
for (const app of ["command-app", "query-app"]) {
  limitTarget(`JVM + AOT cache startup, ${app}`, find(`startup.jvm25-aot.${app}`)?.median, 1000, "ms", true);
  limitTarget(`RSS under load, ${app}`, find(`rss.${app}`)?.median, 300, "MiB", true);
}
limitTarget("Rebuild", find("rebuild.events")?.median, 50000, "events/s", false);
// The one endpoint users are told to use: what it keeps of each query's direct rate, and adds to its p50.
for (const name of ["product", "productsPage", "orderHistory", "addToCart"]) {
  ratioTarget(`gateway.${name}.gateway.c16`, `gateway.${name}.direct.c16`, 0.5, `${name} through the gateway, 16 clients (req/s)`);
  const direct = find(`gateway.${name}.direct.c16`)?.latency?.p50?.median;
  const through = find(`gateway.${name}.gateway.c16`)?.latency?.p50?.median;
  if (direct !== undefined && through !== undefined) {
    limitTarget(`${name}: p50 the gateway adds, 16 clients`, through - direct, 5, "ms", true);
  }
}
// bench/projection.sh: a backlog worked off by one query-app, and what each event costs it.
limitTarget("Projection drain of a backlog, one query-app", find("projection.drain")?.median, 3000, "events/s", false);
limitTarget("Projection CPU per event, query-app", find("projection.cpuPerEvent")?.median, 0.25, "ms/event", true);

const loadavg = (text) => text.split(" ").slice(0, 3).map(Number);
console.log(JSON.stringify({
  run: { mode, repeats: Number(repeats), startedAt: null, finishedAt: new Date().toISOString(), command,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg(loadAtStart),
      loadAverageAtEnd: loadavg(loadAtEnd), java: process.env.JAVA_VERSION ?? null } },
  measures,
  series: { projectionLag: lines.find((l) => l.id === "lag.projection" && l.series)?.series ?? [] },
  targets,
}, null, 2));
