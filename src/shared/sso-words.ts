// IAM Identity Center: sign-in, token renewal, session state, populate, in English and German.
// Codes, commands, paths and `--json` stay English.

/** Built on first use, like every table. */
export function ssoWordsEn() {
  return {
  };
}

export function ssoWordsDe(): Record<keyof ReturnType<typeof ssoWordsEn>, string> {
  return {
  };
}
