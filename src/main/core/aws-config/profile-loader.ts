// Reads the config and credentials files into botocore's merged view of profiles (the same names,
// order and values `aws configure list-profiles` / `aws configure get` give), with the file and
// line of every value and a finding wherever the AWS CLI refuses a file or the JS SDK reads it
// differently.
import { phrase, type Phrase } from '../../../shared/i18n';
import { wordedText, type FixWords } from '../../../shared/finding-wording';
import * as fs from 'node:fs';
import { awsPaths, type AwsEnvironment } from '../model/aws-environment';
import { parseIni, shlexSplit, type IniEntry, type IniFile, type IniProblem } from './ini-parser';
import type { ConfigValue, ProfileSet, ResolvedProfile } from './profile-model';
import { resolveProfiles, type ProfileDraft } from './profile-resolver';
import { quoteWordForAnyPosixShell } from '../shell/any-shell';
import type { Finding } from '../../../shared/profile-summary';

export interface LoadOptions {
  /** Reads a file's bytes; tests pass one that fails like an unreadable file would. */
  readFile?: (path: string) => Buffer;
  /** Stats a path; null when it does not exist. */
  stat?: (path: string) => { isFile: boolean } | null;
}

type FileKind = 'config' | 'credentials';

// Sections the AWS CLI itself reads from the config file that are not profiles.
const KNOWN_NON_PROFILE_SECTIONS = new Set(['plugins', 'preview', 'cli']);
// The JS SDK's section-header rule (@smithy/shared-ini-file-loader parseIni): one whitespace
// character after the prefix, optional matching quotes, and a limited set of name characters.
const JS_PROFILE_HEADER = /^profile\s(["'])?([\w\-@+.%:/]+)\1$/;
const SECRET_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

function defaultStat(path: string): { isFile: boolean } | null {
  try {
    return { isFile: fs.statSync(path).isFile() };
  } catch {
    return null;
  }
}

interface ReadResult {
  ini: IniFile | null;
  findings: Finding[];
}

function fileFinding(code: string, severity: Finding['severity'], file: string, line: number | null, message: Phrase | string, fix: FixWords, profile: string | null = null): Finding {
  const at = line === null ? file : `${file}:${line}`;
  const located = typeof message === 'string' ? `${at}: ${message}` : phrase('doctor.at', { at, text: message });
  return { code, severity, profile, ...wordedText(located, fix), file, ...(line === null ? {} : { line }) };
}


function posixWord(value: string): string {
  return quoteWordForAnyPosixShell(value);
}

const ERROR_FIXES: Record<string, (file: string) => FixWords> = {
  // sed and chmod are POSIX tools, so these lines quote for the shells they run in: sh, bash, zsh, fish.
  'ini-bom': (file) => phrase('ini.fix.bom', { file: posixWord(file), command: `sed -i '1s/^\\xEF\\xBB\\xBF//' ${posixWord(file)}` }),
  'ini-missing-section-header': () => phrase('ini.fix.missingSectionHeader'),
  'ini-duplicate-section': () => phrase('ini.fix.duplicateSection'),
  'ini-duplicate-key': () => phrase('ini.fix.duplicateKey'),
  'ini-bad-line': () => phrase('ini.fix.badLine'),
  'ini-bad-nested-line': () => phrase('ini.fix.badNestedLine'),
  'ini-not-utf8': (file) => phrase('ini.fix.notUtf8', { file }),
  'ini-indented-header': () => phrase('ini.fix.indentedHeader'),
};

const NOTE_FIXES: Record<string, Phrase> = {
  'ini-inline-comment': phrase('ini.fix.inlineComment'),
  'ini-colon-delimiter': phrase('ini.fix.colonDelimiter'),
  'ini-upper-case-key': phrase('ini.fix.upperCaseKey'),
  'ini-continuation-line': phrase('ini.fix.continuationLine'),
  'ini-default-section': phrase('ini.fix.defaultSection'),
  'ini-indented-header': phrase('ini.fix.indentedHeader'),
};

function readIni(file: string, fileKind: FileKind, options: LoadOptions): ReadResult {
  const stat = (options.stat ?? defaultStat)(file);
  if (!stat) return { ini: null, findings: [] };
  if (!stat.isFile) {
    return {
      ini: null,
      findings: [fileFinding('file-not-a-file', 'warning', file, null, phrase('doctor.file.notAFile', { kind: fileKind }), phrase('doctor.file.notAFile.fix', { kind: fileKind }))],
    };
  }
  let bytes: Buffer;
  try {
    bytes = (options.readFile ?? ((p: string) => fs.readFileSync(p)))(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      ini: null,
      findings: [fileFinding('file-unreadable', 'warning', file, null, phrase('doctor.file.unreadable', { kind: fileKind, code: String(code) }), phrase('doctor.file.unreadable.fix', { command: `chmod 600 ${posixWord(file)}` }))],
    };
  }
  // Decoding is fast without `fatal`; a replacement character means the bytes may be invalid.
  let text = bytes.toString('utf8');
  try {
    if (text.includes('\ufffd')) text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return {
      ini: null,
      findings: [fileFinding('ini-not-utf8', 'error', file, null, phrase('doctor.file.notUtf8', { kind: fileKind }), ERROR_FIXES['ini-not-utf8'](file))],
    };
  }
  const ini = parseIni(text);
  if (ini.error) {
    const { code, line, words } = ini.error;
    return {
      ini: null,
      findings: [fileFinding(code, 'error', file, line, phrase('ini.unparsable', { problem: words }), ERROR_FIXES[code](file))],
    };
  }
  return { ini, findings: [] };
}

function configValue(entry: { value: string; line: number }, file: string, fileKind: FileKind): ConfigValue {
  return { value: entry.value, file, line: entry.line, fileKind };
}

function putEntry(draft: ProfileDraft, entry: IniEntry, file: string, fileKind: FileKind): void {
  // botocore's dict.update: a key from the credentials file replaces the config file's, nested or not.
  if (fileKind === 'credentials') {
    draft.values.delete(entry.key);
    draft.subSections.delete(entry.key);
  }
  if (entry.nested) {
    const sub = new Map<string, ConfigValue>();
    for (const [key, nested] of entry.nested) sub.set(key, configValue(nested, file, fileKind));
    if (draft.subSections === NO_SUB_SECTIONS) draft.subSections = new Map();
    draft.subSections.set(entry.key, sub);
  } else {
    draft.values.set(entry.key, configValue(entry, file, fileKind));
  }
}

// Most profiles have no nested blocks: they share one empty map until they get one.
const NO_SUB_SECTIONS: Map<string, Map<string, ConfigValue>> = new Map();

function newDraft(name: string, file: string, line: number, fileKind: FileKind): ProfileDraft {
  return { name, values: new Map(), subSections: NO_SUB_SECTIONS, definedIn: [{ file, line, fileKind }] };
}

// `profile NAME` with one space and no quote, backslash or other whitespace: what shlex makes of it
// is plain, and 10,000 headers need no word lists.
const PLAIN_SECTION_HEADER = /^[^\s"'\\]+ ([^\s"'\\]+)$/;

/** botocore's `_parse_section`: `prefix NAME` split with shlex, exactly two words. */
function sectionName(header: string): string | null {
  const plain = PLAIN_SECTION_HEADER.exec(header);
  if (plain) return plain[1]!;
  const words = shlexSplit(header);
  return words && words.length === 2 ? words[1] : null;
}

export function loadProfiles(environment: AwsEnvironment, options: LoadOptions = {}): ProfileSet {
  const paths = awsPaths(environment);
  const findings: Finding[] = [];
  const drafts = new Map<string, ProfileDraft>();
  const ssoSessions = new Map<string, Map<string, ConfigValue>>();
  const services = new Map<string, Map<string, Map<string, ConfigValue>>>();
  const headerToProfile = new Map<string, string>();

  const config = readIni(paths.configFile, 'config', options);
  findings.push(...config.findings);
  if (config.ini) {
    const file = paths.configFile;
    let plainDefault: number | null = null;
    let prefixedDefault: number | null = null;
    for (const section of config.ini.sections) {
      const { header } = section;
      if (header.startsWith('profile')) {
        const name = sectionName(header);
        if (name === null) {
          findings.push(fileFinding('section-header-ignored', 'warning', file, section.line, phrase('doctor.file.headerIgnored', { header }), phrase('doctor.file.headerIgnored.fix')));
          continue;
        }
        if (name === 'default') prefixedDefault = section.line;
        const js = JS_PROFILE_HEADER.exec(header);
        if (!js || js[2] !== name) {
          findings.push(fileFinding('profile-name-sdk-unreadable', 'warning', file, section.line, phrase('doctor.file.nameSdkUnreadable', { header, profile: name }), phrase('doctor.file.nameSdkUnreadable.fix'), name));
        }
        addConfigProfile(name, section);
      } else if (header.startsWith('sso-session')) {
        const name = sectionName(header);
        if (name !== null) ssoSessions.set(name, flatValues(section.entries, file));
      } else if (header.startsWith('services')) {
        const name = sectionName(header);
        if (name !== null) services.set(name, nestedValues(section.entries, file));
      } else if (header === 'default') {
        plainDefault = section.line;
        addConfigProfile('default', section);
      } else if (!KNOWN_NON_PROFILE_SECTIONS.has(header)) {
        findings.push(fileFinding('section-not-a-profile', 'warning', file, section.line, phrase('doctor.file.sectionNotProfile', { header }), phrase('doctor.file.sectionNotProfile.fix', { header })));
      }
    }
    if (plainDefault !== null && prefixedDefault !== null) {
      const later = plainDefault > prefixedDefault ? '[default]' : '[profile default]';
      findings.push(fileFinding('profile-default-twice', 'warning', file, Math.max(plainDefault, prefixedDefault), phrase('doctor.file.defaultTwice', { plainLine: plainDefault, prefixedLine: prefixedDefault, later }), phrase('doctor.file.defaultTwice.fix'), 'default'));
    }
    pushNotes(config.ini, file, headerToConfigProfile);
  }

  function addConfigProfile(name: string, section: IniFile['sections'][number]): void {
    const file = paths.configFile;
    const previous = drafts.get(name);
    if (previous && name !== 'default') {
      findings.push(fileFinding('profile-defined-twice', 'warning', file, section.line, phrase('doctor.file.definedTwice', { profile: name, firstLine: previous.definedIn[0].line }), phrase('doctor.file.definedTwice.fix'), name));
    }
    // Like botocore's dict update: the later section replaces the earlier one but keeps its place.
    const draft = newDraft(name, file, section.line, 'config');
    for (const entry of section.entries.values()) putEntry(draft, entry, file, 'config');
    drafts.set(name, draft);
    headerToProfile.set(section.header, name);
  }

  function headerToConfigProfile(header: string): string | null {
    return headerToProfile.get(header) ?? null;
  }

  const credentials = readIni(paths.credentialsFile, 'credentials', options);
  findings.push(...credentials.findings);
  if (credentials.ini) {
    const file = paths.credentialsFile;
    for (const section of credentials.ini.sections) {
      const name = section.header;
      if (name.startsWith('profile ')) {
        findings.push(fileFinding('credentials-profile-prefix', 'warning', file, section.line, phrase('doctor.file.credentialsPrefix', { name }), phrase('doctor.file.credentialsPrefix.fix', { name: name.slice('profile '.length).trim() }), name));
      }
      let draft = drafts.get(name);
      if (!draft) {
        draft = newDraft(name, file, section.line, 'credentials');
        drafts.set(name, draft);
      } else {
        draft.definedIn.push({ file, line: section.line, fileKind: 'credentials' });
        for (const entry of section.entries.values()) {
          const before = draft.values.get(entry.key);
          if (before && before.fileKind === 'config' && !SECRET_KEYS.has(entry.key) && !entry.nested && before.value !== entry.value) {
            findings.push(fileFinding('key-in-both-files', 'warning', file, entry.line, phrase('doctor.file.keyInBoth', { key: entry.key, profile: name, at: `${before.file}:${before.line}` }), phrase('doctor.file.keyInBoth.fix', { key: entry.key }), name));
          }
        }
      }
      for (const entry of section.entries.values()) putEntry(draft, entry, file, 'credentials');
    }
    pushNotes(credentials.ini, file, (header) => (header === 'DEFAULT' ? null : header));
  }

  function pushNotes(ini: IniFile, file: string, profileOf: (header: string) => string | null): void {
    for (const note of ini.notes) {
      findings.push(noteFinding(note, file, note.section === null ? null : profileOf(note.section)));
    }
  }

  const profiles = resolveProfiles([...drafts.values()], { ssoSessions, services, platform: environment.platform });
  const byName = new Map<string, ResolvedProfile>(profiles.map((p) => [p.name, p]));
  return {
    paths,
    profiles,
    ssoSessions,
    services,
    findings,
    get: (name) => byName.get(name),
  };
}

function noteFinding(note: IniProblem<string>, file: string, profile: string | null): Finding {
  return fileFinding(note.code, 'warning', file, note.line, note.words, NOTE_FIXES[note.code] ?? null, profile);
}

function flatValues(entries: Map<string, IniEntry>, file: string): Map<string, ConfigValue> {
  const values = new Map<string, ConfigValue>();
  for (const entry of entries.values()) if (!entry.nested) values.set(entry.key, configValue(entry, file, 'config'));
  return values;
}

function nestedValues(entries: Map<string, IniEntry>, file: string): Map<string, Map<string, ConfigValue>> {
  const result = new Map<string, Map<string, ConfigValue>>();
  for (const entry of entries.values()) {
    if (!entry.nested) continue;
    const sub = new Map<string, ConfigValue>();
    for (const [key, nested] of entry.nested) sub.set(key, configValue(nested, file, 'config'));
    result.set(entry.key, sub);
  }
  return result;
}
