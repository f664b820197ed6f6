import type { RateLimitStore } from '../ports';
import { key, type MemoryData } from './data';

export function memoryRateLimitStore(data: MemoryData): RateLimitStore {
  return {
    async add(scope, client, windowStart, _windowEnd, by) {
      const k = key(scope, client, windowStart);
      const count = (data.attempts.get(k) ?? 0) + by;
      data.attempts.set(k, count);
      return count;
    },
    async count(scope, client, windowStart) {
      return data.attempts.get(key(scope, client, windowStart)) ?? 0;
    },
  };
}
