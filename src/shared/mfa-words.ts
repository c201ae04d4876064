// MFA codes from a command (`mfa_process`), in English and German. The code itself is never in a phrase.

/** Built on first use, like every table. */
export function mfaWordsEn() {
  return {
    'mfa.process.unparseable': 'The mfa_process of profile "{profile}" cannot be split into a command',
    'mfa.process.failed': 'The mfa_process of profile "{profile}" failed ({reason})',
    'mfa.process.notCode': 'The mfa_process of profile "{profile}" did not print a six-digit code',
    'mfa.process.timeout': 'The mfa_process of profile "{profile}" gave no code within {seconds} s and was stopped',
    'mfa.process.fix': 'Run the command yourself and check that it prints only the current six-digit code: {command}',
    'mfa.process.missing': 'The mfa_process of profile "{profile}" runs {program}, which does not exist',
    'mfa.process.missingFix': 'Install {program} or correct mfa_process in {file}:{line}',
  } as const;
}

export function mfaWordsDe(): Record<keyof ReturnType<typeof mfaWordsEn>, string> {
  return {
    'mfa.process.unparseable': 'Der mfa_process von Profil "{profile}" lässt sich nicht in einen Befehl zerlegen',
    'mfa.process.failed': 'Der mfa_process von Profil "{profile}" ist fehlgeschlagen ({reason})',
    'mfa.process.notCode': 'Der mfa_process von Profil "{profile}" hat keinen sechsstelligen Code ausgegeben',
    'mfa.process.timeout': 'Der mfa_process von Profil "{profile}" hat in {seconds} s keinen Code geliefert und wurde beendet',
    'mfa.process.fix': 'Führe den Befehl selbst aus und prüfe, dass er nur den aktuellen sechsstelligen Code ausgibt: {command}',
    'mfa.process.missing': 'Der mfa_process von Profil "{profile}" startet {program}, das es nicht gibt',
    'mfa.process.missingFix': 'Installiere {program} oder korrigiere mfa_process in {file}:{line}',
  };
}
