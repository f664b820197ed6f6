import { inject } from 'vitest';

// The functions read their settings from the environment (shared/config.ts): point them at the local services.
Object.assign(process.env, inject('env'));
