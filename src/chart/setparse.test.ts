import { describe, expect, it } from 'vitest';
import { applySet, typedValue, type SetKind } from './setparse.ts';

const set = (expr: string, kind: SetKind = 'set', base: Record<string, unknown> = {}) => applySet(base, expr, kind, (p) => `content of ${p}`);

// Every expectation here was checked against `helm template` (Helm 4.1.4); test/diff/ keeps checking.
describe('--set syntax (Helm strvals)', () => {
  it('types words in any case, int64 integers as bigint, everything else as strings', () => {
    expect(set('a.b=c,n=42,t=TRUE,f=False,z=Null,s=1.5,o=007,p=+1,m=-01,u=1_000,zero=0')).toEqual({
      a: { b: 'c' }, n: 42n, t: true, f: false, z: null, s: '1.5', o: '007', p: 1n, m: -1n, u: '1_000', zero: 0n,
    });
    expect(typedValue('9007199254740993')).toBe(9007199254740993n);
    expect(typedValue('9223372036854775807')).toBe(9223372036854775807n);
    expect(typedValue('9223372036854775808')).toBe('9223372036854775808');
  });
  it('keeps everything a string with --set-string, and the whole rest with --set-literal', () => {
    expect(set('n=42,t=true', 'string')).toEqual({ n: '42', t: 'true' });
    expect(set('lit=a,b\\c=d', 'literal')).toEqual({ lit: 'a,b\\c=d' });
  });
  it('handles list indexes, brace lists and nested list objects', () => {
    expect(set('l[1]=x,m[0].name=a,names={a,b,3},e={}')).toEqual({ l: [null, 'x'], m: [{ name: 'a' }], names: ['a', 'b', 3n], e: [''] });
  });
  it('honours escaped dots and commas; an empty value is an empty string', () => {
    expect(set('podLabels.hull\\.test/never-ready=true,msg=a\\,b,e=')).toEqual({ podLabels: { 'hull.test/never-ready': true }, msg: 'a,b', e: '' });
  });
  it('parses one JSON value per key (empty is null), or a whole JSON object', () => {
    expect(set('a={"x":[1,2]},b=[3,"y"],c=,d=null', 'json')).toEqual({ a: { x: [1, 2] }, b: [3, 'y'], c: null, d: null });
    expect(set('{"m":{"k":1}}', 'json', { m: { j: 2 } })).toEqual({ m: { j: 2, k: 1 } });
  });
  it('reads file content with --set-file', () => {
    expect(set('script=run.sh', 'file')).toEqual({ script: 'content of run.sh' });
  });
  it('overwrites into an existing map without losing siblings', () => {
    expect(set('a.b=2', 'set', { a: { b: 1, c: 3 } })).toEqual({ a: { b: 2n, c: 3 } });
  });
  it('refuses what Helm refuses, naming the flag and the expression', () => {
    expect(() => set('a=1,a.b=2')).toThrow('failed parsing --set data "a=1,a.b=2": key "a" is an integer, not a map');
    expect(() => set('l[99999999]=1')).toThrow(/greater than maximum supported index of 65536/);
    expect(() => set('l[-1]=1')).toThrow(/negative -1 index not allowed/);
    expect(() => set('novalue')).toThrow(/key "novalue" has no value/);
    expect(() => set('a=1,')).not.toThrow();
    expect(() => set('x,')).toThrow(/cannot end with ,/);
  });
  it('rejects prototype keys', () => {
    expect(() => set('__proto__.x=1')).toThrow(/not allowed/);
    expect(() => set('a.constructor.prototype.x=1')).toThrow(/not allowed/);
    expect(() => set('{"__proto__":{"x":1}}', 'json')).toThrow(/not allowed/);
    expect(() => set('a={"__proto__":{"x":1}}', 'json')).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
