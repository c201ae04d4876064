// The real ports of this process (its environment, the system browser), for the faces that build
// the service: tests build it with their own.
import { currentEnvironment, type AwsEnvironment } from '../model/aws-environment';
import { systemBrowserOpener } from '../sso/browser-opener';
import { createRolekeeperService, type RolekeeperService } from './rolekeeper-service';

export { currentEnvironment };

/** This process's service: its environment, sign-in pages opened in the system browser. */
export function serviceForThisProcess(environment: AwsEnvironment): RolekeeperService {
  return createRolekeeperService({ environment, openBrowser: systemBrowserOpener(environment.env, environment.platform) });
}
