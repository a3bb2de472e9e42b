/** Writes docs/asyncapi.json from the integration catalogue (npm run asyncapi); test/asyncapi.spec.ts fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiJson } from '../src/integration/asyncapi';

const file = join(__dirname, '..', 'docs', 'asyncapi.json');
writeFileSync(file, asyncApiJson());
console.log(`wrote ${file}`);
