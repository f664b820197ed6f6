import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnApiMapping,
  CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routeFunctions, routes, type Route } from '../../../shared/http/routes';
import { AppFunction, fnId } from '../app-function';
import type { StageConfig } from '../stage';
import type { Auth } from './auth';
import { Concern } from './concern';
import type { Data } from './data';
import { exportJobName } from './jobs';

export interface ApiProps {
  config: StageConfig;
  data: Data;
  auth: Auth;
}

/** The stage's throttle: what the secretariat's routes get (and any route without a stricter one). */
export const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * Stricter throttles for the routes the public reaches. Each limit is for the route as a whole (all clients
 * together), on top of the per-client limits the functions keep (failed links, sign-ins): it caps how fast anyone
 * can try link tokens or passwords, at the price that a flood on one route slows that route for everyone, and
 * only that route. 35 states with a few people each stay far below these.
 */
export function routeThrottle(route: Route): ThrottleSettings | undefined {
  // Exchanging a secret for a session: the emailed link, the console's sign-in.
  if ((route.method === 'GET' && route.path === '/respond/{token}') || (route.method === 'POST' && route.path === '/console/sign-in')) {
    return { rateLimit: 5, burstLimit: 10 };
  }
  // The state's portal and API (/api/assignment/*), behind the session cookie.
  if (route.access === 'state' || (route.method === 'GET' && route.path === '/respond')) return { rateLimit: 20, burstLimit: 40 };
  return undefined;
}

/**
 * The access log, one JSON line per request, from HTTP API variables only (the REST API's, such as
 * $context.resourcePath, are empty here). Never $context.path: /respond/{token} would write link tokens to the log;
 * the route key names the route without its values.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationErrorMessage: '$context.integrationErrorMessage',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  domainName: '$context.domainName',
} as const;

/**
 * The HTTP API built from the route table: one function per folder of routes, the JWT authorizer on the
 * secretariat routes, a $default stage with throttles (per route where the public reaches) and JSON access logs,
 * and the mapping to the custom domain of the stateful stack when there is one.
 */
export class Api extends Concern {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The API's access log: the alarms count 429s in it. */
  readonly accessLogs: LogGroup;
  /** The functions behind the routes, in the order of the route table. */
  readonly functions: AppFunction[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config, data, auth } = props;
    this.httpApi = new HttpApi(this, 'Api', { createDefaultStage: false });
    this.accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...DEFAULT_THROTTLE },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const throttled: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const throttledRoutes: HttpRoute[] = [];
    for (const fn of routeFunctions) {
      const handler = new AppFunction(this, fnId(fn), {
        fn,
        environment: {
          ...data.environment,
          ...(fn === 'console' ? { COGNITO_CLIENT_ID: auth.client.userPoolClientId } : {}),
          ...(fn === 'exports' ? { EXPORT_JOB_FUNCTION: exportJobName(config) } : {}),
        },
        logRetentionDays: config.logRetentionDays,
      });
      data.grant(fn, handler);
      if (fn === 'exports') {
        // Starts the export job asynchronously (InvocationType Event), that function and no other.
        const stack = Stack.of(this);
        handler.addToRolePolicy(
          new PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: [
              stack.formatArn({
                service: 'lambda',
                resource: 'function',
                resourceName: exportJobName(config),
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        );
      }
      this.functions.push(handler);

      const integration = new HttpLambdaIntegration(`${fnId(fn)}Integration`, handler);
      for (const route of routes.filter((r) => r.fn === fn)) {
        const added = this.httpApi.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: route.access === 'secretariat' ? auth.authorizer : undefined,
        });
        const throttle = routeThrottle(route);
        if (throttle) {
          throttled[`${route.method} ${route.path}`] = {
            ThrottlingRateLimit: throttle.rateLimit!,
            ThrottlingBurstLimit: throttle.burstLimit!,
          };
          throttledRoutes.push(...added);
        }
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
    // Route settings name routes by their key: the stage is created (or updated) after them.
    (this.stage.node.defaultChild as CfnStage).routeSettings = throttled;
    this.stage.node.addDependency(...throttledRoutes);

    if (config.domainName) {
      // The domain lives in the stateful stack; the mapping (API → domain) is the code's, and names the domain by its name.
      const mapping = new CfnApiMapping(this, 'ApiMapping', {
        apiId: this.httpApi.apiId,
        domainName: config.domainName,
        stage: this.stage.stageName,
      });
      mapping.node.addDependency(this.stage);
    }
  }
}
