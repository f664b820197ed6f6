import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import { buildCatalogue, type CataloguePage } from '../../shared/domain/catalogue';
import { parseMandates, type Mandate } from '../../shared/domain/mandates';

const page = (path: string): CataloguePage => ({ name: path, text: readFileSync(path, 'utf8') });
const fixture = (name: string) => page(`tests/unit/fixtures/${name}`);
const migration = page('seeds/summits-mandates-migration.txt');
const health = fixture('summits-mandates-health-prevention.txt');
const healthEs = fixture('summits-mandates-health-prevention-es.txt');
const healthFr = fixture('summits-mandates-health-prevention-fr.txt');
const labor = fixture('summits-mandates-labor-employment.txt');
const migrationEs = fixture('summits-mandates-migration-es.txt');
const trabajo = fixture('summits-mandates-trabajo-decente.txt');
const build = (pages: CataloguePage[], previous?: Mandate[]) => buildCatalogue(pages, { summits, ...(previous ? { previous } : {}) });
const byId = (mandates: Mandate[], id: string) => {
  const found = mandates.find((m) => m.id === id);
  if (!found) throw new Error(`no mandate ${id}`);
  return found;
};

/** The ids `npm run parse-mandates -- seeds/summits-mandates-migration.txt` printed before the catalogue existed. */
const MIGRATION_IDS = [
  'migration-2022-inter-american-action-plan-on-democratic-governance-1',
  'migration-2022-inter-american-action-plan-on-democratic-governance-1-f',
  'migration-2022-regional-agenda-for-digital-transformation-1',
  'migration-2015-migration-initiatives-1',
  'migration-2015-migration-initiatives-2',
  'migration-2015-migration-initiatives-3',
  'migration-2015-migration-initiatives-4',
  'migration-2012-poverty-inequality-and-inequity-1',
  'migration-2012-citizen-security-and-transnational-organized-crime-1',
  'migration-2009-declaration-of-port-of-spain-1',
  'migration-2005-declaration-of-mar-del-plata-1',
  'migration-2005-plan-of-action-mar-del-plata-1',
  'migration-2005-plan-of-action-mar-del-plata-2',
  'migration-2005-plan-of-action-mar-del-plata-3',
  'migration-2004-declaration-of-nuevo-leon-1',
  'migration-2004-declaration-of-nuevo-leon-2',
  'migration-2001-declaration-of-quebec-1',
  ...Array.from({ length: 13 }, (_, i) => `migration-2001-plan-of-action-quebec-${i + 1}`),
  ...Array.from({ length: 6 }, (_, i) => `migration-1998-plan-of-action-santiago-${i + 1}`),
  'migration-1996-plan-of-action-santa-cruz-de-la-sierra-initiative-33',
  'migration-1994-plan-of-action-miami-2-8',
];

describe('the migration seed page in the catalogue', () => {
  it('keeps exactly the ids it had, and the mandates the page parser gives', () => {
    const { mandates, problems, report } = build([migration]);
    expect(problems).toEqual([]);
    expect(mandates.map((m) => m.id)).toEqual(MIGRATION_IDS);
    expect(mandates).toEqual(parseMandates(migration.text, { theme: 'migration', summits }).mandates);
    for (const m of mandates) expect(m).toMatchObject({ themes: ['migration'], language: 'en', texts: { en: m.text } });
    expect(report.pages).toEqual([{ name: migration.name, language: 'en', theme: 'migration', entries: 38, refused: false }]);
  });

  it('keeps them beside other theme pages and translations', () => {
    const { mandates, problems } = build([health, migrationEs, labor, migration, trabajo, healthEs, healthFr]);
    expect(problems).toEqual([]);
    expect(mandates.filter((m) => m.themes!.includes('migration')).map((m) => m.id)).toEqual(MIGRATION_IDS);
  });
});

