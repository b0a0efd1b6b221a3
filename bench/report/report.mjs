// Writes <out-dir>/summary.md from the harness's results JSON (bench/results/latest.json):
// targets first, then one table per group, then the charts Charts.java drew into the same folder.
//
//   node bench/report/report.mjs results.json out-dir
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [resultsFile, outDir] = process.argv.slice(2);
if (!resultsFile || !outDir) {
  console.error("usage: node bench/report/report.mjs <results.json> <out-dir>");
  process.exit(2);
}
const results = JSON.parse(readFileSync(resultsFile, "utf8"));
const run = results.run ?? {};
const machine = run.machine ?? {};
const measures = results.measures ?? [];
const targets = results.targets ?? [];

const GROUPS = {
  ceiling: "Ceilings: what this machine's infrastructure does on its own",
  command: "Commands",
  lag: "Projection lag",
  query: "Queries",
  gateway: "The one endpoint: the same requests direct and through the gateway, at 16 clients",
  subscribers: "Subscriptions: one healthy subscriber to every product, beside 20 that read or 20 stuck",
  warmup: "Warm-up: the JIT compilers at work before the rounds",
  rss: "Memory under load",
  rebuild: "Read-model rebuild",
  projection: "Projection capacity: a backlog worked off after the query-app was stopped (bench/projection.sh)",
  startup: "Startup",
};

