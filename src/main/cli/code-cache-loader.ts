// Loads a CLI bundle with the V8 code cache the build wrote beside it (`<bundle>.cache`), so a
// warm `export` or `list` does not parse and compile half a megabyte of JavaScript on every run.
// A cache from another Node/V8 version, or for another build of the bundle, is rejected by V8 and
// the bundle compiles as usual: the cache only ever saves time, it never changes what runs.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const CODE_CACHE_SUFFIX = '.cache';

/** The bundle as a script, compiled with its code cache when V8 accepts it. */
export function compileBundle(file: string, cachedData?: Buffer): Script {
  return new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(`${file}${CODE_CACHE_SUFFIX}`);
  } catch {
    return undefined;
  }
}

/** Like `require(file)` for a self-contained CommonJS bundle, using its code cache. */
export function requireBundle<T>(file: string): T {
  const script = compileBundle(file, readCache(file));
  const bundle = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  wrapper.call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));
  return bundle.exports;
}
