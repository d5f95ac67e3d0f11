// Writes schemas/kling-shot.schema.json from the zod sources (run by the build; a unit test fails
// when the committed file is stale). `--check` only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shotJsonSchema } from '../src/core/json-schema';
import { castJsonSchema } from '../src/core/cast/schema';

export const SCHEMA_FILE = join(__dirname, '..', 'schemas', 'kling-shot.schema.json');
export const CAST_SCHEMA_FILE = join(__dirname, '..', 'schemas', 'kling-cast.schema.json');

export function renderSchema(): string {
  return JSON.stringify(shotJsonSchema(), null, 2) + '\n';
}

export function renderCastSchema(): string {
  return JSON.stringify(castJsonSchema(), null, 2) + '\n';
}

if (require.main === module) {
  for (const [file, text] of [
    [SCHEMA_FILE, renderSchema()],
    [CAST_SCHEMA_FILE, renderCastSchema()],
  ] as const) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* first run */
    }
    if (process.argv.includes('--check')) {
      if (current !== text) {
        console.error(`${file} is stale: run node --import tsx scripts/gen-schema.ts`);
        process.exit(1);
      }
    } else if (current !== text) {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    }
  }
}
