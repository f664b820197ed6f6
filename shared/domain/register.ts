import * as z from 'zod';
import { oneLine } from './cycles';
import { LANGUAGES, type MemberState } from './states';

/** Addresses that cannot reach anyone: seeded placeholders and reserved names (RFC 2606, RFC 6761). */
export function isPlaceholderAddress(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return /(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$/.test(domain);
}

/** The states among `codes` that no email could reach: no address, or only placeholders. */
export function statesWithoutRealAddress(states: Pick<MemberState, 'code' | 'name' | 'focalPoints'>[]): { code: string; name: string }[] {
  return states
    .filter((s) => s.focalPoints.length === 0 || s.focalPoints.every(isPlaceholderAddress))
    .map(({ code, name }) => ({ code, name }));
}

/** The same address in other capitals is the same mailbox: kept once, as first written. */
export const uniqueAddresses = (addresses: string[]) =>
  addresses.filter((a, i) => addresses.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);

/** The first focal point is the state's coordinator; the others get copies. */
export const focalPointsSchema = z
  .array(z.email({ message: 'must be email addresses' }))
  .min(1, 'at least one address: the coordinator')
  .max(10, 'at most 10 addresses')
  .transform(uniqueAddresses);

/** A change the secretariat makes to one state of the register. */
export const stateChangeSchema = z
  .object({
    name: oneLine(100).optional(),
    localName: oneLine(100).optional(),
    language: z.enum(LANGUAGES).optional(),
    active: z.boolean().optional(),
    focalPoints: focalPointsSchema.optional(),
    note: z.string().max(1000).optional(),
  })
  .strict();

export type StateChange = z.infer<typeof stateChangeSchema>;

/** The columns of the register as CSV, in order. Focal points are separated by `;`, the coordinator first. */
export const REGISTER_COLUMNS = ['code', 'name', 'localName', 'language', 'active', 'focalPoints', 'note'] as const;

/** Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF or LF) into rows of cells, with each row's line number. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line += 1;
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      cells.push(cell);
      if (cells.some((v) => v !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line += 1;
      rowLine = line;
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  if (cells.some((v) => v !== '')) rows.push({ line: rowLine, cells });
  return rows;
}
