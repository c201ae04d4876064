// The service's own collaborators (clock, profile state, held credentials, SSO port), handed to the
// keeper that runs on them (keeping.ts) and to nobody else: the service has no public field for them,
// and architecture.test.ts lets only src/main/core/service/ import this file.
import type { Clock } from '../always-fresh/clock';
import type { ProfileStateStore } from '../always-fresh/profile-state-store';
import type { HeldCredentials } from '../sinks/held-credentials';
import type { SsoPort } from '../sso/sso-port';

export interface ServiceParts {
  clock: Clock;
  state: ProfileStateStore;
  held: HeldCredentials;
  sso: SsoPort;
}

const registered = new WeakMap<object, ServiceParts>();

/** The service's constructor: these are its parts. */
export function registerServiceParts(service: object, parts: ServiceParts): void {
  registered.set(service, parts);
}

export function partsOfService(service: object): ServiceParts {
  const parts = registered.get(service);
  if (!parts) throw new Error('not a RolekeeperService: it has no registered parts');
  return parts;
}
