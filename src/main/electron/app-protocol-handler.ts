// What `app://rolekeeper/…` answers: a file of the bundled renderer with the page's Content-Security-
// Policy, or 403/404. Plain functions (no electron import) so the renderer tests in Chromium serve
// the page through exactly this logic.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rolekeeper';
export const POPOVER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Sent as a header too, so a page that lost its <meta> tag is still locked down. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Reads a file: URL into a Response (Electron's net.fetch in the adapter). */
export type FileFetcher = (fileUrl: string) => Promise<Response>;

export async function serveAppRequest(requestUrl: string, rendererRoot: string, fetchFile: FileFetcher): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('not found', { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return new Response('bad request', { status: 400 });
  }
  const file = path.normalize(path.join(rendererRoot, pathname));
  if (!file.startsWith(rendererRoot + path.sep)) return new Response('forbidden', { status: 403 });
  const fetched = await fetchFile(pathToFileURL(file).toString());
  if (!fetched.ok) return new Response('not found', { status: 404 });
  return new Response(await fetched.arrayBuffer(), {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    },
  });
}
