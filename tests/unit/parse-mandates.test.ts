import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import {
  detectLanguage,
  MandateParseError,
  parseMandates,
  parseMandatesStrict,
  themeFromFileName,
  type Mandate,
} from '../../shared/domain/mandates';

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
      [
        'To design and implement or strengthen public policies',
        '(Migration, Initiatives VII Summit of the Americas, Panama City, 2015)',
        'Migration, Initiatives',
      ],
      ['We recognize that remittances', '(Declaration of Nuevo León, 2004)', 'Declaration of Nuevo León'],
      ['We reaffirm the importance of fully protecting', '(Declaration of Port of Spain, 2009)', 'Declaration of Port of Spain'],
      [
        'To develop comprehensive public policies',
        '(Poverty, Inequality, and Inequity, Cartagena, 2012)',
        'Poverty, Inequality, and Inequity',
      ],
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

  it('reports a page with no entries at all, and the line it cannot place', () => {
    expect(parse('just a title\n').problems).toEqual([
      { line: 1, message: expect.stringMatching(/text before the first entry: "just a title"/) },
      { line: 1, message: expect.stringMatching(/no entries/) },
    ]);
  });

  it('throws one error naming every problem line in strict mode', () => {
    const bad = '  1. No citation here.\n  1. Nor here.\n';
    expect(() => parseMandatesStrict(bad, { source: 'bad.txt', summits })).toThrowError(MandateParseError);
    expect(() => parseMandatesStrict(bad, { source: 'bad.txt', summits })).toThrowError(/bad.txt:1: .*\nbad.txt:2: /);
  });
});

const fixture = (name: string) => readFileSync(`tests/unit/fixtures/${name}`, 'utf8');
/** What a test checks of a mandate: everything but where it stands on the page. */
const shape = (m: Mandate) => ({
  id: m.id,
  label: m.label,
  parentId: m.parentId,
  chapeau: m.chapeau,
  text: m.text,
  citation: m.citation,
  document: m.document,
  summit: m.summit.city,
  year: m.year,
  notes: m.notes,
});

