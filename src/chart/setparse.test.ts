import { describe, expect, it } from 'vitest';
import { applySet } from './setparse.ts';

const set = (expr: string, kind: 'set' | 'string' | 'json' | 'file' = 'set', base: Record<string, unknown> = {}) => {
  applySet(base, expr, kind, (p) => `content of ${p}`);
  return base;
};

describe('--set syntax', () => {
  it('sets nested keys and types scalars like Helm', () => {
    expect(set('a.b=c,n=42,t=true,f=false,z=null,s=1.5,o=007')).toEqual({ a: { b: 'c' }, n: 42, t: true, f: false, z: null, s: '1.5', o: '007' });
  });
  it('keeps everything a string with --set-string', () => {
    expect(set('n=42,t=true', 'string')).toEqual({ n: '42', t: 'true' });
  });
  it('handles list indexes, brace lists and nested list objects', () => {
    expect(set('l[1]=x,m[0].name=a,names={a,b,3}')).toEqual({ l: [null, 'x'], m: [{ name: 'a' }], names: ['a', 'b', 3] });
  });
  it('honours escaped dots and commas', () => {
    expect(set('podLabels.hull\\.test/never-ready=true,msg=a\\,b')).toEqual({ podLabels: { 'hull.test/never-ready': true }, msg: 'a,b' });
  });
  it('parses JSON values, commas included', () => {
    expect(set('a={"x":[1,2]},b=[3,"y"]', 'json')).toEqual({ a: { x: [1, 2] }, b: [3, 'y'] });
  });
  it('reads file content with --set-file', () => {
    expect(set('script=run.sh', 'file')).toEqual({ script: 'content of run.sh' });
  });
  it('overwrites into an existing map without losing siblings', () => {
    expect(set('a.b=2', 'set', { a: { b: 1, c: 3 } })).toEqual({ a: { b: 2, c: 3 } });
  });
  it('rejects prototype keys, bad indexes and missing "="', () => {
    expect(() => set('__proto__.x=1')).toThrow(/not allowed/);
    expect(() => set('a.constructor.prototype.x=1')).toThrow(/not allowed/);
    expect(() => set('{"__proto__":{"x":1}}', 'json')).toThrow(/key=value|not allowed/);
    expect(() => set('a={"__proto__":{"x":1}}', 'json')).toThrow(/not allowed/);
    expect(() => set('l[99999999]=1')).toThrow(/larger/);
    expect(() => set('l[-1]=1')).toThrow(/index/);
    expect(() => set('novalue')).toThrow(/key=value/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
