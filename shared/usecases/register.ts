import { conflict, notFound, unprocessable } from '../domain/errors';
import {
  parseCsv,
  REGISTER_COLUMNS,
  stateChangeSchema,
  statesWithoutRealAddress,
  uniqueAddresses,
  type StateChange,
} from '../domain/register';
import type { Stores, StoredState } from '../store/ports';

/** Applies a change to one state; a new list of addresses is the secretariat's word that they work: their bounce record starts clean. */
function changed(state: StoredState, change: StateChange, now: string): StoredState {
  return {
    ...state,
    ...change,
    focalPoints: change.focalPoints ? uniqueAddresses(change.focalPoints) : state.focalPoints,
    bouncedAddresses: change.focalPoints ? [] : (state.bouncedAddresses ?? []),
    updatedAt: now,
  };
}

/** The secretariat edits one state of the register. */
export async function updateState(stores: Stores, code: string, change: StateChange, now: string): Promise<StoredState> {
  const state = await stores.states.getState(code);
  if (!state) throw notFound(`No state ${code} in the register`);
  const updated = changed(state, change, now);
  await stores.states.putState(updated);
  return updated;
}

const csvCell = (value: string) =>
  /[",\r\n]/.test(value) || /^[=+\-@\t]/.test(value) ? `"${(/^[=+\-@\t]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value;

/** The register as CSV (UTF-8 with a byte-order mark so that spreadsheets read the accents). */
export async function exportRegister(stores: Stores): Promise<string> {
  const states = (await stores.states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
  const rows = states.map((s) =>
    [s.code, s.name, s.localName, s.language, String(s.active), s.focalPoints.join(';'), s.note ?? ''].map(csvCell).join(','),
  );
  return `\uFEFF${REGISTER_COLUMNS.join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}

export interface RegisterImport {
  changed: { code: string; fields: string[] }[];
  unchanged: number;
  problems: { line: number; message: string }[];
  applied: boolean;
}

/**
 * Imports the register from CSV.
 *
 * Primary course:
 * 1. Read the header (the export's columns; `code` is required, the others optional) and every row.
 * 2. Validate each row as the API validates a change; a code not in the register, a repeated code or a bad
 *    field is a problem with its line number.
 * 3. With problems, refuse the whole file (422) and write nothing. Otherwise, with `apply`, write each changed state.
 */
export async function importRegister(stores: Stores, csv: string, options: { apply: boolean; now: string }): Promise<RegisterImport> {
  const rows = parseCsv(csv);
  const header = rows.shift();
  const problems: RegisterImport['problems'] = [];
  if (!header) throw unprocessable('empty_file', 'The file is empty: the first line must name the columns');
  const columns = header.cells.map((c) => c.trim());
  const unknown = columns.filter((c) => !(REGISTER_COLUMNS as readonly string[]).includes(c));
  if (!columns.includes('code') || unknown.length > 0) {
    const message = `line 1: the columns must be among ${REGISTER_COLUMNS.join(', ')}, with code${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`;
    throw unprocessable('bad_header', message, { problems: [{ line: 1, message }] });
  }
  const register = new Map((await stores.states.listStates()).map((s) => [s.code, s]));
  const seen = new Set<string>();
  const updates: { state: StoredState; change: StateChange; fields: string[] }[] = [];
  for (const row of rows) {
    const value = (name: string) => row.cells[columns.indexOf(name)]?.trim();
    const code = (value('code') ?? '').toUpperCase();
    const state = register.get(code);
    if (!state) {
      problems.push({ line: row.line, message: `code: ${code || '(empty)'} is not in the register` });
      continue;
    }
    if (seen.has(code)) problems.push({ line: row.line, message: `code: ${code} appears twice` });
    seen.add(code);
    const raw: Record<string, unknown> = {};
    for (const name of columns) {
      const cell = value(name);
      if (name === 'code' || cell === undefined || cell === '') continue;
      if (name === 'active')
        raw.active = /^(true|yes|1|oui|sí|si|sim)$/i.test(cell) ? true : /^(false|no|0|non|não|nao)$/i.test(cell) ? false : cell;
      else if (name === 'focalPoints') raw.focalPoints = cell.split(/[;\s]+/).filter(Boolean);
      else raw[name] = cell;
    }
    const parsed = stateChangeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ line: row.line, message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const fields = Object.entries(parsed.data)
      .filter(([name, v]) => JSON.stringify(v) !== JSON.stringify((state as unknown as Record<string, unknown>)[name]))
      .map(([name]) => name);
    if (fields.length > 0) updates.push({ state, change: parsed.data, fields });
  }
  if (problems.length > 0)
    throw unprocessable('register_has_problems', `The file has ${problems.length} problem(s); nothing was written`, { problems });
  if (options.apply) for (const u of updates) await stores.states.putState(changed(u.state, u.change, options.now));
  return {
    changed: updates.map((u) => ({ code: u.state.code, fields: u.fields })),
    unchanged: rows.length - updates.length,
    problems,
    applied: options.apply,
  };
}

/** On AWS a cycle is refused while any of its states could not be reached: no address, or only placeholders. */
export function refuseUnreachable(states: StoredState[]): void {
  const unreachable = statesWithoutRealAddress(states);
  if (unreachable.length === 0) return;
  const list = unreachable.map((s) => `${s.name} (${s.code})`).join(', ');
  throw conflict(
    'placeholder_addresses',
    `These states have no real focal-point address yet, so their emails would bounce: ${list}. Enter their addresses in the register first.`,
    { states: unreachable },
  );
}
