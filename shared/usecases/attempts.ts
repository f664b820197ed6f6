import type { RateLimitStore } from '../store/ports';

export interface AttemptLimit {
  /** What is counted: failed link attempts, console sign-ins, wrong bearer tokens. */
  scope: 'link' | 'sign-in' | 'bearer';
  max: number;
  windowMinutes: number;
}

export interface AttemptCount {
  /** The weighted count over the sliding window, this attempt included. */
  count: number;
  limited: boolean;
  retryAfterSeconds: number;
}

function windows(now: string, minutes: number) {
  const size = minutes * 60_000;
  const start = Math.floor(Date.parse(now) / size) * size;
  const iso = (ms: number) => new Date(ms).toISOString();
  return { current: iso(start), end: iso(start + size), previous: iso(start - size), elapsed: (Date.parse(now) - start) / size };
}

/**
 * Counts one attempt of a client and tells whether it is over the limit.
 *
 * The counter is incremented atomically before anything is decided, so attempts sent in parallel
 * each see a different count and the limit holds under a burst. The window slides: the previous
 * window's count weighs in by the share of it that still falls within the last `windowMinutes`.
 */
export async function countAttempt(store: RateLimitStore, limit: AttemptLimit, client: string, now: string): Promise<AttemptCount> {
  const w = windows(now, limit.windowMinutes);
  const [current, previous] = await Promise.all([
    store.add(limit.scope, client, w.current, w.end, 1),
    store.count(limit.scope, client, w.previous),
  ]);
  const count = current + previous * (1 - w.elapsed);
  const retryAfterSeconds = Math.ceil((1 - w.elapsed) * limit.windowMinutes * 60 || 1);
  return { count, limited: count > limit.max, retryAfterSeconds };
}

/** Takes back an attempt that turned out to be good (a successful sign-in is not held against the office). */
export async function forgiveAttempt(store: RateLimitStore, limit: AttemptLimit, client: string, now: string): Promise<void> {
  const w = windows(now, limit.windowMinutes);
  await store.add(limit.scope, client, w.current, w.end, -1);
}
