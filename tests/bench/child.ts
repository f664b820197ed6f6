/**
 * Runs a bench step alone in a child process, for its memory: the entry is bundled by esbuild (as the CDK bundles a
 * function, so no TypeScript loader sits in its memory) and started with the given Node.js flags. The child prints
 * one JSON line last; that line is the result.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export async function runChild<T>(
  entry: string,
  args: string[],
  options: { env: Record<string, string | undefined>; nodeFlags?: string[] },
): Promise<T> {
  const outdir = resolve(import.meta.dirname, '../artifacts/bench-bundles');
  mkdirSync(outdir, { recursive: true });
  const bundle = join(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), bundle, ...args], {
    env: { ...process.env, ...options.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`${basename(entry)} exited with ${code}: ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

/** The process's resident set size, sampled every 20 ms until `stop()`: its start and its peak, in MB. */
export function rssSampler() {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { startRssMb: mb(start), peakRssMb: mb(peak) };
    },
  };
}
