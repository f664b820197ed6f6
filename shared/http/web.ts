import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { DomainError } from '../domain/errors';
import { LANGUAGES, type Language } from '../domain/states';
import type { HttpEvent, HttpResult } from './types';

export const SESSION_COOKIE = 'mf_session';
export const CONSOLE_COOKIE = 'mf_console';
/** The state's language, kept beside the session so that an error page can speak it when the database cannot. */
export const LANGUAGE_COOKIE = 'mf_lang';

/** Compares a secret in constant time, whatever the lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function cookie(event: HttpEvent, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at).trim() === name) return entry.slice(at + 1).trim();
  }
  return undefined;
}

/** The one way cookies are made: HttpOnly, SameSite=Strict, and Secure whenever the system is served over HTTPS (always on AWS). */
export function setCookie(name: string, value: string, options: { path?: string; maxAgeSeconds: number }): string {
  const secure = config().secureCookies ? '; Secure' : '';
  return `${name}=${value}; Path=${options.path ?? '/'}; HttpOnly; SameSite=Strict; Max-Age=${options.maxAgeSeconds}${secure}`;
}

export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return setCookie(SESSION_COOKIE, sessionId, { maxAgeSeconds });
}

export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The origin the answering page PUTs evidence files to (its signed upload links): s3rver locally, the
 * bucket's regional domain on AWS (the SDK signs virtual-hosted links there); none without a bucket.
 */
export function uploadOrigin(): string | undefined {
  const settings = config();
  if (settings.s3Endpoint) return new URL(settings.s3Endpoint).origin;
  return settings.bucketName ? `https://${settings.bucketName}.s3.${settings.region}.amazonaws.com` : undefined;
}

/**
 * An HTML page with a strict Content-Security-Policy: only this response's own inline style and script run.
 * `connectSrc` adds an origin the page's script may send to besides its own (the answering page's uploads).
 */
export function htmlPage(
  statusCode: number,
  body: string,
  pageNonce: string,
  extra: Partial<HttpResult> & { connectSrc?: string } = {},
): HttpResult {
  const connect = extra.connectSrc && /^https?:\/\/[\w.:[\]-]+$/.test(extra.connectSrc) ? ` ${extra.connectSrc}` : '';
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${pageNonce}'; script-src 'nonce-${pageNonce}'; connect-src 'self'${connect}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      'X-Frame-Options': 'DENY',
      ...(extra.headers ?? {}),
    },
    cookies: extra.cookies,
    body,
  };
}

/**
 * A 303 to `location`. A header holds visible ASCII only: anything else in the location (a path segment
 * decoded from the request, say) is percent-encoded as UTF-8, never sent raw.
 */
export function redirect(location: string): HttpResult {
  const safe = location.replace(/[^\x21-\x7e]+/g, (run) =>
    [...Buffer.from(run, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return { statusCode: 303, headers: { Location: safe }, body: '' };
}

export function languageParam(event: HttpEvent): Language | undefined {
  const lang = event.queryStringParameters?.lang;
  return LANGUAGES.includes(lang as Language) ? (lang as Language) : undefined;
}

/** The first of en/es/fr/pt the browser asks for, for pages where the state is not known. */
export function browserLanguage(event: HttpEvent): Language | undefined {
  const header = event.headers?.['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(code as Language)) return code as Language;
  }
  return undefined;
}

/**
 * The language to speak when the state is not known: the page's ?lang (or a form's `lang` field), the one
 * remembered from the link, the browser's.
 */
export function guessedLanguage(event: HttpEvent, formLanguage?: string | null): Language | undefined {
  const given = LANGUAGES.includes(formLanguage as Language) ? (formLanguage as Language) : undefined;
  const remembered = cookie(event, LANGUAGE_COOKIE) as Language | undefined;
  return given ?? languageParam(event) ?? (remembered && LANGUAGES.includes(remembered) ? remembered : undefined) ?? browserLanguage(event);
}

export function isForm(event: HttpEvent): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(event.headers?.['content-type'] ?? '');
}

export const MAX_BODY_BYTES = 256 * 1024;

/** The request body as text, whatever its encoding; 413 past 256 KB (JSON and forms alike). */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES)
    throw new DomainError('too_large', 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES / 1024} KB`);
  return bytes.toString('utf8');
}

export function formFields(event: HttpEvent): URLSearchParams {
  return new URLSearchParams(bodyText(event));
}
