// `npm run dist:linux [-- BUILDER-FLAGS]`: the Linux packages (.deb, .rpm, .tar.gz) from
// electron-builder's `--dir` output, made with the system's own packagers (dpkg-deb, rpmbuild, tar).
// electron-builder's deb, rpm and AppImage targets download fpm and appimagetool at build time; these
// do not, so the packages build wherever Debian's packages can be installed. Every flag is passed to
// electron-builder as is, so `-c.electronDist=DIR` and `-c.directories.output=OUT` work as they do
// there; the packages land in OUT beside linux-unpacked. Package metadata comes from package.json
// and electron-builder.yml (linux, deb, rpm), the same places electron-builder reads it from.
// Updates: OUT/latest-linux.yml describes the packages for electron-updater (as electron-builder
// writes it); with ROLEKEEPER_UPDATE_URL set, the app gets resources/app-update.yml pointing at that
// generic feed. Without it the app has no feed and never checks (src/main/electron/updates.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const DEB_ARCH = { x64: 'amd64', arm64: 'arm64' };
const RPM_ARCH = { x64: 'x86_64', arm64: 'aarch64' };

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** The value of electron-builder's `-c.KEY=V`, `-c.KEY V`, `--config.KEY=V` or `--config.KEY V`. */
export function builderFlag(args, key) {
  for (let i = 0; i < args.length; i += 1) {
    for (const prefix of [`-c.${key}`, `--config.${key}`]) {
      if (args[i] === prefix) return args[i + 1];
      if (args[i].startsWith(`${prefix}=`)) return args[i].slice(prefix.length + 1);
    }
  }
  return undefined;
}

/** What goes into every package, read from package.json and electron-builder.yml. */
export function packageFacts(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const builder = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  const linux = builder.linux ?? {};
  return {
    name: pkg.name,
    productName: builder.productName,
    executableName: linux.executableName ?? pkg.name,
    version: pkg.version,
    description: pkg.description,
    synopsis: linux.synopsis ?? pkg.description,
    homepage: pkg.homepage,
    license: pkg.license,
    maintainer: linux.maintainer,
    vendor: linux.vendor,
    category: linux.category,
    startupWMClass: linux.desktop?.entry?.StartupWMClass ?? builder.productName,
    debDepends: builder.deb?.depends ?? [],
    debSection: builder.deb?.packageCategory ?? 'devel',
    debPriority: builder.deb?.priority ?? 'optional',
    rpmRequires: builder.rpm?.depends ?? [],
    iconDir: join(root, linux.icon ?? 'build/icons'),
  };
}

function desktopEntry(facts) {
  return [
    '[Desktop Entry]',
    `Name=${facts.productName}`,
    `Comment=${facts.synopsis}`,
    `Exec=/opt/${facts.productName}/${facts.executableName} %U`,
    'Terminal=false',
    'Type=Application',
    `Icon=${facts.name}`,
    `StartupWMClass=${facts.startupWMClass}`,
    `Categories=${facts.category};`,
    '',
  ].join('\n');
}

/** The installed tree: the app in /opt, a launcher in /usr/bin, the desktop entry and hicolor icons. */
function stageTree(unpacked, facts) {
  const stage = mkdtempSync(join(tmpdir(), 'rolekeeper-stage-'));
  chmodSync(stage, 0o755);
  const appDir = join(stage, 'opt', facts.productName);
  mkdirSync(join(stage, 'opt'), { recursive: true });
  cpSync(unpacked, appDir, { recursive: true, verbatimSymlinks: true });
  const feed = process.env.ROLEKEEPER_UPDATE_URL;
  if (feed) writeFileSync(join(appDir, 'resources', 'app-update.yml'), yaml.dump({ provider: 'generic', url: feed, updaterCacheDirName: `${facts.name}-updater` }));
  // Chromium's setuid sandbox helper, as electron-builder's own packages install it.
  if (existsSync(join(appDir, 'chrome-sandbox'))) chmodSync(join(appDir, 'chrome-sandbox'), 0o4755);
  mkdirSync(join(stage, 'usr', 'bin'), { recursive: true });
  symlinkSync(`/opt/${facts.productName}/${facts.executableName}`, join(stage, 'usr', 'bin', facts.executableName));
  mkdirSync(join(stage, 'usr', 'share', 'applications'), { recursive: true });
  writeFileSync(join(stage, 'usr', 'share', 'applications', `${facts.name}.desktop`), desktopEntry(facts));
  for (const icon of readdirSync(facts.iconDir).filter((file) => /^\d+x\d+\.png$/.test(file))) {
    const dir = join(stage, 'usr', 'share', 'icons', 'hicolor', basename(icon, '.png'), 'apps');
    mkdirSync(dir, { recursive: true });
    cpSync(join(facts.iconDir, icon), join(dir, `${facts.name}.png`));
  }
  return stage;
}

function installedKilobytes(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return Math.ceil(bytes / 1024);
}

