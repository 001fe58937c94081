// Packages only a few functions need (X.509, bcrypt, RE2, TOML), loaded on first call: a chart that
// never calls genCA does not pay for node-forge at start-up. The bundler turns these requires into
// bundled modules evaluated on first use (scripts/bundle.mjs, bundleLazyRequires).
import { createRequire } from 'node:module';
import type * as Bcrypt from 'bcryptjs';
import type Forge from 'node-forge';
import type * as Re2js from 're2js';
import type * as SmolToml from 'smol-toml';

const cache = new Map<string, unknown>();
function load<T>(name: string, get: () => T): T {
  if (!cache.has(name)) cache.set(name, get());
  return cache.get(name) as T;
}

export const forge = (): typeof Forge => load('node-forge', () => createRequire(import.meta.url)('node-forge') as typeof Forge);
export const bcrypt = (): typeof Bcrypt => load('bcryptjs', () => createRequire(import.meta.url)('bcryptjs') as typeof Bcrypt);
export const re2js = (): typeof Re2js => load('re2js', () => createRequire(import.meta.url)('re2js') as typeof Re2js);
export const smolToml = (): typeof SmolToml => load('smol-toml', () => createRequire(import.meta.url)('smol-toml') as typeof SmolToml);
