// Writes schemas/kling-shot.schema.json from the zod sources (run by the build; a unit test fails
// when the committed file is stale). `--check` only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shotJsonSchema } from '../src/core/json-schema';

export const SCHEMA_FILE = join(__dirname, '..', 'schemas', 'kling-shot.schema.json');

export function renderSchema(): string {
  return JSON.stringify(shotJsonSchema(), null, 2) + '\n';
}

if (require.main === module) {
  const text = renderSchema();
  let current = '';
  try {
    current = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    /* first run */
  }
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(`${SCHEMA_FILE} is stale: run node --import tsx scripts/gen-schema.ts`);
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
