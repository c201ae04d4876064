// The popover's own origin: `app://rolekeeper`, registered before ready and served after it.
import { net, protocol } from 'electron';
import { APP_SCHEME, serveAppRequest } from './app-protocol-handler';
import { RENDERER_ROOT } from './resources';

/** Must run before `ready` (Electron allows it once, before ready only). */
export function setupAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

export function setupAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, RENDERER_ROOT, (fileUrl) => net.fetch(fileUrl)));
}