describe('the structures of the other theme pages', () => {
  it('reads the furniture, the heading, lettered bullets under a chapeau, a separator and every citation form', () => {
    const page = parse(fixture('summits-mandates-health-prevention.txt'), 'from-the-file-name');
    expect(page.problems).toEqual([]);
    expect(page).toMatchObject({
      theme: 'health-disease-prevention',
      heading: { theme: 'HEALTH', subTheme: 'Disease Prevention', line: 9 },
      language: 'en',
    });
    const chapeau = 'health-disease-prevention-2022-action-plan-on-health-and-resilience-in-the-americas-1';
    const plan = {
      citation: '(Action Plan on Health and Resilience in the Americas, IX Summit of the Americas, Los Angeles, 2022)',
      document: 'Action Plan on Health and Resilience in the Americas',
      summit: 'Los Angeles',
      year: 2022,
      notes: [],
    };
    const health = {
      citation: '(Health, Initiatives VII Summit of the Americas, Panama City, 2015)',
      document: 'Health, Initiatives',
      summit: 'Panama City',
      year: 2015,
    };
    expect(page.mandates.map(shape)).toEqual([
      {
        ...plan,
        id: chapeau,
        label: '1',
        parentId: null,
        chapeau: true,
        text: 'Draw up a shared plan, grounded in evidence, that the states of the region can follow together, with a view to:',
      },
      {
        ...plan,
        id: `${chapeau}-a`,
        label: 'a',
        parentId: chapeau,
        chapeau: false,
        text: 'Building the capacity of national laboratories to detect new pathogens early',
      },
      {
        ...plan,
        id: `${chapeau}-b`,
        label: 'b',
        parentId: chapeau,
        chapeau: false,
        text: 'Sharing surveillance data across borders in a timely and secure manner',
      },
      {
        ...plan,
        id: `${chapeau}-c`,
        label: 'c',
        parentId: chapeau,
        chapeau: false,
        text: 'Training health workers in rural and remote areas, and keeping them there',
      },
      {
        ...health,
        id: 'health-disease-prevention-2015-health-initiatives-1',
        label: '2',
        parentId: null,
        chapeau: false,
        text: 'Make vaccination campaigns reach every community, including those living far from health centres',
        notes: [],
      },
      {
        ...health,
        id: 'health-disease-prevention-2015-health-initiatives-2',
        label: '3',
        parentId: null,
        chapeau: false,
        text: 'Keep national stockpiles of essential medicines and review them every year.',
        notes: [],
      },
      {
        id: 'health-disease-prevention-2009-declaration-of-port-of-spain-1',
        label: '4',
        parentId: null,
        chapeau: false,
        text: 'Support the regional network of reference laboratories run with the Pan American Health Organization.',
        citation: '(Declaration of Port of Spain, 2009)',
        document: 'Declaration of Port of Spain',
        summit: 'Port of Spain',
        year: 2009,
        notes: ['One state joins this paragraph on the understanding that it creates no new financial obligation.'],
      },
    ]);
    for (const m of page.mandates)
      expect(m).toMatchObject({
        theme: 'health-disease-prevention',
        themes: ['health-disease-prevention'],
        language: 'en',
        texts: { en: m.text },
      });
  });

  it('reads a theme heading without sub-theme, the Lima Commitment, real numbers and indented numbered sub-items', () => {
    const page = parse(fixture('summits-mandates-follow-up.txt'));
    expect(page.problems).toEqual([]);
    expect(page).toMatchObject({ theme: 'summit-follow-up', heading: { theme: 'SUMMIT FOLLOW-UP' }, language: 'en' });
    expect(page.heading!.subTheme).toBeUndefined();
    const lima = {
      citation: '(Lima Commitment. Peru, 2018)',
      document: 'Lima Commitment',
      summit: 'Lima',
      year: 2018,
      notes: [],
      parentId: null,
      chapeau: false,
    };
    const goals = 'summit-follow-up-2015-prosperity-with-equity-mandates-for-action-1';
    const equity = {
      citation: '(Prosperity with Equity, Mandates for Action VII Summit of the Americas, Panama City, 2015)',
      document: 'Prosperity with Equity, Mandates for Action',
      summit: 'Panama City',
      year: 2015,
      notes: [],
    };
    const system = 'summit-follow-up-2005-declaration-of-mar-del-plata-1';
    const marDelPlata = {
      citation: '(Declaration of Mar del Plata, 2005)',
      document: 'Declaration of Mar del Plata',
      summit: 'Mar del Plata',
      year: 2005,
      notes: [],
    };
    expect(page.mandates.map(shape)).toEqual([
      {
        ...lima,
        id: 'summit-follow-up-2018-lima-commitment-1',
        label: '1',
        text: 'Ask the Summits Secretariat to keep the record of every commitment and to report on progress each year',
      },
      {
        ...lima,
        id: 'summit-follow-up-2018-lima-commitment-2',
        label: '2',
        text: 'Invite the ministerial meetings of the hemisphere to take up the commitments of this Summit in their own plans.',
      },
      {
        ...equity,
        id: goals,
        label: '1',
        parentId: null,
        chapeau: true,
        text: 'Recognising that shared goals help measure progress, we will work so that by 2030 each of our countries has widened:',
      },
      { ...equity, id: `${goals}-1`, label: '1', parentId: goals, chapeau: false, text: 'Access to clean water and sanitation' },
      { ...equity, id: `${goals}-2`, label: '2', parentId: goals, chapeau: false, text: 'Access to affordable broadband' },
      {
        ...equity,
        id: `${goals}-3`,
        label: '3',
        parentId: goals,
        chapeau: false,
        text: 'The share of young people in secondary or technical schooling',
      },
      {
        ...marDelPlata,
        id: system,
        label: '1',
        parentId: null,
        chapeau: true,
        text: 'Within the Joint Summit Working Group, the institutions of the inter-American system will:',
      },
      {
        ...marDelPlata,
        id: `${system}-1`,
        label: '1',
        parentId: system,
        chapeau: false,
        text: 'Publish a yearly account of the support they gave to each mandate',
      },
      {
        ...marDelPlata,
        id: `${system}-2`,
        label: '2',
        parentId: system,
        chapeau: false,
        text: 'Meet the national coordinators at least once a year',
      },
    ]);
  });

  it('reads a page in Spanish on its own into Spanish mandates', () => {
    const page = parse(fixture('summits-mandates-trabajo-decente.txt'));
    expect(page.problems).toEqual([]);
    expect(page).toMatchObject({
      theme: 'trabajo-trabajo-decente',
      heading: { theme: 'TRABAJO', subTheme: 'Trabajo decente' },
      language: 'es',
    });
    const chapeau = 'trabajo-trabajo-decente-2022-plan-de-accion-interamericano-sobre-gobernabilidad-democratica-1';
    const governance = {
      citation: '(Plan de Acción Interamericano sobre Gobernabilidad Democrática, IX Cumbre de las Américas, Los Ángeles, 2022)',
      document: 'Plan de Acción Interamericano sobre Gobernabilidad Democrática',
      summit: 'Los Angeles',
      year: 2022,
      notes: [],
    };
    expect(page.mandates.map(shape)).toEqual([
      {
        id: 'trabajo-trabajo-decente-2005-plan-de-accion-de-mar-del-plata-1',
        label: '1',
        parentId: null,
        chapeau: false,
        text: 'Promover el diálogo social entre gobiernos, trabajadores y empleadores para mejorar las condiciones de trabajo en toda la región.',
        citation: '(Plan de Acción de Mar del Plata, 2005)',
        document: 'Plan de Acción de Mar del Plata',
        summit: 'Mar del Plata',
        year: 2005,
        notes: [],
      },
      {
        id: 'trabajo-trabajo-decente-2009-declaracion-de-puerto-espana-1',
        label: '2',
        parentId: null,
        chapeau: false,
        text: 'Reforzar la inspección del trabajo y la aplicación efectiva de las leyes laborales nacionales',
        citation: '(Declaración de Puerto España, 2009)',
        document: 'Declaración de Puerto España',
        summit: 'Port of Spain',
        year: 2009,
        notes: [],
      },
      {
        ...governance,
        id: chapeau,
        label: '3',
        parentId: null,
        chapeau: true,
        text: 'Fortalecer la cooperación regional en materia de empleo juvenil, entre otras, mediante las siguientes medidas:',
      },
      {
        ...governance,
        id: `${chapeau}-a`,
        label: 'a',
        parentId: chapeau,
        chapeau: false,
        text: 'Ampliar los programas de aprendizaje en las empresas',
      },
      {
        ...governance,
        id: `${chapeau}-b`,
        label: 'b',
        parentId: chapeau,
        chapeau: false,
        text: 'Facilitar el reconocimiento de las competencias adquiridas en el trabajo',
      },
    ]);
    for (const m of page.mandates) expect(m).toMatchObject({ language: 'es', texts: { es: m.text } });
  });

  it('reads a page in French, its header and its citations', () => {
    const page = parse(fixture('summits-mandates-health-prevention-fr.txt'));
    expect(page.problems).toEqual([]);
    expect(page).toMatchObject({
      theme: 'sante-prevention-des-maladies',
      heading: { theme: 'SANTÉ', subTheme: 'Prévention des maladies' },
      language: 'fr',
    });
    expect(page.mandates.map((m) => [m.label, m.chapeau, m.document, m.year, m.summit.city])).toEqual([
      ['1', true, "Plan d'action sur la santé et la résilience dans les Amériques", 2022, 'Los Angeles'],
      ['a', false, "Plan d'action sur la santé et la résilience dans les Amériques", 2022, 'Los Angeles'],
      ['b', false, "Plan d'action sur la santé et la résilience dans les Amériques", 2022, 'Los Angeles'],
      ['c', false, "Plan d'action sur la santé et la résilience dans les Amériques", 2022, 'Los Angeles'],
    ]);
    expect(page.mandates[3]!.text).toBe('Former les agents de santé dans les zones rurales et isolées, et les y retenir');
  });

  it('reads every spelling of a citation, in English and Spanish', () => {
    const cases: [string, { text: string; document: string; year: number; city: string }][] = [
      [
        'Share the results of the review;(Action Plan on Health and Resilience in the Americas, 2022).',
        {
          text: 'Share the results of the review',
          document: 'Action Plan on Health and Resilience in the Americas',
          year: 2022,
          city: 'Los Angeles',
        },
      ],
      [
        'Report to the next Summit. (Declaration of Port of Spain, 2009)',
        { text: 'Report to the next Summit.', document: 'Declaration of Port of Spain', year: 2009, city: 'Port of Spain' },
      ],
      [
        'Report to the next Summit (Declaration of Port of Spain, 2009).',
        { text: 'Report to the next Summit', document: 'Declaration of Port of Spain', year: 2009, city: 'Port of Spain' },
      ],
      [
        'Publish the rules on party funding (Lima Commitment. Peru, 2018)',
        { text: 'Publish the rules on party funding', document: 'Lima Commitment', year: 2018, city: 'Lima' },
      ],
      [
        'Informar a la próxima Cumbre (Declaración de Puerto España, 2009)',
        { text: 'Informar a la próxima Cumbre', document: 'Declaración de Puerto España', year: 2009, city: 'Port of Spain' },
      ],
      [
        'Crear empleo decente. (Plan de Acción de Mar del Plata, 2005).',
        { text: 'Crear empleo decente.', document: 'Plan de Acción de Mar del Plata', year: 2005, city: 'Mar del Plata' },
      ],
      [
        'Apoyar elecciones libres (Plan de Acción Interamericano sobre Gobernabilidad Democrática, IX Cumbre de las Américas, Los Ángeles, 2022)',
        {
          text: 'Apoyar elecciones libres',
          document: 'Plan de Acción Interamericano sobre Gobernabilidad Democrática',
          year: 2022,
          city: 'Los Angeles',
        },
      ],
      [
        'Vacunar a toda la población (Salud, Iniciativas VII Cumbre de las Américas, Ciudad de Panamá, 2015).',
        { text: 'Vacunar a toda la población', document: 'Salud, Iniciativas', year: 2015, city: 'Panama City' },
      ],
    ];
    for (const [entry, expected] of cases) {
      const page = parse(`  1. ${entry}\n`);
      expect(page.problems).toEqual([]);
      const [m] = page.mandates;
      expect({ text: m!.text, document: m!.document, year: m!.year, city: m!.summit.city }).toEqual(expected);
    }
  });

  it('lets only the last items of a group carry the citation, and gives it to the items before them', () => {
    const page = parse(
      [
        '  1. Commit to:',
        '',
        '    • a. First;',
        '',
        '    • b. Second; (Plan of Action Québec, 2001).',
        '',
        '    • c. Third (Plan of Action Santiago, 1998).',
        '',
      ].join('\n'),
    );
    expect(page.problems).toEqual([]);
    expect(page.mandates.map((m) => [m.label, m.text, m.year])).toEqual([
      ['1', 'Commit to:', 2001],
      ['a', 'First', 2001],
      ['b', 'Second', 2001],
      ['c', 'Third', 1998],
    ]);
  });

  it('reads roman-numbered bullets under a chapeau (i., ii., iv., ix.), the citation on the last only, in Spanish', () => {
    const page = parse(
      [
        '  1. Preparar un plan regional con miras a:',
        '',
        '    • i. Reducir la mortalidad evitable;',
        '',
        '    • ii. Ampliar el acceso a agua potable;',
        '',
        '    • iv. Formar personal de salud;',
        '',
        '    • ix. Medir los avances; (Plan de Acción sobre Salud y Resiliencia en las Américas, IX Cumbre de las Américas, Los Ángeles, 2022)',
        '',
      ].join('\n'),
    );
    expect(page.problems).toEqual([]);
    expect(page.mandates.map((m) => [m.label, m.parentId === null, m.year])).toEqual([
      ['1', true, 2022],
      ['i', false, 2022],
      ['ii', false, 2022],
      ['iv', false, 2022],
      ['ix', false, 2022],
    ]);
  });

  it('ends a group at a separator line', () => {
    const page = parse(
      [
        '  1. Commit to:',
        '    • a. First (Plan of Action Québec, 2001).',
        '_____________',
        '    • b. Second (Plan of Action Québec, 2001).',
        '',
      ].join('\n'),
    );
    expect(page.problems).toEqual([]);
    expect(page.mandates.map((m) => [m.label, m.parentId === null])).toEqual([
      ['1', true],
      ['a', false],
      ['b', true],
    ]);
  });

  it('takes the theme from the heading, and from the file name only when the page has none', () => {
    const headed = 'LABOR: Decent Work\nMANDATES\n\n  1. Create decent jobs (Declaration of Mar del Plata, 2005).\n';
    expect(parseMandatesStrict(headed, { source: 'summits-mandates-anything.txt', summits })[0]!.theme).toBe('labor-decent-work');
    expect(
      parseMandatesStrict(headed.split('\n').slice(2).join('\n'), { source: 'summits-mandates-anything.txt', summits })[0]!.theme,
    ).toBe('anything');
  });

  it('tells the four languages apart by their words', () => {
    expect(detectLanguage('We will strengthen the cooperation of our states and support their efforts.')).toBe('en');
    expect(detectLanguage('Fortalecer la cooperación entre los Estados y apoyar el trabajo del sistema.')).toBe('es');
    expect(detectLanguage('Renforcer la coopération entre les États et soutenir les efforts des pays.')).toBe('fr');
    expect(detectLanguage('Fortalecer a cooperação entre os Estados e apoiar o trabalho da região com os parceiros.')).toBe('pt');
  });
});

