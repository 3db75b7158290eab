// Writes schemas/aks-iam.schema.json (the JSON Schema of .aks-iam.yaml) from the rule registry.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, SCHEMA_PATH } from '../src/core/config/schema';

writeFileSync(join(__dirname, '..', SCHEMA_PATH), JSON.stringify(configSchema(), null, 2) + '\n');
console.log(`wrote ${SCHEMA_PATH}`);
