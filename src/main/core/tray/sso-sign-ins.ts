// Sign-ins to IAM Identity Center started from the tray (the popover's "Sign in", a notification's
// click, the menu): one per token they write, however many clicks ask for it, its prompt (URL,
// device code) kept for the popover until it ends. Never a token: the sign-in writes that to the
// AWS CLI's cache itself.
import type { RolekeeperService } from '../service/rolekeeper-service';
import type { SsoLoginPromptData, SsoLoginRequest, SsoSignInInProgress } from '../../../shared/ipc-contract';

interface Running {
  target: SsoLoginRequest;
  label: string;
  prompt: SsoLoginPromptData | null;
  outcome: Promise<SsoLoginPromptData>;
}

export interface SsoSignInsDeps {
  /** Diagnostic lines (never a secret): how a background sign-in ended. */
  log?: (line: string) => void;
  /** A prompt arrived or a sign-in ended: the popover's state changed. */
  onChange?: () => void;
  /**
   * A sign-in failed after its prompt was shown (timed out, denied in the browser): nobody awaits
   * it any more, so the adapter says so. Failures before the prompt reject `start` instead.
   */
  onFailedAfterPrompt?: (label: string, error: unknown) => void;
}

export class SsoSignIns {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly service: RolekeeperService,
    private readonly deps: SsoSignInsDeps = {},
  ) {}

  /**
   * Starts a sign-in, or joins the one running for the same target. Resolves with the prompt, or
   * once the sign-in finished without one (a device code approved at once); rejects when it fails
   * before a prompt.
   */
  async start(request: SsoLoginRequest): Promise<SsoLoginPromptData> {
    const { key, target } = this.resolve(request);
    const existing = this.running.get(key);
    if (existing) return { ...(await existing.outcome), alreadyRunning: true };
    const running: Running = { target, label: request.session ?? request.profile ?? 'default', prompt: null, outcome: Promise.resolve(null as never) };
    running.outcome = new Promise<SsoLoginPromptData>((resolve, reject) => {
      this.service
        .ssoLogin(target, {
          flow: request.useDeviceCode ? 'device' : 'pkce',
          onPrompt: (prompt) => {
            running.prompt = { url: prompt.url, userCode: prompt.userCode, browserOpened: prompt.browserOpened, alreadyRunning: false, signedIn: false };
            resolve(running.prompt);
            this.deps.onChange?.();
          },
        })
        .then(
          (result) => {
            running.label = result.session.sessionName ?? result.session.startUrl;
            this.deps.log?.(`signed in to ${running.label} until ${result.expiresAt.toISOString()}`);
            resolve({ url: null, userCode: null, browserOpened: false, alreadyRunning: false, signedIn: true });
          },
          (error: unknown) => {
            this.deps.log?.(`sign-in failed: ${error instanceof Error ? error.message : 'unknown error'}`);
            if (running.prompt) this.deps.onFailedAfterPrompt?.(running.label, error);
            reject(error);
          },
        )
        .finally(() => {
          this.running.delete(key);
          this.deps.onChange?.();
        });
    });
    running.outcome.catch(() => undefined);
    this.running.set(key, running);
    return running.outcome;
  }

  /**
   * One key per token the sign-in writes: a session and its profiles, or two profiles of one
   * legacy start URL, share one sign-in; a profile on a session signs in as that session. A target
   * that names no sign-in keeps its own key; its sign-in fails with the reason.
   */
  private resolve(request: SsoLoginRequest): { key: string; target: SsoLoginRequest } {
    const target: SsoLoginRequest = request.session !== undefined ? { session: request.session } : { profile: request.profile ?? 'default' };
    try {
      const signIn = this.service.ssoSignInFor(target);
      if (signIn.sessionName !== null) return { key: `session:${signIn.sessionName}`, target: { session: signIn.sessionName } };
      return { key: `start-url:${signIn.startUrl}`, target };
    } catch {
      return { key: target.session !== undefined ? `session:${target.session}` : `profile:${target.profile}`, target };
    }
  }

  /** The sign-ins waiting in the browser, for the popover (those with a prompt only). */
  inProgress(): SsoSignInInProgress[] {
    const result: SsoSignInInProgress[] = [];
    for (const running of this.running.values()) {
      if (!running.prompt) continue;
      result.push({ target: running.target, label: running.label, url: running.prompt.url, userCode: running.prompt.userCode, browserOpened: running.prompt.browserOpened });
    }
    return result;
  }
}
