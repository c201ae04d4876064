// The CLI's --help: command, argument and option descriptions, and commander's own titles and errors, in English and German.
// Codes, commands, paths and `--json` stay English.

/** Built on first use, like every table. */
export function helpWordsEn() {
  return {
  };
}

export function helpWordsDe(): Record<keyof ReturnType<typeof helpWordsEn>, string> {
  return {
  };
}
