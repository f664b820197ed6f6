import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { UserPool, UserPoolClient, type IUserPool, type IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { Concern } from './concern';

export interface AuthProps {
  /** SSM parameters the stateful stack writes (names.ts): the pool and the client, read at deploy time. */
  userPoolIdParameter: string;
  userPoolClientIdParameter: string;
}

/**
 * The secretariat's sign-in on the side of the code: the user pool and the console's client of the stateful
 * stack (where they survive a new stateless stack), found through SSM parameters, and the API's JWT authorizer.
 */
export class Auth extends Concern {
  readonly userPool: IUserPool;
  readonly client: IUserPoolClient;
  /** For the secretariat routes; it becomes a resource under the API when a route first uses it. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = UserPool.fromUserPoolId(this, 'Secretariat', StringParameter.valueForStringParameter(this, props.userPoolIdParameter));
    this.client = UserPoolClient.fromUserPoolClientId(
      this,
      'Console',
      StringParameter.valueForStringParameter(this, props.userPoolClientIdParameter),
    );
    this.authorizer = new HttpUserPoolAuthorizer('SecretariatAuthorizer', this.userPool, { userPoolClients: [this.client] });
  }
}