const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const grouped = (v, digits) => v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
// Rates, sizes: whole numbers from 100 up, where decimals are noise; more digits below. The
// digits follow `like` so that a median and its min–max read alike.
const num = (v, like = v) => (!isNum(v) ? "–" : grouped(v, Math.abs(like) >= 100 ? 0 : Math.abs(like) >= 10 ? 1 : 2));
// Milliseconds: one decimal, except for whole seconds and more, as in startup times.
const ms = (v, like = v) => (!isNum(v) ? "–" : grouped(v, Math.abs(like) >= 1000 ? 0 : 1));
const byUnit = (v, unit, like) => (unit === "ms" ? ms(v, like) : num(v, like));
const count = (v) => (isNum(v) ? grouped(v, 0) : "–");
const percent = (r) => (!isNum(r) ? "–" : `${grouped(r * 100, Math.abs(r) >= 0.1 ? 0 : 1)} %`);
const cell = (text) => String(text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
// align: one letter a column, l(eft), r(ight) or c(entre).
const table = (head, rows, align) =>
  [`| ${head.join(" | ")} |`, `| ${head.map((h, i) => ({ l: "---", r: "---:", c: ":---:" })[align[i]]).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

function spreadText(median, min, max, unit) {
  const range = isNum(min) && isNum(max) && min !== max ? ` (${byUnit(min, unit, median)}–${byUnit(max, unit, median)})` : "";
  return `${byUnit(median, unit)}${range} ${unit ?? ""}`.trim();
}

// Extras are open-ended; the known ones get a unit, the rest are shown as they come.
const LABELS = { rssMiB: "RSS", backgroundRps: "background load", targetRate: "target rate", commandApp: "CPU: command-app",
  queryApps: "query-apps", mongoStandIn: "MongoDB stand-in", other: "load tool and rest" };
const words = (key) => LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
function extraText(extra) {
  return Object.entries(extra ?? {})
    .filter(([key]) => key !== "min" && key !== "max") // shown as the median's range instead
    .map(([key, v]) => {
      if (/Rate$/.test(key) && isNum(v) && v <= 1 && key !== "targetRate") return `${words(key)} ${percent(v)}`;
      if (/CpuShare$/.test(key) && isNum(v)) return `${words(key.replace(/CpuShare$/, ""))} ${percent(v)}`;
      if (/MiB$/.test(key)) return `${words(key)} ${num(v)} MiB`;
      if (/Rps$|Rate$/.test(key)) return `${words(key)} ${num(v)}/s`;
      return `${words(key)} ${Number.isInteger(v) ? count(v) : isNum(v) ? num(v) : v}`;
    })
    .join(", ");
}

function groupTable(list) {
  const hasLatency = list.some((m) => m.latency && Object.keys(m.latency).length);
  // Errors matter for load tests (which have latencies); elsewhere only when there are some.
  const hasErrors = list.some((m) => m.errors > 0) || (hasLatency && list.some((m) => isNum(m.errors)));
  const hasExtra = list.some((m) => extraText(m.extra));
  const head = ["Measure", "Median (min–max)",
    ...(hasLatency ? ["p50 ms", "p99 ms", "max ms"] : []), ...(hasErrors ? ["Errors"] : []), ...(hasExtra ? ["Extra"] : [])];
  const rows = list.map((m) => {
    // Startup is one round of several launches; its spread is over those launches, in extra.
    const [min, max] = m.min === m.max && isNum(m.extra?.min) && isNum(m.extra?.max) ? [m.extra.min, m.extra.max] : [m.min, m.max];
    const clients = isNum(m.clients) && m.clients > 1 ? `, ${m.clients} clients` : isNum(m.clients) && m.group !== "startup" && m.group !== "rebuild" ? ", 1 client" : "";
    return [
      `${m.title ?? m.id}${clients}`,
      spreadText(m.median, min, max, m.unit),
      ...(hasLatency ? ["p50", "p99", "max"].map((k) => ms(m.latency?.[k]?.median)) : []),
      ...(hasErrors ? [count(m.errors)] : []),
      ...(hasExtra ? [extraText(m.extra)] : []),
    ];
  });
  return table(head, rows, "l" + "r".repeat(head.length - (hasExtra ? 2 : 1)) + (hasExtra ? "l" : ""));
}

// Rows of one title stay together, ordered by clients; titles keep the harness's order.
function ordered(list) {
  const firstSeen = new Map();
  list.forEach((m, i) => firstSeen.has(m.title) || firstSeen.set(m.title, i));
  return [...list].sort((a, b) => firstSeen.get(a.title) - firstSeen.get(b.title) || (a.clients ?? 0) - (b.clients ?? 0));
}

const loads = (l) => (Array.isArray(l) && l.length ? l.map((v) => (isNum(v) ? v.toFixed(2) : "?")).join(" / ") : "unknown");
const when = run.startedAt ?? run.finishedAt;
const lines = [
  `# Benchmark results${run.mode ? ` (${run.mode})` : ""}`,
  "",
  `- **${run.startedAt ? "Started" : "Finished"}**: ${when ? when.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC") : "unknown"}` +
    (run.startedAt && run.finishedAt ? `, ${Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 60000)} min` : ""),
  `- **Machine**: ${machine.cpus ?? "?"} CPUs${isNum(machine.memoryGiB) ? `, ${machine.memoryGiB} GiB` : ""}, ` +
    `Java ${machine.java || "unknown"}; load average (1/5/15 min) ${loads(machine.loadAverageAtStart)} at start, ` +
    `${loads(machine.loadAverageAtEnd)} at end`,
  `- **Command**: \`${run.command ?? "bench/run.sh"}\`${isNum(run.repeats) ? `, ${run.repeats} round${run.repeats === 1 ? "" : "s"}` : ""}; ` +
    "each figure is the median over the rounds, with min–max",
];
// A shared machine that was already busy makes absolute numbers low; ratios hold up better.
if (isNum(machine.cpus) && isNum(machine.loadAverageAtStart?.[0]) && machine.loadAverageAtStart[0] > machine.cpus / 2) {
  lines.push("", `> ⚠️ The machine was busy at start (load ${machine.loadAverageAtStart[0]} on ${machine.cpus} CPUs): compare ratios, not absolute numbers.`);
}

lines.push("", "## Targets", "");
lines.push(targets.length
  ? table(["Measure", "Target", "Value", "Reference", "Ratio", "Met"],
    targets.map((t) => {
      // Limit targets name their unit ("<= 20 ms"); ratio targets are rates.
      const unit = /\sms$/.test(t.target ?? "") ? "ms" : undefined;
      return [t.measure, t.target, byUnit(t.value, unit), byUnit(t.reference, unit), percent(t.ratio), t.met ? "✅" : "❌"];
    }), "llrrrc")
  : "No targets in this run.");

const groups = [...new Set([...Object.keys(GROUPS), ...measures.map((m) => m.group)])]
  .filter((g) => measures.some((m) => m.group === g));
for (const g of groups) {
  lines.push("", `## ${GROUPS[g] ?? g}`, "", groupTable(ordered(measures.filter((m) => m.group === g))));
}
if (!measures.length) lines.push("", "No measures in this run.");

const charts = [
  ["latency-vs-load.png", "addToCart latency p50 and p99 against clients"],
  ["throughput-vs-load.png", "addToCart throughput against the PostgreSQL ceiling"],
  ["lag-over-time.png", "Projection lag over time, with p50 and p99"],
].filter(([file]) => existsSync(join(outDir, file)));
if (charts.length) {
  lines.push("", "## Charts", "", ...charts.flatMap(([file, alt]) => [`![${alt}](${file})`, ""]));
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "summary.md"), lines.join("\n").trimEnd() + "\n");
console.log(`wrote ${join(outDir, "summary.md")}`);
