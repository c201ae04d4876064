// An esbuild plugin for the Electron main bundle: modules the app imports but never runs, replaced by
// stand-ins that fail loudly if they ever are. Each stays true only while its reason holds:
// - @aws-sdk/credential-provider-node (with IMDS, SSO, ini and process providers behind it): the
//   SDK's default credential chain. Every signed call gets its credentials passed in
//   (sts-client-factory.ts); SSO and OIDC calls are unsigned.
// - ajv, ajv-formats: conf (under electron-store) validates against a schema; settings-store.ts
//   gives none.
// - semver (conf's import only): conf's migrations; settings-store.ts gives none.
// - bowser: the SDK's browser user agent (it parses window.navigator, which Node has not).
// - debug: electron-updater's (builder-util-runtime's) debug logging, off unless DEBUG is set.
// - sax (builder-util-runtime's import only): XML of the GitHub and S3 feeds; updates.ts reads a
//   generic feed (YAML).
// test/electron/packaging.test.ts runs the packaged bundle; test/electron/app-bundle.test.ts checks
// the stand-ins are the only way in.
const STAND_INS = {
  '@aws-sdk/credential-provider-node': `export const defaultProvider = () => async () => { throw new Error('Rolekeeper passes credentials to every signed AWS call; the default credential chain is not bundled'); };`,
  'ajv/dist/2020.js': `export class Ajv2020 { constructor() { throw new Error('electron-store schemas are not bundled: settings-store.ts gives none'); } }`,
  'ajv-formats': `export default { default: () => { throw new Error('electron-store schemas are not bundled'); } };`,
  bowser: `export default { parse: () => '' }; export const parse = () => '';`,
  debug: `const debug = () => Object.assign(() => undefined, { enabled: false }); export default debug;`,
  sax: `export const parser = () => { throw new Error('the XML update feeds (GitHub, S3) are not bundled: updates.ts reads a generic feed'); }; export default { parser };`,
  semver: `const refuse = () => { throw new Error('electron-store migrations are not bundled: settings-store.ts gives none'); };
export default { eq: refuse, clean: refuse, satisfies: refuse, lte: refuse, gt: refuse };`,
};

export const UNUSED_IN_APP = Object.keys(STAND_INS);
// ajv and semver stand in only where conf imports them; any other importer gets the real module.
const ONLY_FROM = { 'ajv/dist/2020.js': /node_modules[\\/]conf[\\/]/, 'ajv-formats': /node_modules[\\/]conf[\\/]/, semver: /node_modules[\\/]conf[\\/]/, sax: /node_modules[\\/]builder-util-runtime[\\/]/ };

export function unusedInApp() {
  const pattern = new RegExp(`^(${UNUSED_IN_APP.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'unused-in-app',
    setup(build) {
      build.onResolve({ filter: pattern }, (args) => {
        const only = ONLY_FROM[args.path];
        if (only && !only.test(args.importer)) return undefined;
        return { path: args.path, namespace: 'unused-in-app' };
      });
      build.onLoad({ filter: /.*/, namespace: 'unused-in-app' }, (args) => ({ contents: STAND_INS[args.path], loader: 'js' }));
    },
  };
}