describe('one mandate on several theme pages', () => {
  const healthFirst = build([health, labor]);
  const laborFirst = build([labor, health]);

  it('is one mandate with both themes, whichever page is loaded first', () => {
    expect(healthFirst.problems).toEqual([]);
    expect(laborFirst).toEqual(healthFirst);
    const { mandates } = healthFirst;
    const chapeau = 'health-disease-prevention-2022-action-plan-on-health-and-resilience-in-the-americas-1';
    expect(mandates.map((m) => [m.id, m.themes])).toEqual([
      [chapeau, ['health-disease-prevention', 'labor-employment']],
      [`${chapeau}-a`, ['health-disease-prevention']],
      [`${chapeau}-b`, ['health-disease-prevention']],
      [`${chapeau}-c`, ['health-disease-prevention', 'labor-employment']],
      ['health-disease-prevention-2015-health-initiatives-1', ['health-disease-prevention', 'labor-employment']],
      ['health-disease-prevention-2015-health-initiatives-2', ['health-disease-prevention']],
      ['health-disease-prevention-2009-declaration-of-port-of-spain-1', ['health-disease-prevention']],
      ['labor-employment-2005-plan-of-action-mar-del-plata-1', ['labor-employment']],
    ]);
    // the shared sub-item hangs under the one chapeau, and the mandate is written as on the page of its id
    expect(byId(mandates, `${chapeau}-c`).parentId).toBe(chapeau);
    expect(byId(mandates, 'health-disease-prevention-2015-health-initiatives-1')).toMatchObject({
      theme: 'health-disease-prevention',
      citation: '(Health, Initiatives VII Summit of the Americas, Panama City, 2015)',
      text: 'Make vaccination campaigns reach every community, including those living far from health centres',
    });
  });

  it('matches the text and the instrument whatever their spelling, but not a different text', () => {
    const a = { name: 'a.txt', text: 'EDUCATION\n\n  1. Teach  Reading, to all children (Plan of Action Québec, 2001).\n' };
    const b = { name: 'b.txt', text: 'YOUTH\n\n  1. Teach reading to all children. ;( Plan of Action of Quebec City, 2001)\n' };
    const c = { name: 'c.txt', text: 'CULTURE\n\n  1. Teach reading to all adults (Plan of Action Québec, 2001).\n' };
    const { mandates } = build([a, b, c]);
    expect(mandates.map((m) => [m.id, m.themes])).toEqual([
      ['culture-2001-plan-of-action-quebec-1', ['culture']],
      ['education-2001-plan-of-action-quebec-1', ['education', 'youth']],
    ]);
  });

  it('is refused when two pages give two mandates the same id', () => {
    const a = { name: 'a.txt', text: 'EDUCATION\n\n  1. Teach reading (Plan of Action Québec, 2001).\n' };
    const b = { name: 'b.txt', text: 'EDUCATION\n\n  1. Build schools (Plan of Action Québec, 2001).\n' };
    expect(build([a, b]).problems).toEqual([
      { file: 'b.txt', line: 3, message: 'another mandate already has the id education-2001-plan-of-action-quebec-1' },
    ]);
  });
});

