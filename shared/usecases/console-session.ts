import { randomBytes } from 'node:crypto';
import type { Stores } from '../store/ports';
import { hashToken } from './respond';

export const CONSOLE_SESSION_HOURS = 8;

/** Console sign-ins one client may try in 15 minutes (a successful one is not counted). */
export const SIGN_IN_LIMIT = { scope: 'sign-in', max: 10, windowMinutes: 15 } as const;

/** The signed-in secretariat user of a console session cookie, while the session lasts. */
export async function resolveConsoleSession(id: string | undefined, context: { stores: Stores; now: string }): Promise<string | undefined> {
  if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
  const session = await context.stores.sessions.getConsoleSession(hashToken(id));
  return session && session.expiresAt > context.now ? session.actor : undefined;
}

/** A console session for a signed-in user: its id goes in an HttpOnly cookie, only its hash in the table. */
export async function startConsoleSession(actor: string, context: { stores: Stores; now: string }): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.parse(context.now) + CONSOLE_SESSION_HOURS * 3_600_000).toISOString();
  await context.stores.sessions.putConsoleSession(hashToken(id), { actor, expiresAt });
  return id;
}

export async function endConsoleSession(id: string | undefined, context: { stores: Stores }): Promise<void> {
  if (id && /^[A-Za-z0-9_-]{20,100}$/.test(id)) await context.stores.sessions.deleteConsoleSession(hashToken(id));
}
