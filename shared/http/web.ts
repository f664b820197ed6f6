import { randomBytes } from 'node:crypto';
import { config } from '../config';
import { LANGUAGES, type Language } from '../domain/states';
import type { HttpEvent, HttpResult } from './handler';

export const SESSION_COOKIE = 'mf_session';

export function cookie(event: HttpEvent, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at).trim() === name) return entry.slice(at + 1).trim();
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, and Secure whenever the system is served over HTTPS (always on AWS). */
export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  const secure = config().secureCookies ? '; Secure' : '';
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** An HTML page with a strict Content-Security-Policy: only this response's own inline style and script run. */
export function htmlPage(statusCode: number, body: string, pageNonce: string, extra: Partial<HttpResult> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${pageNonce}'; script-src 'nonce-${pageNonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      'X-Frame-Options': 'DENY',
      ...(extra.headers ?? {}),
    },
    cookies: extra.cookies,
    body,
  };
}

export function redirect(location: string): HttpResult {
  return { statusCode: 303, headers: { Location: location }, body: '' };
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

export function isForm(event: HttpEvent): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(event.headers?.['content-type'] ?? '');
}

export function formFields(event: HttpEvent): URLSearchParams {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  return new URLSearchParams(raw);
}
