import { describe, expect, it } from 'vitest';
import { parseYamlMap } from './yaml.ts';

describe('safe YAML', () => {
  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    expect(() => parseYamlMap(bomb, 'values.yaml', 'VALUES_INVALID')).toThrow(/values\.yaml:1: .*(alias|resource exhaustion)/i);
  });
  it('allows a few aliases', () => {
    expect(parseYamlMap('a: &x {b: 1}\nc: *x\n', 'v.yaml', 'VALUES_INVALID')).toEqual({ a: { b: 1 }, c: { b: 1 } });
  });
  it('rejects duplicate keys with the line', () => {
    expect(() => parseYamlMap('a: 1\nb:\n  c: 1\n  c: 2\n', 'v.yaml', 'VALUES_INVALID')).toThrow(/v\.yaml:4: Map keys must be unique/);
  });
  it('rejects __proto__ and constructor keys and pollutes nothing', () => {
    expect(() => parseYamlMap('__proto__:\n  polluted: true\n', 'v.yaml', 'VALUES_INVALID')).toThrow(/"__proto__" is not allowed/);
    expect(() => parseYamlMap('a:\n  constructor:\n    prototype: {p: 1}\n', 'v.yaml', 'VALUES_INVALID')).toThrow(/"a\.constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('requires a mapping at the top', () => {
    expect(() => parseYamlMap('- a\n', 'v.yaml', 'VALUES_INVALID')).toThrow(/expected a mapping/);
    expect(parseYamlMap('# only a comment\n', 'v.yaml', 'VALUES_INVALID')).toEqual({});
  });
});