describe('pages in other languages', () => {
  it('add texts.es to the English mandates at the same places, and never make new ones for them', () => {
    const { mandates, problems, report } = build([healthEs, health]);
    expect(problems).toEqual([]);
    expect(build([health, healthEs]).mandates).toEqual(mandates);
    const english = mandates.filter((m) => m.language === 'en');
    expect(english.map((m) => m.id)).toEqual(build([health]).mandates.map((m) => m.id));
    const chapeau = 'health-disease-prevention-2022-action-plan-on-health-and-resilience-in-the-americas-1';
    expect(byId(mandates, chapeau).texts).toEqual({
      en: 'Draw up a shared plan, grounded in evidence, that the states of the region can follow together, with a view to:',
      es: 'Elaborar un plan común, basado en la evidencia, que los Estados de la región puedan seguir juntos, con miras a:',
    });
    expect(byId(mandates, `${chapeau}-b`).texts!.es).toBe('Compartir datos de vigilancia entre países de manera oportuna y segura');
    expect(byId(mandates, 'health-disease-prevention-2015-health-initiatives-2').texts!.es).toBe(
      'Mantener reservas nacionales de medicamentos esenciales y revisarlas cada año.',
    );
    expect(byId(mandates, 'health-disease-prevention-2009-declaration-of-port-of-spain-1')).toMatchObject({
      text: 'Support the regional network of reference laboratories run with the Pan American Health Organization.',
      language: 'en',
      themes: ['health-disease-prevention'],
      texts: { es: 'Apoyar la red regional de laboratorios de referencia que funciona con la Organización Panamericana de la Salud.' },
    });
    for (const m of english) expect(Object.keys(m.texts!)).toEqual(['en', 'es']);
    expect(report.pages.find((p) => p.name === healthEs.name)).toMatchObject({ language: 'es', translates: health.name, refused: false });
  });

  it('report an entry with no English mandate at its place, and keep it as a Spanish mandate', () => {
    const { mandates, report } = build([health, healthEs]);
    expect(report.unmatched).toEqual([
      {
        file: healthEs.name,
        line: 29,
        message: `nothing stands at the same place in ${health.name}: kept as a mandate in "es"`,
      },
    ]);
    expect(mandates.filter((m) => m.language === 'es')).toEqual([
      expect.objectContaining({
        id: 'salud-prevencion-de-enfermedades-2009-declaracion-de-puerto-espana-2',
        text: 'Promover el intercambio de buenas prácticas en la prevención de las enfermedades crónicas no transmisibles',
        texts: { es: 'Promover el intercambio de buenas prácticas en la prevención de las enfermedades crónicas no transmisibles' },
        document: 'Declaración de Puerto España',
        summit: { name: 'Fifth Summit of the Americas', city: 'Port of Spain', year: 2009 },
        themes: ['salud-prevencion-de-enfermedades'],
        parentId: null,
      }),
    ]);
  });

  it('add texts.fr the same way, from a page that translates part of the English one', () => {
    const { mandates, report } = build([healthFr, health, healthEs]);
    expect(report.unmatched.filter((n) => n.file === healthFr.name)).toEqual([]);
    const chapeau = 'health-disease-prevention-2022-action-plan-on-health-and-resilience-in-the-americas-1';
    expect(byId(mandates, `${chapeau}-c`).texts).toEqual({
      en: 'Training health workers in rural and remote areas, and keeping them there',
      es: 'Formar al personal de salud en zonas rurales y remotas, y lograr que permanezca en ellas',
      fr: 'Former les agents de santé dans les zones rurales et isolées, et les y retenir',
    });
    expect(byId(mandates, 'health-disease-prevention-2015-health-initiatives-1').texts!.fr).toBeUndefined();
  });

  it('add texts.es to the migration mandates from a Spanish migration page, ids unchanged', () => {
    const { mandates, report } = build([migrationEs, migration]);
    expect(mandates.map((m) => m.id)).toEqual(MIGRATION_IDS);
    expect(mandates.filter((m) => m.texts!.es).map((m) => m.id)).toEqual([
      'migration-2005-plan-of-action-mar-del-plata-1',
      'migration-2005-plan-of-action-mar-del-plata-2',
      'migration-2005-plan-of-action-mar-del-plata-3',
    ]);
    expect(byId(mandates, 'migration-2005-plan-of-action-mar-del-plata-2').notes).toHaveLength(1);
    expect(report.unmatched).toEqual([]);
  });

  it('give Spanish mandates when a Spanish page is loaded alone', () => {
    const { mandates, report } = build([trabajo]);
    expect(report.language).toBe('es');
    expect(report.unmatched).toEqual([]);
    expect(mandates).toHaveLength(5);
    for (const m of mandates) expect(m).toMatchObject({ language: 'es', themes: ['trabajo-trabajo-decente'], texts: { es: m.text } });
    expect(mandates[0]!.text).toMatch(/^Promover el diálogo social/);
  });

  it('are never matched to a page that only shares some places: every entry is reported and kept', () => {
    // The labour page in Spanish has, like the migration page, "the first entry" of three instruments.
    const { mandates, report } = build([migration, trabajo]);
    expect(report.unmatched.map((n) => n.line)).toEqual([9, 11, 13, 15, 17]);
    expect(report.unmatched[0]!.message).toMatch(/no "en" page is known to be the one this page translates/);
    expect(byId(mandates, 'migration-2005-plan-of-action-mar-del-plata-1').texts).toEqual({ en: expect.any(String) });
    expect(mandates.filter((m) => m.language === 'es')).toHaveLength(5);
  });

  it('are matched to a page with exactly the same entries, or to the page they name', () => {
    const english = {
      name: 'energy.txt',
      text: 'ENERGY\n\n  1. Save energy (Declaration of Port of Spain, 2009).\n\n  1. Use the sun (Declaration of Port of Spain, 2009).\n',
    };
    const spanish = {
      name: 'energia.txt',
      text: 'ENERGÍA\n\n  1. Ahorrar energía (Declaración de Puerto España, 2009).\n\n  1. Usar el sol y el viento (Declaración de Puerto España, 2009).\n',
    };
    expect(build([english, spanish]).mandates.map((m) => m.texts)).toEqual([
      { en: 'Save energy', es: 'Ahorrar energía' },
      { en: 'Use the sun', es: 'Usar el sol y el viento' },
    ]);
    const part = { name: 'parte.txt', text: 'ENERGÍA\n\n  1. Usar el sol y el viento (Declaración de Puerto España, 2009).\n' };
    expect(build([english, part]).report.unmatched).toHaveLength(1);
    expect(build([english, { ...part, translates: 'energy.txt' }]).mandates.map((m) => m.texts)).toEqual([
      { en: 'Save energy', es: 'Usar el sol y el viento' },
      { en: 'Use the sun' },
    ]);
  });

  it('report a translation that differs from one already given, and keep the first by file name', () => {
    const english = { name: 'energy.txt', text: 'ENERGY\n\n  1. Save energy (Declaration of Port of Spain, 2009).\n' };
    const one = {
      name: 'a.txt',
      translates: 'energy.txt',
      text: 'ENERGÍA\n\n  1. Ahorrar energía en los edificios (Declaración de Puerto España, 2009).\n',
    };
    const two = {
      name: 'b.txt',
      translates: 'energy.txt',
      text: 'ENERGÍA\n\n  1. Economizar la energía de los edificios (Declaración de Puerto España, 2009).\n',
    };
    const { mandates, report } = build([two, english, one]);
    expect(mandates[0]!.texts!.es).toBe('Ahorrar energía en los edificios');
    expect(report.conflicts).toEqual([
      { file: 'b.txt', line: 3, message: 'another "es" text was already given for this mandate; kept that one' },
    ]);
  });

  it('report an instrument the registry does not know, in any language', () => {
    const english = { name: 'x.txt', text: 'TRADE\n\n  1. Do it with the states (Some Other Plan, Lima, 2018).\n' };
    const spanish = { name: 'x-es.txt', text: 'COMERCIO\n\n  1. Hacerlo con los Estados (Otro Plan, Lima, 2018).\n' };
    expect(build([english, spanish]).report.unmatched).toEqual([
      {
        file: 'x-es.txt',
        line: 3,
        message: 'the registry has no instrument "Otro Plan" for the summit of 2018: kept as a mandate in "es"',
      },
    ]);
  });
});

