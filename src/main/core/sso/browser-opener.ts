// The real BrowserOpener: $BROWSER when set (the convention Python's webbrowser and xdg-open share),
// else the platform's opener. The URL is one argument, never shell text.
import { spawn } from 'node:child_process';
import type { EnvVars } from '../aws-config/aws-environment';
import type { BrowserOpener } from './sso-login';

function openerCommand(env: EnvVars, platform: NodeJS.Platform): [string, string[]] | null {
  const browser = env.BROWSER?.split(':')[0]?.trim();
  if (browser) return [browser, []];
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler']];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open', []];
  return null;
}

export function systemBrowserOpener(env: EnvVars, platform: NodeJS.Platform): BrowserOpener {
  return (url) =>
    new Promise((resolve) => {
      const command = openerCommand(env, platform);
      if (!command) {
        resolve(false);
        return;
      }
      const child = spawn(command[0], [...command[1], url], { stdio: 'ignore', detached: true, env: env as NodeJS.ProcessEnv });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
}

/**
 * Whether a sign-in page may be handed to the OS browser: https, or http on this machine's loopback
 * only (a local endpoint override). Anything else (file:, javascript:, a custom scheme) is refused.
 */
export function isSignInPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]');
}
