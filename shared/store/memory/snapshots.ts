import type { SnapshotStore } from '../ports';
import { byKey, copy, key, type MemoryData } from './data';

export function memorySnapshotStore(data: MemoryData): SnapshotStore {
  return {
    async putSnapshot(snapshot) {
      const k = key(snapshot.cycleId, snapshot.generatedAt);
      if (data.snapshots.has(k)) throw new Error(`snapshot ${snapshot.cycleId} at ${snapshot.generatedAt} exists already`);
      data.snapshots.set(k, copy(snapshot));
    },
    async listSnapshots(cycleId) {
      const order = (s: { generatedAt: string; cycleId: string }) => `${s.generatedAt}#${s.cycleId}`;
      return [...data.snapshots.values()]
        .filter((s) => cycleId === undefined || s.cycleId === cycleId)
        .sort((a, b) => byKey(order(b), order(a)))
        .map(copy);
    },
  };
}
