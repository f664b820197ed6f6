import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';

/** Where a secretariat user stands in signing in to the console through Cognito. */
export type SignInStep =
  | { kind: 'signed_in'; actor: string }
  | { kind: 'new_password'; username: string; session: string }
  | { kind: 'totp'; username: string; session: string }
  | { kind: 'mfa_setup'; username: string; session: string; secret: string }
  | { kind: 'refused'; message: string };

export interface CognitoSettings {
  client: CognitoIdentityProviderClient;
  clientId: string;
}

const MESSAGES: Record<string, string> = {
  NotAuthorizedException: 'Wrong email or password.',
  UserNotFoundException: 'Wrong email or password.',
  CodeMismatchException: 'That code is not right; use the current one from your authenticator app.',
  EnableSoftwareTokenMFAException: 'That code is not right; use the current one from your authenticator app.',
  ExpiredCodeException: 'That code has expired; use the current one.',
  InvalidPasswordException:
    'The new password is not strong enough: at least 14 characters with upper and lower case letters, digits and symbols.',
  PasswordResetRequiredException: 'Your password must be reset: ask an administrator.',
  TooManyRequestsException: 'Too many attempts; wait a minute and try again.',
  LimitExceededException: 'Too many attempts; wait a minute and try again.',
};

function refused(error: unknown, stage: 'password' | 'challenge'): SignInStep {
  const name = (error as { name?: string }).name ?? '';
  // When it is the password being checked, "invalid password" means a wrong one, not a weak one.
  const message = stage === 'password' && name === 'InvalidPasswordException' ? MESSAGES.NotAuthorizedException : MESSAGES[name];
  if (!message) throw error;
  return { kind: 'refused', message };
}

async function signedIn(settings: CognitoSettings, result: AuthenticationResultType): Promise<SignInStep> {
  // The tokens come straight from Cognito's API in this request, so they need no signature check here.
  const user = await settings.client.send(new GetUserCommand({ AccessToken: result.AccessToken }));
  const email = user.UserAttributes?.find((a) => a.Name === 'email')?.Value;
  return { kind: 'signed_in', actor: email ?? user.Username ?? 'secretariat' };
}

async function next(
  settings: CognitoSettings,
  username: string,
  answer: { ChallengeName?: ChallengeNameType | string; Session?: string; AuthenticationResult?: AuthenticationResultType },
): Promise<SignInStep> {
  if (answer.AuthenticationResult) return signedIn(settings, answer.AuthenticationResult);
  const session = answer.Session ?? '';
  switch (answer.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return { kind: 'new_password', username, session };
    case 'SOFTWARE_TOKEN_MFA':
      return { kind: 'totp', username, session };
    case 'MFA_SETUP': {
      const associated = await settings.client.send(new AssociateSoftwareTokenCommand({ Session: session }));
      return { kind: 'mfa_setup', username, session: associated.Session ?? session, secret: associated.SecretCode ?? '' };
    }
    default:
      return { kind: 'refused', message: `Sign-in needs a step the console does not support (${answer.ChallengeName ?? 'none'}).` };
  }
}

/**
 * Signs a secretariat user in: email and password, then whatever Cognito asks — a new password
 * on first sign-in, setting up an authenticator app, or its current code (MFA is required).
 */
export async function startSignIn(settings: CognitoSettings, email: string, password: string): Promise<SignInStep> {
  try {
    const answer = await settings.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: settings.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    return await next(settings, email, answer);
  } catch (error) {
    return refused(error, 'password');
  }
}

export async function continueSignIn(
  settings: CognitoSettings,
  step: { kind: 'new_password' | 'totp' | 'mfa_setup'; username: string; session: string },
  input: { newPassword?: string; code?: string },
): Promise<SignInStep> {
  try {
    if (step.kind === 'mfa_setup') {
      const verified = await settings.client.send(
        new VerifySoftwareTokenCommand({ Session: step.session, UserCode: input.code ?? '', FriendlyDeviceName: 'console' }),
      );
      if (verified.Status !== 'SUCCESS') return { kind: 'refused', message: MESSAGES.CodeMismatchException! };
      const answer = await settings.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: settings.clientId,
          ChallengeName: 'MFA_SETUP',
          Session: verified.Session,
          ChallengeResponses: { USERNAME: step.username },
        }),
      );
      return await next(settings, step.username, answer);
    }
    const responses: Record<string, string> =
      step.kind === 'new_password'
        ? { USERNAME: step.username, NEW_PASSWORD: input.newPassword ?? '' }
        : { USERNAME: step.username, SOFTWARE_TOKEN_MFA_CODE: input.code ?? '' };
    const answer = await settings.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: settings.clientId,
        ChallengeName: step.kind === 'new_password' ? 'NEW_PASSWORD_REQUIRED' : 'SOFTWARE_TOKEN_MFA',
        Session: step.session,
        ChallengeResponses: responses,
      }),
    );
    return await next(settings, step.username, answer);
  } catch (error) {
    return refused(error, 'challenge');
  }
}
