// The CLI's own sentences around the engine's (refresh, export, show, verify, errors), in English and
// German. Codes, commands, paths, variable names and quoted AWS error text stay as they are.

export const CLI_WORDS_EN = {
  'cli.dashName': 'a profile name that starts with "-" goes after "--": {command}',
} as const;

export const CLI_WORDS_DE: Record<keyof typeof CLI_WORDS_EN, string> = {
  'cli.dashName': 'ein Profilname, der mit "-" beginnt, gehört hinter "--": {command}',
};
