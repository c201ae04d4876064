// Long-term AWS keys in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux) through @napi-rs/keyring. On Linux the Secret Service is required: the kernel
// keyring, the library's fallback, forgets everything at logout or reboot, and keys moved there
// would be lost, so a box without a Secret Service is refused instead.
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

/** The keys `rolekeeper vault` keeps for one profile. Never logged, never sent to the renderer. */
export interface LongTermKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface KeychainPort {
  read(profile: string): Promise<LongTermKeys | null>;
  write(profile: string, keys: LongTermKeys): Promise<void>;
  /** True when there was an entry to remove. */
  remove(profile: string): Promise<boolean>;
  /** Profile names with keys in the keychain, sorted. */
  list(): Promise<string[]>;
}

/** The keychain service name every entry is filed under; the account is the profile name. */
export const KEYCHAIN_SERVICE = 'rolekeeper';

/** No keychain answered (a headless Linux box without a Secret Service, a locked store). */
export class KeychainUnavailableError extends WordedError {
  constructor(readonly reason: string) {
    super(phrase('vault.unavailable', { reason }), 'keychain-unavailable');
    this.name = 'KeychainUnavailableError';
  }
}

type KeyringModule = typeof import('@napi-rs/keyring');

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The library nests causes ("Platform failure: DBus error: …"): the innermost says what is missing.
  return text.split('\n')[0].replace(/^Platform failure: /, '').slice(0, 200);
}

function parseKeys(text: string | null): LongTermKeys | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<LongTermKeys>;
    if (typeof value.accessKeyId === 'string' && typeof value.secretAccessKey === 'string') return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey };
  } catch {
    // not ours: said below
  }
  throw new WordedError(phrase('vault.unreadableEntry', { service: KEYCHAIN_SERVICE }));
}

/** The keychain of the OS this runs on. */
export function osKeychain(platform: NodeJS.Platform = process.platform): KeychainPort {
  let keyring: KeyringModule | null = null;
  const load = (): KeyringModule => {
    if (keyring) return keyring;
    try {
      // Loaded on first use: a native module, needed only by vault profiles.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      keyring = require('@napi-rs/keyring') as KeyringModule;
      return keyring;
    } catch (error) {
      throw new KeychainUnavailableError(reasonOf(error));
    }
  };
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (profile: string) => {
    const { AsyncEntry } = load();
    try {
      return new AsyncEntry(KEYCHAIN_SERVICE, profile, options);
    } catch (error) {
      throw new KeychainUnavailableError(reasonOf(error));
    }
  };
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof WordedError) throw error;
      throw new KeychainUnavailableError(reasonOf(error));
    }
  };
  return {
    read: (profile) => guarded(async () => parseKeys(await entry(profile).getPassword())),
    write: (profile, keys) => guarded(() => entry(profile).setPassword(JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }))),
    remove: (profile) => guarded(() => entry(profile).deleteCredential()),
    list: () =>
      guarded(async () => {
        // findCredentials does not take the store option: make sure the Secret Service answers first.
        await entry('[probe]').getPassword();
        const found = await load().findCredentialsAsync(KEYCHAIN_SERVICE);
        return [...new Set(found.map((credential) => credential.account))].sort();
      }),
  };
}
