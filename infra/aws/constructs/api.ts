import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routeFunctions, routes } from '../../../shared/http/routes';
import { AppFunction, fnId } from '../app-function';
import type { StageConfig } from '../stage';
import type { Auth } from './auth';
import { Concern } from './concern';
import type { Data } from './data';

export interface ApiProps {
  config: StageConfig;
  data: Data;
  auth: Auth;
}

/**
 * The HTTP API built from the route table: one function per folder of routes, the JWT authorizer on the
 * secretariat routes, and a $default stage with throttling and JSON access logs.
 */
export class Api extends Concern {
  readonly httpApi: HttpApi;
  /** The functions behind the routes, in the order of the route table. */
  readonly functions: AppFunction[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config, data, auth } = props;
    this.httpApi = new HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    for (const fn of routeFunctions) {
      const handler = new AppFunction(this, fnId(fn), {
        fn,
        environment: fn === 'console' ? { ...data.environment, COGNITO_CLIENT_ID: auth.client.userPoolClientId } : data.environment,
        logRetentionDays: config.logRetentionDays,
      });
      data.grant(fn, handler);
      this.functions.push(handler);

      const integration = new HttpLambdaIntegration(`${fnId(fn)}Integration`, handler);
      for (const route of routes.filter((r) => r.fn === fn)) {
        const added = this.httpApi.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: route.access === 'secretariat' ? auth.authorizer : undefined,
        });
        if (route.access !== 'secretariat') {
          for (const r of added) {
            Validations.of(r).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason: {
                public:
                  'Public by design: the health check, the emailed link whose token the function checks (hash lookup, expiry, revocation, rate limit), the console sign-in',
                state:
                  'State routes are authorised by the function: an HttpOnly session cookie made from the emailed link, scoped to one assignment',
                console:
                  'Console pages are authorised by the function: an HttpOnly, SameSite=Strict secretariat session cookie from the console sign-in',
              }[route.access],
            });
          }
        }
      }
    }
  }
}
