import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** After `cdk synth`: each function's bundle (minified, AWS SDK from the runtime) and its source map. */
const out = 'cdk.out';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string, string][] = [];
for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
  const template = JSON.parse(readFileSync(join(out, file), 'utf8'));
  for (const resource of Object.values<{ Type: string; Properties: Record<string, never> }>(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = String(resource.Properties.Description ?? '?');
    const key = String((resource.Properties.Code as unknown as { S3Key?: string })?.S3Key ?? '').replace(/\.zip$/, '');
    const dir = join(out, `asset.${key}`);
    try {
      rows.push([name, kb(statSync(join(dir, 'index.mjs')).size), kb(statSync(join(dir, 'index.mjs.map')).size)]);
    } catch {
      rows.push([name, '(not bundled)', '']);
    }
  }
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
const width = Math.max(...rows.map((r) => r[0].length), 8);
console.log(`\n${'function'.padEnd(width)}  ${'bundle'.padStart(10)}  ${'source map'.padStart(10)}`);
for (const [name, size, map] of rows) console.log(`${name.padEnd(width)}  ${size.padStart(10)}  ${map.padStart(10)}`);
