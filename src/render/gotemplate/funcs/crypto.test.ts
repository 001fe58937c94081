// Random and crypto functions: their shape, round trips with the real Helm binary where the output is
// deterministic given the input (derivePassword, AES both ways, bcrypt verification), and the
// certificates read back by openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { allFuncs } from './index.ts';
import { helmPrints } from './testdata/oracle.ts';
import type { GoStruct, GoValue } from '../value.ts';

const f = allFuncs();
const call = (name: string, ...args: GoValue[]): GoValue => f[name].fn(...args);

function openssl(args: string[], files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hull-x509-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('random strings', () => {
  it('have the length and alphabet asked for', () => {
    expect(call('randAlphaNum', 32n)).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(call('randAlpha', 10n)).toMatch(/^[a-zA-Z]{10}$/);
    expect(call('randNumeric', 8n)).toMatch(/^[0-9]{8}$/);
    expect(call('randAscii', 50n)).toMatch(/^[\x20-\x7e]{50}$/);
    expect(call('randAlphaNum', 0n)).toBe('');
    expect(Buffer.from(call('randBytes', 24n) as string, 'base64')).toHaveLength(24);
    expect(call('uuidv4')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('randAlphaNum', 16n)).not.toBe(call('randAlphaNum', 16n));
    expect([...(call('shuffle', 'hello wörld') as string)].sort()).toEqual([...'hello wörld'].sort());
    const r = Number(call('randInt', 5n, 8n));
    expect(r >= 5 && r < 8).toBe(true);
  });
});

describe('crypto against Helm', () => {
  it('derives the same passwords, decrypts each other\'s AES and verifies each other\'s bcrypt', async () => {
    const ours = call('encryptAES', 'secretkey', 'plain text ünïcode') as string;
    const [derived, derivedPin, helmAes, fromOurs, helmHt] = await helmPrints([
      { name: 'derivePassword', args: [1n, 'long', 'password', 'user', 'example.com'] },
      { name: 'derivePassword', args: [3n, 'pin', 'pässword', 'üser', 'site'] },
      { name: 'encryptAES', args: ['secretkey', 'hello helm'] },
      { name: 'decryptAES', args: ['secretkey', ours] },
      { name: 'htpasswd', args: ['admin', 'pw'] },
    ]);
    expect(call('derivePassword', 1n, 'long', 'password', 'user', 'example.com')).toBe(derived);
    expect(call('derivePassword', 3n, 'pin', 'pässword', 'üser', 'site')).toBe(derivedPin);
    expect(call('decryptAES', 'secretkey', helmAes)).toBe('hello helm');
    expect(fromOurs).toBe('plain text ünïcode');
    const [user, hash] = helmHt.split(':');
    expect(user).toBe('admin');
    expect(bcrypt.compareSync('pw', hash)).toBe(true);
    const mine = call('htpasswd', 'admin', 'pw') as string;
    expect(mine).toMatch(/^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcrypt.compareSync('pw', mine.slice('admin:'.length))).toBe(true);
    expect(call('htpasswd', 'a:b', 'pw')).toBe('invalid username: a:b');
    expect(call('derivePassword', 1n, 'nope', 'p', 'u', 's')).toBe('cannot find password template nope');
    expect(call('encryptAES', 'k', '')).toBe('');
  }, 60_000);
});

describe('keys and certificates', () => {
  it('generates each private key type in the PEM form Sprig writes', () => {
    expect(call('genPrivateKey', 'ecdsa')).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(call('genPrivateKey', 'ed25519')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(call('genPrivateKey', 'nope')).toBe('Unknown type nope');
    const dsa = call('genPrivateKey', 'dsa') as string;
    expect(dsa).toMatch(/^-----BEGIN DSA PRIVATE KEY-----\n/);
    expect(openssl(['pkey', '-in', 'k.pem', '-text', '-noout'], { 'k.pem': dsa })).toMatch(/Private-Key: \(2048 bit/);
  }, 60_000);

  it('makes a CA and a certificate it signed, which openssl verifies', () => {
    const ca = call('genCA', 'my-ca', 365n) as GoStruct;
    expect(ca.Key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const caText = openssl(['x509', '-in', 'ca.pem', '-text', '-noout'], { 'ca.pem': ca.Cert as string });
    expect(caText).toContain('Subject: CN = my-ca');
    expect(caText).toMatch(/CA:TRUE/);
    expect(caText).toMatch(/Certificate Sign/);
    const cert = call('genSignedCert', 'svc.example', ['10.0.0.1'], ['svc.example', 'svc'], 30n, ca) as GoStruct;
    const text = openssl(['x509', '-in', 'c.pem', '-text', '-noout'], { 'c.pem': cert.Cert as string });
    expect(text).toContain('Issuer: CN = my-ca');
    expect(text).toMatch(/DNS:svc\.example, DNS:svc, IP Address:10\.0\.0\.1/);
    expect(text).toMatch(/CA:FALSE/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(openssl(['verify', '-CAfile', 'ca.pem', 'c.pem'], { 'ca.pem': ca.Cert as string, 'c.pem': cert.Cert as string })).toContain('c.pem: OK');
    const days = openssl(['x509', '-in', 'c.pem', '-enddate', '-noout'], { 'c.pem': cert.Cert as string });
    const end = new Date(days.replace('notAfter=', '').trim()).getTime();
    expect(Math.round((end - Date.now()) / 86400000)).toBe(30);
  }, 60_000);

  it('self-signs, and uses a given key', () => {
    const key = call('genPrivateKey', 'rsa') as string;
    const cert = call('genSelfSignedCertWithKey', 'self', [], ['a.b'], 10n, key) as GoStruct;
    expect(cert.Key).toBe(key);
    expect(openssl(['verify', '-CAfile', 'c.pem', 'c.pem'], { 'c.pem': cert.Cert as string })).toContain('OK');
    const ca = call('genCAWithKey', 'ca2', 5n, key) as GoStruct;
    expect(ca.Key).toBe(key);
    expect(() => call('genSelfSignedCert', 'x', ['not-an-ip'], null, 1n)).toThrow('error parsing ip: not-an-ip');
    expect(() => call('genCAWithKey', 'x', 1n, 'junk')).toThrow('parsing private key: no PEM data in input');
  }, 60_000);
});
