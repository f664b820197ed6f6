import { beforeEach, describe, expect, it } from 'vitest';
import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { isPlaceholderAddress, parseCsv } from '../../shared/domain/register';
import { memoryStores } from '../../shared/store/memory';
import type { Stores } from '../../shared/store/ports';
import { createCycle } from '../../shared/usecases/cycles';
import { exportRegister, importRegister, updateState } from '../../shared/usecases/register';
import { seed } from '../../shared/usecases/seed';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { domainError, recordingMailer, settings } from '../usecases/fakes';

const NOW = '2027-03-01T09:00:00.000Z';
let stores: Stores;

beforeEach(async () => {
  stores = memoryStores();
  await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
});

describe('placeholder addresses', () => {
  it('are the seeded example.org ones and reserved names, never a real domain', () => {
    for (const address of ['focal-point@jam.example.org', 'a@b.example.com', 'x@mfa.test', 'x@y.invalid', 'x@localhost', 'x@gov.example']) {
      expect(isPlaceholderAddress(address), address).toBe(true);
    }
    for (const address of ['focal@mfa.gov.jm', 'x@example.org.jm', 'someone@testing.org'])
      expect(isPlaceholderAddress(address), address).toBe(false);
  });

  it('refuse a cycle on AWS, naming every state that has no real address', async () => {
    await updateState(stores, 'JAM', { focalPoints: ['coordinator@mfa.gov.jm'] }, NOW);
    const request = { title: 'Real', deadline: '2027-06-30', states: ['JAM', 'HTI', 'MEX'] };
    const error = await domainError(
      createCycle(request, { stores, summits, actor: 'test', now: NOW, requireRealAddresses: true }),
      'conflict',
      'placeholder_addresses',
    );
    expect(error.message).toContain('Haiti (HTI)');
    expect(error.message).toContain('Mexico (MEX)');
    expect(error.message).not.toContain('JAM');
    expect(error.details).toEqual({
      states: [
        { code: 'HTI', name: 'Haiti' },
        { code: 'MEX', name: 'Mexico' },
      ],
    });
    expect(await stores.cycles.listCycles()).toEqual([]);
  });

  it('do not stop a local cycle', async () => {
    const { cycle } = await createCycle(
      { title: 'Local', deadline: '2027-06-30', states: ['HTI'] },
      { stores, summits, actor: 'test', now: NOW },
    );
    expect(cycle.stateCount).toBe(1);
  });
});

describe('the register', () => {
  it("sends the next invitation to the addresses the secretariat entered, the coordinator's first", async () => {
    await updateState(stores, 'HTI', { focalPoints: ['coordination@mae.gouv.ht', 'copie@mae.gouv.ht', 'COPIE@mae.gouv.ht'] }, NOW);
    await createCycle({ title: 'Haïti', deadline: '2027-06-30', states: ['HTI'] }, { stores, summits, actor: 'test', now: NOW });
    const mail = recordingMailer();
    await sendDueEmails({ stores, mailer: mail.mailer, now: NOW, settings });
    expect(mail.sent.map((e) => e.to)).toEqual(['coordination@mae.gouv.ht', 'copie@mae.gouv.ht']);
  });

  it('exports as CSV and imports the same file back unchanged', async () => {
    const csv = await exportRegister(stores);
    expect(csv.startsWith('\uFEFFcode,name,localName,language,active,focalPoints,note\r\n')).toBe(true);
    expect(parseCsv(csv)).toHaveLength(36);
    const result = await importRegister(stores, csv, { apply: true, now: NOW });
    expect(result).toMatchObject({ changed: [], unchanged: 35, problems: [], applied: true });
  });

  it('previews an import, then applies it: addresses, language and activity, with quoted cells', async () => {
    const csv =
      'code,focalPoints,language,active,note\r\nHTI,"coordination@mae.gouv.ht; copie@mae.gouv.ht",fr,yes,"Ministère, direction ""OEA"""\nCUB,,es,true,\n';
    const preview = await importRegister(stores, csv, { apply: false, now: NOW });
    expect(preview.changed).toEqual([
      { code: 'HTI', fields: ['focalPoints', 'note'] },
      { code: 'CUB', fields: ['active'] },
    ]);
    expect((await stores.states.getState('HTI'))!.focalPoints).toEqual(['focal-point@hti.example.org']);
    await importRegister(stores, csv, { apply: true, now: NOW });
    expect(await stores.states.getState('HTI')).toMatchObject({
      focalPoints: ['coordination@mae.gouv.ht', 'copie@mae.gouv.ht'],
      note: 'Ministère, direction "OEA"',
    });
    expect((await stores.states.getState('CUB'))!.active).toBe(true);
  });

  it('refuses a file with any problem, naming each line, and writes nothing', async () => {
    const csv = 'code,focalPoints,language\nHTI,not-an-address,fr\nXXX,a@b.org,en\nJAM,ok@mfa.gov.jm,klingon\nJAM,ok@mfa.gov.jm,en\n';
    const error = await domainError(importRegister(stores, csv, { apply: true, now: NOW }), 'unprocessable', 'register_has_problems');
    const problems = (error.details as { problems: { line: number; message: string }[] }).problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(problems[1]!.message).toMatch(/XXX is not in the register/);
    expect(problems[3]!.message).toMatch(/JAM appears twice/);
    expect((await stores.states.getState('JAM'))!.focalPoints).toEqual(['focal-point@jam.example.org']);
  });

  it('refuses a header it does not know', async () => {
    await domainError(importRegister(stores, 'code,email\nJAM,x@y.org\n', { apply: false, now: NOW }), 'unprocessable', 'bad_header');
  });
});
