/**
 * The scheduled jobs. EventBridge Scheduler runs them on AWS (infra/aws), the job runner locally
 * (`npm run job -- NAME --now ISO`, and `npm start` on a timer). `fn` is the folder under functions/.
 */
export const schedules = [
  { name: 'open-cycles', fn: 'open-cycles', everyMinutes: 5, description: 'opens the scheduled cycles whose opening time has come' },
  {
    name: 'reminders',
    fn: 'reminders',
    everyMinutes: 5,
    description: 'sends the invitations, reminders, overdue notices, extension notices and receipts that are due',
  },
  {
    name: 'snapshots',
    fn: 'snapshots',
    everyMinutes: 60,
    description: 'writes report snapshots to S3: weekly while a cycle is open, and once at its close',
  },
] as const;

export type JobName = (typeof schedules)[number]['name'];
export const jobNames: JobName[] = schedules.map((s) => s.name);
