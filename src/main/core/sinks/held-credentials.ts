// Fresh credentials held in memory by a long-running process (daemon, tray) for the endpoint,
// each with the role settings it was made for, so an edited role_arn is never served the old one.
import type { AwsCredentials } from '../model/credentials';

export class HeldCredentials {
  private readonly entries = new Map<string, { credentials: AwsCredentials; fingerprint: string }>();

  /** False in a CLI process: nothing in memory outlives the command. */
  constructor(private isServing: boolean) {}

  get serving(): boolean {
    return this.isServing;
  }

  /** A keeper with an endpoint started in this process: from now on credentials are held. */
  startServing(): void {
    this.isServing = true;
  }

  set(profile: string, credentials: AwsCredentials, fingerprint: string): void {
    if (this.serving) this.entries.set(profile, { credentials, fingerprint });
  }

  get(profile: string, fingerprint?: string): AwsCredentials | undefined {
    const entry = this.entries.get(profile);
    if (!entry || (fingerprint !== undefined && entry.fingerprint !== fingerprint)) return undefined;
    return entry.credentials;
  }

  delete(profile: string): boolean {
    return this.entries.delete(profile);
  }

  profiles(): string[] {
    return [...this.entries.keys()];
  }

  clear(): void {
    this.entries.clear();
  }
}
