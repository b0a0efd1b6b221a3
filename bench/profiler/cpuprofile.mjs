// Where a Node.js process spent its CPU: a V8 .cpuprofile (node --cpu-prof) summed by package,
// self time (the frame running) and inclusive (anywhere on the stack), and its hottest functions.
//
//   node bench/profiler/cpuprofile.mjs PROFILE.cpuprofile [title]
import { readFileSync } from "node:fs";

const [path, title = path] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(path, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const packageOf = ({ url, functionName }) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith("node:")) return "node core";
  return "gateway's own code";
};
const selfByPackage = new Map();
const inclusiveByPackage = new Map();
const selfByFunction = new Map();
let total = 0;
const add = (map, key, amount) => map.set(key, (map.get(key) ?? 0) + amount);
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  total += micros;
  const leaf = byId.get(id);
  add(selfByPackage, packageOf(leaf.callFrame), micros);
  add(selfByFunction, `${leaf.callFrame.functionName || "(anonymous)"} ${packageOf(leaf.callFrame)}`, micros);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = packageOf(byId.get(at).callFrame);
    if (!seen.has(name)) {
      seen.add(name);
      add(inclusiveByPackage, name, micros);
    }
  }
});
const share = (micros) => `${((100 * micros) / Math.max(1, total)).toFixed(1)} %`;
const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`## ${title}\n\n${(total / 1e6).toFixed(1)} s of samples (idle included as "(idle)").\n`);
console.log("| package | self | inclusive |\n| --- | ---: | ---: |");
for (const [name, micros] of top(selfByPackage, 20)) console.log(`| ${name} | ${share(micros)} | ${share(inclusiveByPackage.get(name))} |`);
console.log("\n| hottest functions, self | share |\n| --- | ---: |");
for (const [name, micros] of top(selfByFunction, 20)) console.log(`| \`${name}\` | ${share(micros)} |`);
console.log();
