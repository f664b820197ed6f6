import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/render/email';
import { fieldMessage, fieldProblem, richText } from '../../shared/render/portal-fields';
import { dateTimeWithZone, themeName } from '../../shared/render/portal-help';
import type { EmailContext } from '../../shared/usecases/view-models';

describe('a refused field, in the page’s words', () => {
  it('names the field as the page labels it, with its row of links, and the mistake in the page’s language', () => {
    expect(fieldMessage({ field: 'evidence.1.url', message: 'must be an http or https address' }, 'fr')).toBe(
      'Adresse (http ou https), lien 2 : saisissez une adresse web complète commençant par http:// ou https://',
    );
    expect(fieldMessage({ field: 'evidence.0.title', message: 'is required' }, 'es')).toBe('Título, enlace 1: este campo es necesario');
    expect(fieldMessage({ field: 'narrative', message: 'must be at most 10000 characters' }, 'en')).toBe(
      'Measures taken: the text is too long',
    );
    expect(fieldMessage({ field: 'status', message: 'must be one of …' }, 'pt')).toMatch(/^Situação da implementação: escolha/);
  });

  it('tells the kinds of mistakes apart', () => {
    expect(fieldProblem('evidence.3.url', 'Too big: expected string to have <=2000 characters')).toBe('tooLong');
    expect(fieldProblem('evidence', 'at most 20 links')).toBe('tooManyLinks');
    expect(fieldProblem('version', 'must be the version you last read')).toBe('invalid');
  });
});

describe('a long answer in the read-only view', () => {
  it('keeps its paragraphs, bullet and numbered lists, and line breaks, all escaped', () => {
    const shown = richText('First <b>para</b>.\nSame para.\n\n- one\n- two\n  continued\n\n1. first\n2) second\n\nLast.').value.replace(
      /\s+</g,
      '<',
    );
    expect(shown).toBe(
      '<div class="rich"><p>First &lt;b&gt;para&lt;/b&gt;.<br />Same para.</p><ul><li>one</li><li>two continued</li></ul><ol><li>first</li><li>second</li></ol><p>Last.</p></div>',
    );
  });
});

describe('themes in the state’s language', () => {
  it('names a known theme in the language, and an unknown one in English, marked so', () => {
    expect(themeName('migration', 'es')).toEqual({ text: 'Migración', language: 'es' });
    expect(themeName('health-disease-prevention', 'fr')).toEqual({ text: 'Santé : Prévention des maladies', language: 'fr' });
    expect(themeName('ocean-affairs', 'fr')).toEqual({ text: 'Ocean affairs', language: 'en' });
  });
});

describe('the receipt email', () => {
  const ctx: EmailContext = {
    kind: 'receipt',
    language: 'fr',
    stateName: 'Haïti',
    cycleTitle: 'Cycle 2027',
    deadline: '2027-03-15T23:59:59.000Z',
    now: '2027-03-01T10:00:00.000Z',
    answered: 3,
    total: 37,
    receipt: {
      submittedAt: '2027-03-01T09:58:07.000Z',
      contentHash: 'a'.repeat(64),
      counts: { fully_implemented: 1, in_progress: 2, none: 34 },
    },
  };

  it('carries the summary of the receipt page: state, cycle, time with its zone, counts by status, hash; no days left', () => {
    const email = renderEmail(ctx);
    expect(email.text).toContain('État : Haïti');
    expect(email.text).toContain('Cycle de rapport : Cycle 2027');
    expect(email.text).toContain(`Soumis : ${dateTimeWithZone(ctx.receipt!.submittedAt, 'fr')}`);
    expect(email.text).toContain('UTC');
    expect(email.text).toContain('3 mandats sur 37 renseignés');
    expect(email.text).toContain('En cours : 2');
    expect(email.text).toContain('Pas encore de réponse : 34');
    expect(email.text).toContain(`Empreinte du contenu (SHA-256) : ${'a'.repeat(64)}`);
    expect(email.text).not.toMatch(/restants?/);
    expect(email.html).toContain('<td style="padding:4px 0;word-break:break-all">aaaa');
  });
});
