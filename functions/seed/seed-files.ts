import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { config } from '../../shared/config';
import { stores } from '../../shared/store';
import { seed, type SeedProgress, type SeedReport } from '../../shared/usecases/seed';

/** Seeds from the documents in SEEDS_DIR (the bundled `seeds/` folder on AWS). */
export function seedFromFiles(progress?: SeedProgress): Promise<SeedReport> {
  const folder = config().seedsDir;
  if (!folder) throw new Error('Missing environment variable SEEDS_DIR');
  return seed({ documents: seedDocuments(folder), summits, states: memberStates }, stores(), { progress });
}
