import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { StateSession } from '../usecases/respond';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  /** Set on state routes: the one assignment this session may read and write. */
  stateSession?: StateSession;
  /** Set on console routes: who is signed in. */
  consoleActor?: string;
};
export type HttpResult = Exclude<APIGatewayProxyResultV2, string>;
