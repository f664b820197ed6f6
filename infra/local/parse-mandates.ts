import { readFileSync } from 'node:fs';
import { summits } from '../../seeds/registry';
import { parseMandates, themeFromFileName } from '../../shared/domain/mandates';

/** `npm run --silent parse-mandates -- FILE [--theme NAME]`: the mandates of a page as a JSON array. */
const args = process.argv.slice(2);
const themeAt = args.indexOf('--theme');
const theme = themeAt >= 0 ? args.splice(themeAt, 2)[1] : undefined;
const file = args[0];
if (!file || args.length > 1) {
  console.error('usage: npm run --silent parse-mandates -- FILE [--theme NAME]');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  process.exit(2);
}
const { mandates, problems } = parseMandates(text, { theme: theme ?? themeFromFileName(file), summits });
for (const problem of problems) console.error(`${file}:${problem.line}: ${problem.message}`);
if (problems.length > 0) process.exit(1);
process.stdout.write(`${JSON.stringify(mandates, null, 2)}\n`);
