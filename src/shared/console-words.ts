// The AWS console sign-in (`rolekeeper console`, the tray's "Open AWS console"), in English and
// German. Codes, commands and `--json` stay English.

/** Built on first use, like every table. */
export function consoleWordsEn() {
  return {
    'console.longTermKeys': 'Profile "{profile}" holds long-term keys (no session): the AWS console sign-in needs a role session. Use a profile that assumes a role with these keys (role_arn with source_profile = {profile}) and open the console for that one, or an IAM Identity Center profile.',
    'console.noCredentials': 'Rolekeeper gets no credentials for profile "{profile}", so it cannot open the AWS console with it.',
    'console.badService': '"{service}" is not a console service name: use the name in the console\'s address, e.g. ec2, s3 or cloudformation.',
    'console.badRegion': '"{region}" is not a region name (e.g. eu-central-1).',
    'console.federationUnreachable': 'The AWS sign-in endpoint {host} could not be reached ({reason}).',
    'console.federationRefused': 'The AWS sign-in endpoint {host} refused the role session (HTTP {status}). Sessions from GetSessionToken or longer than the endpoint allows are refused; refresh the profile and try again.',
    'console.federationNoToken': 'The AWS sign-in endpoint {host} answered without a sign-in token.',
    'console.printed': 'Anyone with this address can sign in as {profile} for the next 15 minutes: do not share it.',
    'console.opened': 'Opened the AWS console for {profile} in the browser ({destination}).',
    'console.notOpened': 'No browser could be opened. Run rolekeeper console {profile} --print and open the address yourself.',
  } as const;
}

export function consoleWordsDe(): Record<keyof ReturnType<typeof consoleWordsEn>, string> {
  return {
    'console.longTermKeys': 'Profil „{profile}“ enthält dauerhafte Schlüssel (keine Sitzung): die Anmeldung an der AWS-Konsole braucht eine Rollensitzung. Nutze ein Profil, das mit diesen Schlüsseln eine Rolle übernimmt (role_arn mit source_profile = {profile}), und öffne die Konsole dafür, oder ein IAM-Identity-Center-Profil.',
    'console.noCredentials': 'Rolekeeper bekommt für Profil „{profile}“ keine Anmeldeinformationen und kann die AWS-Konsole damit nicht öffnen.',
    'console.badService': '„{service}“ ist kein Dienstname der Konsole: nimm den Namen aus der Adresse der Konsole, z. B. ec2, s3 oder cloudformation.',
    'console.badRegion': '„{region}“ ist kein Regionsname (z. B. eu-central-1).',
    'console.federationUnreachable': 'Der AWS-Anmeldeendpunkt {host} war nicht erreichbar ({reason}).',
    'console.federationRefused': 'Der AWS-Anmeldeendpunkt {host} hat die Rollensitzung abgelehnt (HTTP {status}). Sitzungen aus GetSessionToken oder länger als erlaubt werden abgelehnt; erneuere das Profil und versuche es noch einmal.',
    'console.federationNoToken': 'Der AWS-Anmeldeendpunkt {host} hat ohne Anmelde-Token geantwortet.',
    'console.printed': 'Wer diese Adresse hat, kann sich in den nächsten 15 Minuten als {profile} anmelden: gib sie nicht weiter.',
    'console.opened': 'AWS-Konsole für {profile} im Browser geöffnet ({destination}).',
    'console.notOpened': 'Es ließ sich kein Browser öffnen. Führe rolekeeper console {profile} --print aus und öffne die Adresse selbst.',
  };
}
