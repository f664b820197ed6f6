import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimPort } from '../../infra/local/services';
import { continueSignIn, startSignIn, type CognitoSettings } from '../../shared/auth/cognito-sign-in';

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0xf;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

let child: ChildProcess;
let folder: string;
let settings: CognitoSettings;
let client: CognitoIdentityProviderClient;
let poolId: string;

/** cognito-local: a local Cognito user pool, started for this file only. */
beforeAll(async () => {
  const port = await claimPort(0, 'COGNITO_PORT');
  folder = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  const start = join(dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')), 'lib/bin/start.js');
  child = spawn(process.execPath, [start], { cwd: folder, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (
      await fetch(endpoint, { method: 'POST' }).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'secretariat', MfaConfiguration: 'OPTIONAL' }))).UserPool!.Id!;
  const clientId = (
    await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'console',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
  ).UserPoolClient!.ClientId!;
  settings = { client, clientId };
}, 60_000);

afterAll(() => {
  child?.kill();
  rmSync(folder, { recursive: true, force: true });
});

async function newUser(email: string) {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: email,
      TemporaryPassword: 'Temporary-Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: email }],
      MessageAction: 'SUPPRESS',
    }),
  );
}

describe('console sign-in through Cognito', () => {
  it('asks a new user for a new password, then signs in as that user', async () => {
    await newUser('ana@oas.example.org');
    const first = await startSignIn(settings, 'ana@oas.example.org', 'Temporary-Passw0rd!');
    expect(first.kind).toBe('new_password');
    if (first.kind !== 'new_password') return;
    const done = await continueSignIn(settings, first, { newPassword: 'A-much-better-Passw0rd!' });
    expect(done).toEqual({ kind: 'signed_in', actor: 'ana@oas.example.org' });
  });

  it('refuses a wrong password with a plain message', async () => {
    expect(await startSignIn(settings, 'ana@oas.example.org', 'not-the-password')).toEqual({
      kind: 'refused',
      message: 'Wrong email or password.',
    });
  });

  it('asks for the authenticator code once MFA is set, and refuses a wrong one', async () => {
    await newUser('luis@oas.example.org');
    const first = await startSignIn(settings, 'luis@oas.example.org', 'Temporary-Passw0rd!');
    if (first.kind !== 'new_password') throw new Error(`expected new_password, got ${first.kind}`);
    await continueSignIn(settings, first, { newPassword: 'Luis-strong-Passw0rd!' });
    const tokens = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: settings.clientId,
        AuthParameters: { USERNAME: 'luis@oas.example.org', PASSWORD: 'Luis-strong-Passw0rd!' },
      }),
    );
    const accessToken = tokens.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(SecretCode!) }));
    await client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );

    const step = await startSignIn(settings, 'luis@oas.example.org', 'Luis-strong-Passw0rd!');
    expect(step.kind).toBe('totp');
    if (step.kind !== 'totp') return;
    const wrong = await continueSignIn(settings, step, { code: totp(SecretCode!) === '000000' ? '111111' : '000000' });
    expect(wrong.kind).toBe('refused');
    const again = await startSignIn(settings, 'luis@oas.example.org', 'Luis-strong-Passw0rd!');
    if (again.kind !== 'totp') throw new Error(`expected totp, got ${again.kind}`);
    expect(await continueSignIn(settings, again, { code: totp(SecretCode!) })).toEqual({
      kind: 'signed_in',
      actor: 'luis@oas.example.org',
    });
  });
});
