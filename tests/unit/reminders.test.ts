import { describe, expect, it } from 'vitest';
import {
  calendarDaysBetween,
  DEFAULT_PLAN,
  dueSlot,
  nextReminderAt,
  reminderSlots,
  type ScheduleState,
} from '../../shared/domain/reminders';
import { progressLine, renderEmail } from '../../shared/render/email';

const deadline = '2027-03-15T23:59:59.000Z';
const base: ScheduleState = {
  deadline,
  plan: DEFAULT_PLAN,
  remindAfter: '2027-01-10T09:00:00.000Z',
  invitationSent: true,
  invitationSlot: 'invitation#1',
  openedAt: '2027-01-10T09:00:00.000Z',
  sentSlots: ['invitation#1'],
  queued: [],
};

describe('the reminder plan', () => {
  it('puts reminders at the start of the day N days before the deadline, then overdue notices', () => {
    expect(reminderSlots(deadline, DEFAULT_PLAN).map((s) => `${s.kind} ${s.at}`)).toEqual([
      'reminder 2027-02-13T00:00:00.000Z',
      'reminder 2027-03-01T00:00:00.000Z',
      'reminder 2027-03-08T00:00:00.000Z',
      'reminder 2027-03-14T00:00:00.000Z',
      'overdue 2027-03-22T00:00:00.000Z',
      'overdue 2027-03-29T00:00:00.000Z',
      'overdue 2027-04-05T00:00:00.000Z',
    ]);
  });

  it('sends the invitation first, whatever the time', () => {
    const state = { ...base, invitationSent: false, sentSlots: [] };
    expect(dueSlot(state, '2027-03-09T00:00:00.000Z')).toMatchObject({ kind: 'invitation', name: 'invitation#1' });
    expect(dueSlot(state, '2027-01-09T00:00:00.000Z')).toBeUndefined();
  });

  it('after missed runs sends only the latest due reminder, once', () => {
    const slot = dueSlot(base, '2027-03-09T10:00:00.000Z')!;
    expect(slot.name).toBe(`before-7@${deadline}`);
    expect(dueSlot({ ...base, sentSlots: [...base.sentSlots, slot.name] }, '2027-03-09T10:00:00.000Z')).toBeUndefined();
    expect(nextReminderAt({ ...base, sentSlots: [...base.sentSlots, slot.name] }, '2027-03-09T10:00:00.000Z')).toBe(
      '2027-03-14T00:00:00.000Z',
    );
  });

  it('ignores the slots at or before remindAfter (an invitation or extension notice covered them)', () => {
    const late = { ...base, remindAfter: '2027-03-10T00:00:00.000Z' };
    expect(dueSlot(late, '2027-03-10T12:00:00.000Z')).toBeUndefined();
    expect(nextReminderAt(late, '2027-03-10T12:00:00.000Z')).toBe('2027-03-14T00:00:00.000Z');
  });

  it('sends queued one-off emails before the plan, and has nothing left after the last overdue notice', () => {
    const queued = { ...base, queued: [{ name: 'manual@x', kind: 'reminder' as const, at: '2027-02-01T00:00:00.000Z' }] };
    expect(dueSlot(queued, '2027-03-09T00:00:00.000Z')!.name).toBe('manual@x');
    const allSent = { ...base, sentSlots: [...base.sentSlots, `overdue-3@${deadline}`] };
    expect(nextReminderAt(allSent, '2027-04-06T00:00:00.000Z')).toBeUndefined();
  });

  it('counts days left and days late in calendar days', () => {
    expect(calendarDaysBetween('2027-03-08T09:00:00Z', deadline)).toBe(7);
    expect(calendarDaysBetween('2027-03-15T23:00:00Z', deadline)).toBe(0);
    expect(calendarDaysBetween('2027-03-22T00:00:00Z', deadline)).toBe(-7);
  });
});

describe('the emails', () => {
  const ctx = {
    kind: 'reminder' as const,
    stateName: 'Jamaica',
    cycleTitle: 'Migration <2027>',
    deadline,
    now: '2027-03-09T10:00:00.000Z',
    answered: 16,
    total: 23,
    link: 'https://example.org/respond/abc',
  };

  it('say what is still open, in each language', () => {
    expect(progressLine({ ...ctx, language: 'en' })).toBe('7 of 23 mandates unanswered; deadline March 15, 2027, 6 days left');
    expect(progressLine({ ...ctx, language: 'es' })).toBe('7 de 23 mandatos sin respuesta; plazo: 15 de marzo de 2027, quedan 6 días');
    expect(progressLine({ ...ctx, language: 'fr' })).toBe('7 mandats sur 23 sans réponse ; échéance : 15 mars 2027, 6 jours restants');
    expect(progressLine({ ...ctx, language: 'pt' })).toBe('7 de 23 mandatos sem resposta; prazo: 15 de março de 2027, faltam 6 dias');
    expect(progressLine({ ...ctx, language: 'en', now: '2027-03-20T10:00:00.000Z' })).toMatch(/5 days late$/);
  });

  it('have a text and an HTML part, escape what they show, and carry the link', () => {
    const email = renderEmail({ ...ctx, language: 'en' });
    expect(email.subject).toBe('Reminder: your report for "Migration <2027>"');
    expect(email.text).toContain('https://example.org/respond/abc');
    expect(email.html).toContain('Migration &lt;2027&gt;');
    expect(email.html).not.toContain('<2027>');
    expect(email.html).toContain('<html lang="en">');
  });
});

describe('the send pacer', () => {
  it('keeps concurrent senders to the rate: no second holds more than the rate', async () => {
    const { SendPacer } = await import('../../shared/usecases/send-reminders');
    const pacer = new SendPacer(50, (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const stamps: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 15; i += 1) {
          await pacer.take();
          stamps.push(performance.now());
        }
      }),
    );
    stamps.sort((a, b) => a - b);
    expect(stamps.at(-1)! - stamps[0]!).toBeGreaterThanOrEqual(59 * 20 - 40);
    let busiest = 0;
    for (let i = 0, j = 0; i < stamps.length; i += 1) {
      while (stamps[i]! - stamps[j]! >= 1000) j += 1;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(50);
  });

  it('keeps up the rate when every timer fires late, and still never puts more than the rate in a second', async () => {
    const { SendPacer } = await import('../../shared/usecases/send-reminders');
    for (const late of [0, 3, 8, 15]) {
      let clock = 0;
      // A timer that fires `late` ms after it was due, on a clock of its own: no real waiting.
      const pacer = new SendPacer(
        50,
        async (ms) => void (clock += ms + late),
        () => clock,
      );
      const stamps: number[] = [];
      for (let i = 0; i < 500; i += 1) {
        await pacer.take();
        stamps.push(clock);
      }
      const rate = (stamps.length - 1) / ((stamps.at(-1)! - stamps[0]!) / 1000);
      expect(rate, `timers ${late} ms late`).toBeGreaterThanOrEqual(0.95 * 50);
      expect(rate, `timers ${late} ms late`).toBeLessThanOrEqual(50);
      let busiest = 0;
      for (let i = 0, j = 0; i < stamps.length; i += 1) {
        while (stamps[i]! - stamps[j]! >= 1000) j += 1;
        busiest = Math.max(busiest, i - j + 1);
      }
      expect(busiest, `timers ${late} ms late`).toBeLessThanOrEqual(50);
    }
  });
});
