import type { Stores } from '../../shared/store/ports';
import { describeStoreContract } from '../usecases/store-contract';
import { describeUseCases } from '../usecases/suite';
import { seededStores } from './helpers';

// The same suites as tests/unit/usecases-memory.test.ts, on DynamoDB Local: a fresh seeded table per test.
// A test that passes there and fails here (or the reverse) means the in-memory stores are wrong.
const seededDynamoStores = async (): Promise<Stores> => (await seededStores('usecases')).stores;

describeUseCases('DynamoDB Local', seededDynamoStores);
describeStoreContract('DynamoDB Local', seededDynamoStores);
