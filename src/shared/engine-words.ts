// The engine's remaining failures and notices (credential_process, keeping, scheduler, caches, endpoint, setup, STS), in English and German.
// Codes, commands, paths and `--json` stay English.

/** Built on first use, like every table. */
export function engineWordsEn() {
  return {
  };
}

export function engineWordsDe(): Record<keyof ReturnType<typeof engineWordsEn>, string> {
  return {
  };
}