function buildDeb(stage, facts, arch, out) {
  const root = mkdtempSync(join(tmpdir(), 'rolekeeper-deb-'));
  try {
    cpSync(stage, root, { recursive: true, verbatimSymlinks: true });
    chmodSync(root, 0o755);
    // How electron-updater knows which package to download and install (DebUpdater).
    writeFileSync(join(root, 'opt', facts.productName, 'resources', 'package-type'), 'deb\n');
    mkdirSync(join(root, 'DEBIAN'));
    const control = [
      `Package: ${facts.name}`,
      `Version: ${facts.version}`,
      `Architecture: ${DEB_ARCH[arch]}`,
      `Maintainer: ${facts.maintainer}`,
      `Installed-Size: ${installedKilobytes(stage)}`,
      `Depends: ${facts.debDepends.join(', ')}`,
      `Section: ${facts.debSection}`,
      `Priority: ${facts.debPriority}`,
      `Homepage: ${facts.homepage}`,
      `Description: ${facts.synopsis}`,
      ` ${facts.description}`,
      '',
    ].join('\n');
    writeFileSync(join(root, 'DEBIAN', 'control'), control);
    const file = join(out, `${facts.name}_${facts.version}_${DEB_ARCH[arch]}.deb`);
    run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, file], { stdio: ['ignore', 'ignore', 'inherit'] });
    return file;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function buildRpm(stage, facts, arch, out) {
  const top = mkdtempSync(join(tmpdir(), 'rolekeeper-rpm-'));
  try {
    const spec = [
      `Name: ${facts.name}`,
      `Version: ${facts.version}`,
      'Release: 1',
      `Summary: ${facts.synopsis}`,
      `License: ${facts.license}`,
      `URL: ${facts.homepage}`,
      `Vendor: ${facts.vendor}`,
      `Packager: ${facts.maintainer}`,
      `BuildArch: ${RPM_ARCH[arch]}`,
      `Requires: ${facts.rpmRequires.join(', ')}`,
      // Electron's binaries are prebuilt: no stripping, no debuginfo, no dependencies read from them.
      'AutoReqProv: no',
      '%global debug_package %{nil}',
      '%global __os_install_post %{nil}',
      '%global _build_id_links none',
      '',
      '%description',
      facts.description,
      '',
      '%install',
      `cp -a ${stage}/. %{buildroot}/`,
      `echo rpm > %{buildroot}/opt/${facts.productName}/resources/package-type`,
      '',
      '%files',
      // Modes as staged (chrome-sandbox setuid), owned by root.
      '%defattr(-, root, root, -)',
      `/opt/${facts.productName}`,
      `/usr/bin/${facts.executableName}`,
      `/usr/share/applications/${facts.name}.desktop`,
      `/usr/share/icons/hicolor/*/apps/${facts.name}.png`,
      '',
    ].join('\n');
    writeFileSync(join(top, 'rolekeeper.spec'), spec);
    run('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', '_binary_payload w6.xzdio', '--target', RPM_ARCH[arch], join(top, 'rolekeeper.spec')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const built = join(top, 'RPMS', RPM_ARCH[arch], `${facts.name}-${facts.version}-1.${RPM_ARCH[arch]}.rpm`);
    const file = join(out, basename(built));
    cpSync(built, file);
    return file;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

function buildTarball(unpacked, facts, arch, out) {
  const folder = `${facts.name}-${facts.version}-${arch}`;
  const root = mkdtempSync(join(tmpdir(), 'rolekeeper-tar-'));
  try {
    cpSync(unpacked, join(root, folder), { recursive: true, verbatimSymlinks: true });
    const file = join(out, `${folder}.tar.gz`);
    run('tar', ['--owner=0', '--group=0', '-czf', file, '-C', root, folder]);
    return file;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** electron-updater's latest-linux.yml for `files`, as electron-builder writes it. */
function writeUpdateInfo(files, facts, out) {
  const entries = files.map((file) => ({ url: basename(file), sha512: createHash('sha512').update(readFileSync(file)).digest('base64'), size: statSync(file).size }));
  const info = { version: facts.version, files: entries, path: entries[0].url, sha512: entries[0].sha512, releaseDate: new Date().toISOString() };
  const file = join(out, 'latest-linux.yml');
  writeFileSync(file, yaml.dump(info, { lineWidth: -1 }));
  return file;
}

export function distLinux(args) {
  const arch = args.includes('--arm64') ? 'arm64' : 'x64';
  const out = resolve(ROOT, builderFlag(args, 'directories.output') ?? 'release');
  run(process.execPath, [require.resolve('electron-builder/cli.js'), '--linux', '--dir', ...args], { cwd: ROOT, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  const unpacked = join(out, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  const facts = packageFacts();
  const stage = stageTree(unpacked, facts);
  try {
    const packages = [buildDeb(stage, facts, arch, out), buildRpm(stage, facts, arch, out), buildTarball(unpacked, facts, arch, out)];
    return [...packages, writeUpdateInfo(packages, facts, out)];
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    for (const file of distLinux(process.argv.slice(2))) console.log(file);
  } catch (error) {
    console.error(`dist:linux: ${error.message}`);
    process.exit(1);
  }
}