describe('lines a page cannot place', () => {
  it('reports a stray line above the first entry, and a furniture line among the entries', () => {
    const page = parse(
      [
        'Organization of American States Summits of the Americas',
        'Follow-up and Implementation: Mandates',
        'See also the annual report',
        'HEALTH: Disease Prevention',
        'MANDATES',
        '',
        '  1. Keep stockpiles (Declaration of Port of Spain, 2009).',
        '',
        'MANDATES',
        '',
        '2',
        '_________',
        'A closing remark',
      ].join('\n'),
    );
    expect(page.problems).toEqual([
      { line: 3, message: 'text before the first entry: "See also the annual report"' },
      { line: 9, message: 'text outside an entry: "MANDATES"' },
      { line: 11, message: 'text outside an entry: "2"' },
      { line: 13, message: 'text outside an entry: "A closing remark"' },
    ]);
  });

  it('reports the items of a group when none carries a citation', () => {
    const page = parse('  1. Commit to:\n    • a. First;\n    • b. Second\n\n  1. Other (Declaration of Lima, 2018).\n');
    expect(page.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'entry has no citation, and no later item of its group has one'],
      [3, 'entry has no citation, and no later item of its group has one'],
    ]);
  });

  it('refuses the whole page in strict mode, naming the stray line', () => {
    const text = fixture('summits-mandates-health-prevention.txt').replace('MANDATES\n', 'MANDATES\nRead this first\n');
    expect(() => parseMandatesStrict(text, { source: 'health.txt', summits })).toThrowError(
      /^health.txt:11: text before the first entry: "Read this first"$/,
    );
  });
});