describe('a page with a line it cannot place', () => {
  it('is refused whole, with the file and line, while the other pages load', () => {
    const broken = { name: 'broken.txt', text: `${labor.text}\n\nA stray remark between the entries\n` };
    const { mandates, problems, report } = build([health, broken]);
    expect(problems).toEqual([{ file: 'broken.txt', line: 16, message: 'text outside an entry: "A stray remark between the entries"' }]);
    expect(mandates.every((m) => m.themes!.every((theme) => theme === 'health-disease-prevention'))).toBe(true);
    expect(mandates).toHaveLength(7);
    expect(report.pages.find((p) => p.name === 'broken.txt')).toMatchObject({ refused: true });
  });
});

describe('ids across re-imports', () => {
  const gender = (lines: string[]) => ({ name: 'gender.txt', text: ['GENDER ISSUES: Equality', 'MANDATES', '', ...lines].join('\n') });
  const shared =
    '  1. To develop comprehensive public policies, as appropriate, to strengthen social inclusion of migrants in a bid to overcome marginalization, victimization, and poverty and, regardless of their immigration status, protect their human rights. (Poverty, Inequality, and Inequity, Cartagena, 2012).';
  const own = '  1. Close the pay gap between women and men (Poverty, Inequality, and Inequity, Cartagena, 2012).';
  const fresh = '  1. Count unpaid care work in national accounts (Poverty, Inequality, and Inequity, Cartagena, 2012).';

  it('move to the page of the smallest theme when no previous import is given', () => {
    const { mandates } = build([migration, gender([shared])]);
    expect(mandates.find((m) => m.text.startsWith('To develop comprehensive public policies'))).toMatchObject({
      id: 'gender-issues-equality-2012-poverty-inequality-and-inequity-1',
      themes: ['gender-issues-equality', 'migration'],
    });
  });

  it('are kept from the previous import, even when a page of a smaller theme now shares the mandate', () => {
    const before = build([migration]).mandates;
    const { mandates, problems } = build([migration, gender([shared])], before);
    expect(problems).toEqual([]);
    // the same ids; the shared mandate now comes first, with the page of the smallest theme it stands on
    expect(
      mandates
        .filter((m) => m.themes!.includes('migration'))
        .map((m) => m.id)
        .sort(),
    ).toEqual([...MIGRATION_IDS].sort());
    expect(byId(mandates, 'migration-2012-poverty-inequality-and-inequity-1').themes).toEqual(['gender-issues-equality', 'migration']);
  });

  it('are kept for an edited entry, and a new entry takes the next free place', () => {
    const before = build([gender([own])]).mandates;
    expect(before.map((m) => m.id)).toEqual(['gender-issues-equality-2012-poverty-inequality-and-inequity-1']);
    const inserted = build([gender([fresh, '', own])], before).mandates;
    expect(inserted.map((m) => [m.id, m.text])).toEqual([
      ['gender-issues-equality-2012-poverty-inequality-and-inequity-2', 'Count unpaid care work in national accounts'],
      ['gender-issues-equality-2012-poverty-inequality-and-inequity-1', 'Close the pay gap between women and men'],
    ]);
    const edited = build([gender([own.replace('the pay gap', 'the wage gap')])], before).mandates;
    expect(edited.map((m) => [m.id, m.text])).toEqual([
      ['gender-issues-equality-2012-poverty-inequality-and-inequity-1', 'Close the wage gap between women and men'],
    ]);
  });
});
