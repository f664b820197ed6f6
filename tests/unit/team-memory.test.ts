import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { memoryStores } from '../../shared/store/memory';
import { seed } from '../../shared/usecases/seed';
import { describeTeamUseCases } from '../usecases/team-suite';

// Contributors, review, threads and answers carried forward on the in-memory stores; the same suite runs
// on DynamoDB Local in tests/integration/team-dynamo.test.ts.
describeTeamUseCases('in-memory', async () => {
  const stores = memoryStores();
  await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
  return stores;
});
