// Compares each app's committed schema with the one of the last release (gateway/released/), with
// GraphQL Inspector, and fails on a breaking change that CHANGELOG.md's "Unreleased" section does
// not acknowledge by naming its path in backticks, e.g. `Product.price` (docs/federation.md).
//
//   node check-breaking.mjs
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFileSync(root + path, 'utf8');
// The apps print their schemas without declaring the custom scalars (BigInteger, DateTime, ...).
const schemaOf = (sdl) => {
  try {
    return buildSchema(sdl);
  } catch (error) {
    const undeclared = [...new Set([...String(error.message).matchAll(/Unknown type "(\w+)"/g)].map((m) => m[1]))];
    if (undeclared.length === 0) {
      throw error;
    }
    return buildSchema(undeclared.map((name) => `scalar ${name}`).join('\n') + '\n' + sdl);
  }
};
const apps = ['command-app', 'query-app'];

const changelog = read('CHANGELOG.md');
const unreleased = (changelog.split(/^## /m).find((section) => section.startsWith('Unreleased')) ?? '');
const acknowledged = new Set([...unreleased.matchAll(/`([^`]+)`/g)].map((match) => match[1]));

let unacknowledged = 0;
for (const app of apps) {
  const changes = await diff(schemaOf(read(`gateway/released/${app}.graphql`)), schemaOf(read(`${app}/schema.graphql`)));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const dangerous = changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous);
  console.log(`check-breaking: ${app}: ${changes.length} changes since the last release, ${breaking.length} breaking,`
    + ` ${dangerous.length} dangerous`);
  for (const change of dangerous) {
    console.log(`  dangerous     ${change.path ?? ''}: ${change.message}`);
  }
  for (const change of breaking) {
    const ok = change.path && acknowledged.has(change.path);
    console.log(`  ${ok ? 'acknowledged ' : 'BREAKING     '} ${change.path ?? ''}: ${change.message}`);
    if (!ok) {
      unacknowledged++;
    }
  }
}
if (unacknowledged > 0) {
  console.error(`check-breaking: ${unacknowledged} breaking changes are not acknowledged; name each path in backticks`
    + ' under "## Unreleased" in CHANGELOG.md, with what clients must do');
  process.exit(1);
}
