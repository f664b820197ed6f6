import type { StateStore } from '../ports';
import { byKey, copy, type MemoryData } from './data';

export function memoryStateStore(data: MemoryData): StateStore {
  return {
    async listStates() {
      return [...data.states.values()].sort((a, b) => byKey(a.code, b.code)).map(copy);
    },
    async getState(code) {
      const state = data.states.get(code);
      return state && copy(state);
    },
    async putState(state) {
      data.states.set(state.code, copy(state));
    },
    async addStates(states, options = {}) {
      for (const state of states) data.states.set(state.code, copy(state));
      options.onProgress?.(states.length, states.length);
    },
  };
}
