import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberState } from '../shared/domain/states';
import type { Summit } from '../shared/domain/summits';
import statesJson from './states.json';
import summitsJson from './summits.json';

export const summits: readonly Summit[] = summitsJson;
export const memberStates: readonly MemberState[] = statesJson as MemberState[];

/** The mandate pages in a folder: every `summits-mandates-*.txt`. */
export function seedDocuments(folder: string): { source: string; text: string }[] {
  return readdirSync(folder)
    .filter((name) => /^summits-mandates-.*\.txt$/.test(name))
    .sort()
    .map((name) => ({ source: name, text: readFileSync(join(folder, name), 'utf8') }));
}
