import { readFileSync } from 'node:fs';
import { summits } from '../../seeds/registry';
import { buildCatalogue, type CataloguePage } from '../../shared/domain/catalogue';

/**
 * `npm run --silent parse-mandates -- FILE... [--theme NAME]`: one JSON array of the mandates of all
 * the pages (see shared/domain/catalogue.ts). `--theme` names the theme of pages without a heading
 * (by default it comes from each file name). Problems go to stderr as `FILE:LINE: message` and make
 * it exit 1 with no output; entries of another language kept as their own and conflicting
 * translations are noted on stderr as `FILE:LINE: note: message`.
 */
const args = process.argv.slice(2);
const themeAt = args.indexOf('--theme');
const theme = themeAt >= 0 ? args.splice(themeAt, 2)[1] : undefined;
if (args.length === 0 || (themeAt >= 0 && !theme) || args.some((arg) => arg.startsWith('--'))) {
  console.error('usage: npm run --silent parse-mandates -- FILE... [--theme NAME]');
  process.exit(2);
}
const pages: CataloguePage[] = [];
for (const file of args) {
  try {
    pages.push({ name: file, text: readFileSync(file, 'utf8'), ...(theme ? { theme } : {}) });
  } catch (error) {
    console.error(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    process.exit(2);
  }
}
const { mandates, problems, report } = buildCatalogue(pages, { summits });
for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.message}`);
if (problems.length > 0) process.exit(1);
for (const notice of [...report.unmatched, ...report.conflicts]) {
  console.error(`${notice.file}:${notice.line}: note: ${notice.message}`);
}
process.stdout.write(`${JSON.stringify(mandates, null, 2)}\n`);
