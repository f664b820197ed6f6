import { Construct } from 'constructs';

/**
 * One concern of the stateless stack (data, auth, api, jobs, email, seeder): a way to organise the code, not the
 * template. The stack leaves a concern's id out of the logical ids of the resources under it, so they keep the
 * logical ids they had when one constructor made them all (see StatelessStack.allocateLogicalId).
 */
export abstract class Concern extends Construct {}
