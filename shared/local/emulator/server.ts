/**
 * The local AWS emulator: one HTTP server on 127.0.0.1 answering SageMaker, CloudWatch and
 * Application Auto Scaling in their wire protocols (CloudWatch in both of its own: the JSON the
 * JavaScript SDK sends, and the Query protocol of the AWS CLI and boto3), over the simulator's
 * objects. The production
 * adapters reach it unchanged through `AWS_ENDPOINT_URL_SAGEMAKER`, `AWS_ENDPOINT_URL_CLOUDWATCH`
 * and `AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING` (all three may point at the same URL: the SDK
 * names the service in `X-Amz-Target`, which is what routes a request here).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AutoScalingApi, type SimulatedNativeActivity } from './auto-scaling-api.ts';
import type { EmulatorBackend } from './backend.ts';
import { CloudWatchApi } from './cloudwatch-api.ts';
import { CLOUDWATCH_QUERY_VERSION, decodeQueryRequest, isQueryRequest } from './query-protocol.ts';
import { writeQueryError, writeQueryResult } from './query-xml.ts';
import { SageMakerApi } from './sagemaker-api.ts';
import {
  AWS_JSON_1_0_QUERY_COMPATIBLE,
  AWS_JSON_1_1,
  AwsWireError,
  asWireError,
  parseInput,
  readBody,
  unknownOperation,
  type WireProtocol,
  writeError,
  writeResult,
} from './wire.ts';

/** Which service a request is for, as the emulator names it. */
export type EmulatedService = 'sagemaker' | 'cloudwatch' | 'application-autoscaling';

/** A request, as a throttling hook sees it. */
export interface EmulatedRequest {
  service: EmulatedService;
  operation: string;
}

export interface EmulatorOptions {
  /** What it serves first; {@link AwsEmulator.serve} swaps it (a simulation run attaches its world). */
  backend: EmulatorBackend;
  /** Default 0: a free port. */
  port?: number;
  /**
   * Failure injection: answer the request with a ThrottlingException (CloudWatch: `Throttling`)
   * instead, so the SDK's own retry strategy runs.
   */
  throttle?: ((request: EmulatedRequest) => boolean) | undefined;
  /**
   * Simulated service time: every request waits this many milliseconds before it is answered
   * (default 0), as a call to AWS takes its round trip. The tick benchmark uses it.
   */
  latencyMs?: number | undefined;
  /** Told of every answered request: its status, and the error code when it failed. */
  onCall?: ((call: EmulatedRequest & { status: number; errorCode?: string | undefined }) => void) | undefined;
}

/** A running emulator. */
export interface AwsEmulator {
  /** `http://127.0.0.1:<port>`, for every emulated service. */
  readonly endpoint: string;
  readonly port: number;
  /** Requests answered so far, by `service.Operation`. */
  readonly calls: ReadonlyMap<string, number>;
  /** Serves another backend from the next request on. */
  serve(backend: EmulatorBackend): void;
  /** Replaces the throttling hook (undefined: no throttling). */
  throttle(hook: ((request: EmulatedRequest) => boolean) | undefined): void;
  /** Changes the simulated service time of the requests that follow (see `latencyMs`). */
  latency(ms: number): void;
  /**
   * Simulated native scaling: records in the emulated AAS the activity a native policy would have
   * written (the emulator runs none), for DescribeScalingActivities. The endpoint does not change.
   */
  recordSimulatedNativeActivity(activity: SimulatedNativeActivity): void;
  stop(): Promise<void>;
}

interface Route {
  service: EmulatedService;
  protocol: WireProtocol;
  operations: Record<string, (input: Record<string, unknown>) => Promise<unknown>>;
}

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<AwsEmulator> {
  let backend = options.backend;
  let throttle = options.throttle;
  let latencyMs = options.latencyMs ?? 0;
  const current = () => backend;
  const autoScaling = new AutoScalingApi(current);
  // The X-Amz-Target prefixes of the SDK clients installed (their `serviceTarget` settings).
  const routes = new Map<string, Route>([
    [
      'SageMaker',
      { service: 'sagemaker', protocol: AWS_JSON_1_1, operations: new SageMakerApi(current).operations },
    ],
    [
      'GraniteServiceVersion20100801',
      {
        service: 'cloudwatch',
        protocol: AWS_JSON_1_0_QUERY_COMPATIBLE,
        operations: new CloudWatchApi(current).operations,
      },
    ],
    [
      'AnyScaleFrontendService',
      { service: 'application-autoscaling', protocol: AWS_JSON_1_1, operations: autoScaling.operations },
    ],
  ]);
  const calls = new Map<string, number>();
  const cloudWatch = routes.get('GraniteServiceVersion20100801') as Route;

  /** Waits the simulated latency, counts, throttles and runs one operation: the same for either protocol. */
  const dispatch = async (route: Route, operation: string, body: Record<string, unknown>) => {
    if (latencyMs > 0) await sleep(latencyMs);
    const call = route.operations[operation];
    if (!call) throw unknownOperation(`${route.service} operation ${operation}`);
    const name = `${route.service}.${operation}`;
    calls.set(name, (calls.get(name) ?? 0) + 1);
    if (throttle?.({ service: route.service, operation })) {
      throw new AwsWireError('ThrottlingException', 'Rate exceeded');
    }
    return call(body);
  };
  const report = (route: Route | undefined, operation: string, error?: AwsWireError) => {
    if (!route) return;
    options.onCall?.(
      error
        ? { service: route.service, operation, status: error.status, errorCode: error.code }
        : { service: route.service, operation, status: 200 },
    );
  };

  /** CloudWatch's Query protocol (form-encoded, XML answers): AWS CLI 2.9 and boto3 speak it. */
  const handleQuery = async (request: IncomingMessage, response: ServerResponse) => {
    let action = '';
    try {
      const query = decodeQueryRequest(await readBody(request));
      action = query.action;
      if (query.version !== CLOUDWATCH_QUERY_VERSION) {
        throw new AwsWireError(
          'InvalidParameterValueException',
          `the local emulator answers the Query protocol for CloudWatch (Version ${CLOUDWATCH_QUERY_VERSION}) only, found Version '${query.version}'`,
        );
      }
      writeQueryResult(response, action, await dispatch(cloudWatch, action, query.input));
      report(cloudWatch, action);
    } catch (error) {
      const wireError = asWireError(error);
      writeQueryError(response, wireError);
      report(cloudWatch, action, wireError);
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (isQueryRequest(request)) return handleQuery(request, response);
    const target = request.headers['x-amz-target'];
    const [prefix = '', operation = ''] = (typeof target === 'string' ? target : '').split('.');
    const route = routes.get(prefix);
    const protocol = route?.protocol ?? AWS_JSON_1_1;
    try {
      const body = await readBody(request);
      if (!route) throw unknownOperation(typeof target === 'string' ? target : undefined);
      writeResult(response, protocol, await dispatch(route, operation, parseInput(body)));
      report(route, operation);
    } catch (error) {
      const wireError = asWireError(error);
      writeError(response, protocol, wireError);
      report(route, operation, wireError);
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the emulator has no TCP address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    calls,
    serve(next) {
      backend = next;
    },
    throttle(hook) {
      throttle = hook;
    },
    latency(ms) {
      latencyMs = ms;
    },
    recordSimulatedNativeActivity(activity) {
      autoScaling.recordSimulatedNativeActivity(activity);
    },
    async stop() {
      // Keep-alive sockets of SDK clients would hold close() open.
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}
