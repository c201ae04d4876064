// The errors the service throws, as the faces recognise them (`instanceof`) to word or exit: the
// one place cli/ and electron/ learn the engine's error classes from.
export { RolekeeperError } from '../model/rolekeeper-error';
export { WordedError, errorText } from '../model/worded-error';
export { RefreshError, failureText } from '../model/credentials';
export { AnotherKeeperRunsError } from '../always-fresh/endpoint-discovery';
export { EndpointNotRunningError } from '../credentials/endpoint-export';
