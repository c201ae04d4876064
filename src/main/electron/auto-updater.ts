// electron-updater and what it brings (js-yaml, fs-extra, builder-util-runtime: ~230 KB) in a
// bundle of their own (scripts/bundle.mjs), loaded only by a build that has an update feed.
export { autoUpdater } from 'electron-updater';
