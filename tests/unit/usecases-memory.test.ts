import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { memoryStores } from '../../shared/store/memory';
import type { Stores } from '../../shared/store/ports';
import { seed } from '../../shared/usecases/seed';
import { describeStoreContract } from '../usecases/store-contract';
import { describeUseCases } from '../usecases/suite';

// The use-case suite on the in-memory stores: no Java, milliseconds per test. The same suites run on
// DynamoDB Local in tests/integration/usecases-dynamo.test.ts.
async function seededMemoryStores(): Promise<Stores> {
  const stores = memoryStores();
  await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
  return stores;
}

describeUseCases('in-memory', seededMemoryStores);
describeStoreContract('in-memory', seededMemoryStores);
