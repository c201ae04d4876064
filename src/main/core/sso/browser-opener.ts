// The real BrowserOpener: $BROWSER when set (the convention Python's webbrowser and xdg-open share),
// else the platform's opener. The URL is one argument, never shell text.
import { spawn } from 'node:child_process';
import type { EnvVars } from '../model/aws-environment';
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
      // The URL comes from an IAM Identity Center answer: only a web page goes to the opener (on
      // Windows, url.dll runs a file: URL), and exactly the one checked.
      const href = signInPageHref(url);
      const command = href === null ? null : openerCommand(env, platform);
      if (!command || href === null) {
        resolve(false);
        return;
      }
      const child = spawn(command[0], [...command[1], href], { stdio: 'ignore', detached: true, env: env as NodeJS.ProcessEnv });
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
  return signInPageHref(url) !== null;
}

/** The normalised address to open (what was checked, not the raw string), or null when refused. */
export function signInPageHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback) ? parsed.href : null;
}
