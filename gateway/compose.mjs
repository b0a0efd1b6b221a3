// Composes the supergraph from the subgraph schemas committed beside each app, as the gateway
// serves it (docs/federation.md). Any composition error fails, with the errors printed: this runs
// in the build (scripts/test.sh) and before every start of the gateway.
//
//   node compose.mjs [OUT]        OUT defaults to supergraph.graphql
//
// The subgraphs' URLs come from COMMAND_APP_URL and QUERY_APP_URL (base URLs, /graphql is added),
// defaulting to the local run's ports.
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const subgraphs = [
  { name: 'command-app', schema: 'command-app/subgraph.graphql', url: process.env.COMMAND_APP_URL ?? 'http://localhost:8080' },
  { name: 'query-app', schema: 'query-app/subgraph.graphql', url: process.env.QUERY_APP_URL ?? 'http://localhost:8081' },
];
const out = process.argv[2] ?? 'supergraph.graphql';

const result = composeServices(subgraphs.map(({ name, schema, url }) => ({
  name,
  typeDefs: parse(readFileSync(root + schema, 'utf8')),
  url: url.replace(/\/$/, '') + '/graphql',
})));

if (result.errors?.length) {
  console.error(`compose: the subgraph schemas do not compose (${result.errors.length} errors):`);
  for (const error of result.errors) {
    console.error(`  - ${error.message}`);
  }
  process.exit(1);
}
writeFileSync(out, result.supergraphSdl);
console.log(`compose: ${subgraphs.map((s) => s.name).join(' + ')} -> ${out}`);
