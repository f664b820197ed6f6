import type { ExportRecord, ExportStore } from '../ports';
import { copy } from './data';

export function memoryExportStore(): ExportStore {
  const exports = new Map<string, ExportRecord>();
  return {
    async putExport(record) {
      if (exports.has(record.id)) throw new Error(`export ${record.id} exists already`);
      exports.set(record.id, copy(record));
    },
    async getExport(id) {
      const found = exports.get(id);
      return found && copy(found);
    },
    async finishExport(id, outcome) {
      const found = exports.get(id);
      if (!found || found.status !== 'running') return false;
      exports.set(id, copy({ ...found, ...outcome }));
      return true;
    },
  };
}
