export { type CallOptions, type ClientOptions, createClient, type PromiseClient } from './client';
export { type CallContext, serverStream, unary } from './handlers';
export { checkHealth } from './health';
export {
  type RunningGrpcServer,
  type ServiceBinding,
  type StartGrpcServerOptions,
  serviceNameOf,
  startGrpcServer,
} from './server';
