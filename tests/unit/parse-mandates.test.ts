import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import { MandateParseError, parseMandates, parseMandatesStrict, themeFromFileName } from '../../shared/domain/mandates';

const SEED = 'seeds/summits-mandates-migration.txt';
const seedText = readFileSync(SEED, 'utf8');
const parse = (text: string, theme = 'test') => parseMandates(text, { theme, summits });
const { mandates, problems } = parse(seedText, 'migration');
const byText = (start: string) => {
  const found = mandates.find((m) => m.text.startsWith(start));
  if (!found) throw new Error(`no mandate starts with ${start}`);
  return found;
};

describe('the migration seed page', () => {
  it('parses with no problems into 38 mandates: 37 commitments and one chapeau', () => {
    expect(problems).toEqual([]);
    expect(mandates).toHaveLength(38);
    expect(mandates.filter((m) => m.chapeau)).toHaveLength(1);
  });

  it('gives the expected number of mandates per summit year', () => {
    const perYear: Record<number, number> = {};
    for (const m of mandates) perYear[m.year] = (perYear[m.year] ?? 0) + 1;
    expect(perYear).toEqual({ 2022: 3, 2015: 4, 2012: 2, 2009: 1, 2005: 4, 2004: 2, 2001: 14, 1998: 6, 1996: 1, 1994: 1 });
  });

  it('normalises every mandate to the summit of its year', () => {
    const cities = Object.fromEntries(mandates.map((m) => [m.year, m.summit.city]));
    expect(cities).toEqual({
      2022: 'Los Angeles',
      2015: 'Panama City',
      2012: 'Cartagena',
      2009: 'Port of Spain',
      2005: 'Mar del Plata',
      2004: 'Monterrey',
      2001: 'Québec City',
      1998: 'Santiago',
      1996: 'Santa Cruz de la Sierra',
      1994: 'Miami',
    });
    for (const m of mandates) expect(m.summit.year).toBe(m.year);
  });

  it('keeps the chapeau and attaches its lettered sub-item to it, with the citation of the sub-item', () => {
    const chapeau = byText('Adopt appropriate measures');
    const subItem = byText('Analyze the applicability');
    expect(chapeau).toMatchObject({ parentId: null, chapeau: true, label: '1', year: 2022 });
    expect(chapeau.text.endsWith('to:')).toBe(true);
    expect(subItem).toMatchObject({
      parentId: chapeau.id,
      label: 'f',
      document: 'Inter-American Action Plan on Democratic Governance',
      citation: '(Inter-American Action Plan on Democratic Governance, IX Summit of the Americas, Los Angeles, 2022)',
    });
    expect(chapeau.citation).toBe(subItem.citation);
    expect(mandates.filter((m) => m.parentId !== null)).toHaveLength(1);
  });

  it('keeps the footnote of a reservation as a note of its entry, never as a mandate', () => {
    const entry = byText('To strengthen constructive dialogue on international migration');
    expect(entry.notes).toHaveLength(1);
    expect(entry.notes[0]).toMatch(/^The United States notes that this language was discussed/);
    expect(entry.text.endsWith('at the global level.')).toBe(true);
    expect(mandates.some((m) => m.text.startsWith('The United States notes'))).toBe(false);
    expect(mandates.filter((m) => m.notes.length > 0)).toHaveLength(1);
  });

  it('takes the labels that bullets carry', () => {
    expect(byText('Develop appropriate policies on migration')).toMatchObject({
      label: 'Initiative 33',
      year: 1996,
      document: 'Plan of Action Santa Cruz de la Sierra',
    });
    expect(byText('Guarantee the protection of the human rights of all migrant workers')).toMatchObject({
      label: '2.8',
      year: 1994,
      document: 'Plan of Action Miami',
    });
  });

  it('numbers the entries by their place on the page when the page numbers every entry 1', () => {
    const topLevel = mandates.filter((m) => m.parentId === null && !/[a-z]/i.test(m.label) && !m.label.includes('.'));
    expect(topLevel.map((m) => m.label)).toEqual(topLevel.map((_, i) => String(i + 1)));
  });

  it('handles every citation spelling and strips it from the text', () => {
    const cases: [string, string, string][] = [
      ['Reaffirming the commitments made in 1998', '( Plan of Action Québec, 2001)', 'Plan of Action Québec'],
      ['Strengthen cooperation among states to address', '( Plan of Action Québec, 2001)', 'Plan of Action Québec'],
      ['Commit to undertake the widest possible cooperation', '(Plan of Action Québec, 2001)', 'Plan of Action Québec'],
      ['To design and implement or strengthen public policies', '(Migration, Initiatives VII Summit of the Americas, Panama City, 2015)', 'Migration, Initiatives'],
      ['We recognize that remittances', '(Declaration of Nuevo León, 2004)', 'Declaration of Nuevo León'],
      ['We reaffirm the importance of fully protecting', '(Declaration of Port of Spain, 2009)', 'Declaration of Port of Spain'],
      ['To develop comprehensive public policies', '(Poverty, Inequality, and Inequity, Cartagena, 2012)', 'Poverty, Inequality, and Inequity'],
      ['Seek full compliance with, and protection of', '(Plan of Action Santiago, 1998)', 'Plan of Action Santiago'],
    ];
    for (const [start, citation, document] of cases) {
      const m = byText(start);
      expect(m.citation).toBe(citation);
      expect(m.document).toBe(document);
      expect(m.text).not.toMatch(/\(\s*[^()]*\d{4}\)/);
      expect(m.text).not.toMatch(/[;(]\s*$/);
    }
    expect(byText('Reaffirming the commitments made in 1998').text).toBe(
      'Reaffirming the commitments made in 1998 at the Santiago Summit concerning the protection of the human rights of migrants, including migrant workers and their families',
    );
  });

  it('gives every mandate a distinct, readable id that a second parse repeats', () => {
    const again = parse(seedText, 'migration').mandates;
    expect(new Set(mandates.map((m) => m.id)).size).toBe(mandates.length);
    expect(again.map((m) => m.id)).toEqual(mandates.map((m) => m.id));
    expect(byText('Strengthen cooperation among states to address').id).toBe('migration-2001-plan-of-action-quebec-2');
    expect(byText('Develop appropriate policies on migration').id).toBe(
      'migration-1996-plan-of-action-santa-cruz-de-la-sierra-initiative-33',
    );
  });

  it('keeps the id of an entry whose text is edited', () => {
    const edited = seedText.replace('Strengthen cooperation among states to address', 'Strengthen cooperation among all states to address');
    const after = parse(edited, 'migration').mandates;
    expect(after.map((m) => m.id)).toEqual(mandates.map((m) => m.id));
    expect(after.find((m) => m.id === 'migration-2001-plan-of-action-quebec-2')!.text).toMatch(/among all states/);
  });
});

describe('other pages in the same format', () => {
  it('reads a page with continuation lines, several footnotes, real numbering and a heading', () => {
    const page = [
      'Organization of American States Summits of the Americas',
      'Follow-up and Implementation: Mandates',
      '',
      '  3. Promote quality education for all,',
      '  including in rural areas (Declaration of Lima, 2018).',
      '    *Reservation of one state.',
      '    *A second note',
      '    that spans two lines',
      '',
      '  4. Strengthen health systems; (Plan of Action Port of Spain, 2009).',
      '',
      '© Summits of the Americas',
    ].join('\n');
    const result = parse(page, 'education');
    expect(result.problems).toEqual([]);
    expect(result.mandates).toHaveLength(2);
    expect(result.mandates[0]).toMatchObject({
      label: '3',
      text: 'Promote quality education for all, including in rural areas',
      notes: ['Reservation of one state.', 'A second note that spans two lines'],
      summit: { city: 'Lima', year: 2018 },
      id: 'education-2018-declaration-of-lima-1',
    });
    expect(result.mandates[1]).toMatchObject({ label: '4', text: 'Strengthen health systems', year: 2009 });
  });

  it('takes the theme from the file name', () => {
    expect(themeFromFileName('seeds/summits-mandates-migration.txt')).toBe('migration');
    expect(themeFromFileName('/x/summits-mandates-Gender Equality.txt')).toBe('gender-equality');
  });
});

describe('problems in a page', () => {
  it('reports an entry it cannot cite with its line number instead of dropping it', () => {
    const result = parse('  1. A commitment with no citation.\n\n  1. Another one (Plan of Action Lima, 2018).\n');
    expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/no citation/) }]);
    expect(result.mandates).toHaveLength(1);
  });

  it('reports a citation whose year has no summit', () => {
    const result = parse('  1. A commitment (Plan of Action Somewhere, 1990).\n');
    expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/no summit .* 1990/) }]);
  });

  it('reports text that stands outside any entry', () => {
    const result = parse('  1. A commitment (Declaration of Lima, 2018).\n\nA stray paragraph.\n');
    expect(result.problems).toEqual([{ line: 3, message: expect.stringMatching(/outside an entry/) }]);
  });

  it('reports a chapeau with neither sub-items nor citation', () => {
    const result = parse('  1. Commit to:\n\n  1. Another (Declaration of Lima, 2018).\n');
    expect(result.problems.map((p) => p.line)).toEqual([1]);
  });

  it('reports two bullets with the same label under one instrument', () => {
    const result = parse('  • 2.8 One (Plan of Action Miami, 1994).\n  • 2.8 Two (Plan of Action Miami, 1994).\n');
    expect(result.problems).toEqual([{ line: 2, message: expect.stringMatching(/label "2.8"/) }]);
  });

  it('reports a page with no entries at all', () => {
    expect(parse('just a title\n').problems).toEqual([{ line: 1, message: expect.stringMatching(/no entries/) }]);
  });

  it('throws one error naming every problem line in strict mode', () => {
    const bad = '  1. No citation here.\n  1. Nor here.\n';
    expect(() => parseMandatesStrict(bad, { source: 'bad.txt', summits })).toThrowError(MandateParseError);
    expect(() => parseMandatesStrict(bad, { source: 'bad.txt', summits })).toThrowError(/bad.txt:1: .*\nbad.txt:2: /);
  });
});
