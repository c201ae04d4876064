// Refresh failures the engine words itself (profiles, source chains, MFA, session keys), in English
// and German.

/** Built on first use, like every table. */
export function failureWordsEn() {
  return {
    'failure.unknownProfile': 'Profile {profile} is not in {config} or {credentials}',
    'failure.checkName': 'Check the name with `rolekeeper list`',
    'failure.noRole': 'Profile {profile} is of type {type}: there is no role to assume for it',
    'failure.noRoleFix': 'Give it role_arn and source_profile, or let Rolekeeper manage it: {command}',
    'failure.environmentSource': 'Profile "{profile}" takes its source credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set',
    'failure.environmentSourceFix': 'Set both variables in the environment that runs Rolekeeper, or use source_profile instead',
    'failure.eitherFile': '{config} or {credentials}',
    'failure.sourceMissing': 'The source_profile "{source}" of profile "{profile}" does not exist in {where}',
    'failure.profileMissing': 'Profile "{profile}" does not exist in {where}',
    'failure.noRoleArn': 'Profile "{profile}" has no role_arn',
    'failure.noRoleArnFix': 'Add role_arn to profile {profile}',
    'failure.needsMfa': 'Profile "{profile}" needs a code from MFA device {serial}',
    'failure.needsMfaFix': "Run `{command}` in a terminal, or pass --mfa-code with the device's current 6-digit code",
    'failure.credentialSource': 'Profile "{profile}" uses credential_source = {source}, which only works on an AWS instance or container',
    'failure.credentialSourceFix': 'Use source_profile, or credential_source = Environment',
    'failure.noSource': 'Profile "{profile}" has role_arn but neither source_profile nor credential_source',
    'failure.noSourceFix': 'Add source_profile = <profile with keys> to {profile}',
    'failure.cycle': 'Profiles form a cycle: {chain}',
    'failure.cycleFix': 'Point source_profile of {profile} at a profile with keys',
    'failure.noCredentials': 'Profile "{profile}" has no credentials Rolekeeper can use (type {type})',
    'failure.noCredentialsFix': 'Give {profile} keys, a role_arn with source_profile, or a credential_process',
    'failure.sessionKeysExpired': 'The session keys of profile "{profile}" expired at {time}{at}',
    'failure.sessionKeysManagedFix': 'Rolekeeper manages {profile}: refresh it first with `{command}` (or keep the daemon or tray running)',
    'failure.sessionKeysFix': 'Replace them with fresh keys, or let Rolekeeper manage them: {command}',
    'failure.stopped': 'The refresh of profile "{profile}" was stopped',
    'failure.stoppedFix': 'It is refreshed again when Rolekeeper next runs',
    'failure.tooShort': 'Profile "{profile}" was refreshed, but its sessions last only {lasts}, less than the {asked} asked for',
    'failure.tooShortFix': "Raise duration_seconds of {profile} (up to the role's MaxSessionDuration; chained roles are capped at 1 hour), or ask for less",
  } as const;
}

export function failureWordsDe(): Record<keyof ReturnType<typeof failureWordsEn>, string> {
  return {
    'failure.unknownProfile': 'Profil {profile} steht weder in {config} noch in {credentials}',
    'failure.checkName': 'Den Namen mit `rolekeeper list` prüfen',
    'failure.noRole': 'Profil {profile} ist vom Typ {type}: es gibt keine Rolle, die dafür übernommen werden könnte',
    'failure.noRoleFix': 'Dem Profil role_arn und source_profile geben oder es von Rolekeeper verwalten lassen: {command}',
    'failure.environmentSource': 'Profil "{profile}" nimmt seine Quell-Anmeldeinformationen aus der Umgebung (credential_source = Environment), aber AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind nicht beide gesetzt',
    'failure.environmentSourceFix': 'Beide Variablen in der Umgebung setzen, in der Rolekeeper läuft, oder stattdessen source_profile verwenden',
    'failure.eitherFile': '{config} oder {credentials}',
    'failure.sourceMissing': 'Das source_profile "{source}" von Profil "{profile}" existiert nicht in {where}',
    'failure.profileMissing': 'Profil "{profile}" existiert nicht in {where}',
    'failure.noRoleArn': 'Profil "{profile}" hat kein role_arn',
    'failure.noRoleArnFix': 'role_arn zu Profil {profile} hinzufügen',
    'failure.needsMfa': 'Profil "{profile}" braucht einen Code vom MFA-Gerät {serial}',
    'failure.needsMfaFix': '`{command}` in einem Terminal ausführen oder --mfa-code mit dem aktuellen 6-stelligen Code des Geräts angeben',
    'failure.credentialSource': 'Profil "{profile}" verwendet credential_source = {source}, das nur auf einer AWS-Instanz oder in einem Container funktioniert',
    'failure.credentialSourceFix': 'source_profile oder credential_source = Environment verwenden',
    'failure.noSource': 'Profil "{profile}" hat role_arn, aber weder source_profile noch credential_source',
    'failure.noSourceFix': 'source_profile = <Profil mit Schlüsseln> zu {profile} hinzufügen',
    'failure.cycle': 'Die Profile bilden einen Kreis: {chain}',
    'failure.cycleFix': 'source_profile von {profile} auf ein Profil mit Schlüsseln zeigen lassen',
    'failure.noCredentials': 'Profil "{profile}" hat keine Anmeldeinformationen, die Rolekeeper verwenden kann (Typ {type})',
    'failure.noCredentialsFix': 'In {profile} Schlüssel, ein role_arn mit source_profile oder einen credential_process eintragen',
    'failure.sessionKeysExpired': 'Die Sitzungsschlüssel von Profil "{profile}" sind am {time} abgelaufen{at}',
    'failure.sessionKeysManagedFix': 'Rolekeeper verwaltet {profile}: es zuerst mit `{command}` erneuern (oder den Daemon oder das Tray laufen lassen)',
    'failure.sessionKeysFix': 'Die Schlüssel durch frische ersetzen oder von Rolekeeper verwalten lassen: {command}',
    'failure.stopped': 'Das Erneuern von Profil "{profile}" wurde abgebrochen',
    'failure.stoppedFix': 'Es wird erneuert, sobald Rolekeeper wieder läuft',
    'failure.tooShort': 'Profil "{profile}" wurde erneuert, aber seine Sitzungen dauern nur {lasts}, weniger als die verlangten {asked}',
    'failure.tooShortFix': 'duration_seconds von {profile} erhöhen (bis zur MaxSessionDuration der Rolle; verkettete Rollen sind auf 1 Stunde begrenzt) oder weniger verlangen',
  };
}
