import { describeTeamUseCases } from '../usecases/team-suite';
import { seededStores } from './helpers';

// The suite of tests/unit/team-memory.test.ts on DynamoDB Local: a fresh seeded table per test.
describeTeamUseCases('DynamoDB Local', async () => (await seededStores('team')).stores);
