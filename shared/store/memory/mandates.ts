import type { MandateStore } from '../ports';
import type { MandateLink } from '../../domain/lineage';
import { byKey, copy, type MemoryData } from './data';

/** Listed in the order of the DynamoDB index: theme, position, id. */
const listOrder = (m: { theme: string; position: number; id: string }) => `${m.theme}#${String(m.position).padStart(6, '0')}#${m.id}`;

export function memoryMandateStore(data: MemoryData): MandateStore {
  const links = new Map<string, MandateLink>();
  return {
    async listMandates() {
      return [...data.mandates.values()].sort((a, b) => byKey(listOrder(a), listOrder(b))).map(copy);
    },
    async saveMandates(mandates, options = {}) {
      for (const m of mandates) data.mandates.set(m.id, copy(m));
      // The revisions are not readable through the interface; only the progress count includes them.
      options.onProgress?.(mandates.length * 2, mandates.length * 2);
    },
    async listLinks() {
      return [...links.values()].map(copy);
    },
    async putLink(link) {
      links.set(`${link.from}#${link.kind}#${link.to}`, copy(link));
    },
    async listPages() {
      return [...data.pages.values()].sort((a, b) => byKey(a.name, b.name)).map(copy);
    },
    async savePages(pages, remove) {
      for (const page of pages) data.pages.set(page.name, copy(page));
      for (const name of remove) if (!pages.some((p) => p.name === name)) data.pages.delete(name);
    },
  };
}
