// Sprig's crypto: bcrypt/htpasswd, derivePassword (Master Password), private keys, X.509 CAs and
// certificates, AES-CBC. Keys come from Node's crypto; certificates are built and signed by
// node-forge (RSA, which is what genCA/genSelfSignedCert/genSignedCert generate).
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, generateKeyPairSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import type Forge from 'node-forge';
import { bcrypt, forge } from './lazy.ts';
import { GO_TYPE, type FuncMap, type GoStruct, type GoValue } from '../value.ts';
import { sprint } from './fmt.ts';

/** bcrypt with Go's defaults: cost 10, the $2a$ prefix golang.org/x/crypto/bcrypt writes. */
function bcryptHash(input: string): string {
  const salt = '$2a$10$' + bcrypt().encodeBase64(Array.from(randomBytes(16)), 16);
  return bcrypt().hashSync(input, salt);
}

const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARS: Record<string, string> = {
  V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz', A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789', o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};
const SEED = 'com.lyndir.masterpassword';

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** The Master Password algorithm (scrypt key from password and user, HMAC over site and counter). */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const userBytes = Buffer.from(user, 'utf8');
  const salt = Buffer.concat([Buffer.from(SEED), u32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const siteBytes = Buffer.from(site, 'utf8');
  const seed = createHmac('sha256', key).update(Buffer.concat([Buffer.from(SEED), u32(siteBytes.length), siteBytes, u32(counter)])).digest();
  const template = templates[seed[0] % templates.length];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = CHARS[template[i]];
    out += chars[seed[i + 1] % chars.length];
  }
  return out;
}

/** The PEM Sprig writes for each key type. */
function keyPem(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa': return key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec': return key.export({ type: 'sec1', format: 'pem' }) as string;
    default: return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

function genPrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa': return keyPem(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'ecdsa': return keyPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519': return keyPem(generateKeyPairSync('ed25519').privateKey);
    case 'dsa': return dsaPem(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey);
  }
  return 'Unknown type ' + type;
}

/** "DSA PRIVATE KEY": SEQUENCE { version 0, p, q, g, y, x } (OpenSSL's traditional form, as Sprig writes it). */
function dsaPem(key: KeyObject): string {
  const f = forge();
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const info = f.asn1.fromDer(f.util.createBuffer(der.toString('binary')));
  const [, algo, priv] = info.value as Forge.asn1.Asn1[];
  const [p, q, g] = ((algo.value as Forge.asn1.Asn1[])[1].value as Forge.asn1.Asn1[]).map((n) => n.value as string);
  const x = (f.asn1.fromDer(priv.value as string).value as string);
  const big = (s: string): bigint => BigInt('0x' + (f.util.bytesToHex(s) || '0'));
  let y = 1n;
  let base = big(g) % big(p);
  for (let e = big(x); e > 0n; e >>= 1n) {
    if (e & 1n) y = (y * base) % big(p);
    base = (base * base) % big(p);
  }
  const int = (n: bigint): Forge.asn1.Asn1 => {
    let hex = n.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    if (/^[89a-f]/.test(hex)) hex = '00' + hex;
    return f.asn1.create(f.asn1.Class.UNIVERSAL, f.asn1.Type.INTEGER, false, f.util.hexToBytes(hex));
  };
  const seq = f.asn1.create(f.asn1.Class.UNIVERSAL, f.asn1.Type.SEQUENCE, true, [int(0n), int(big(p)), int(big(q)), int(big(g)), int(y), int(big(x))]);
  const body = Buffer.from(f.asn1.toDer(seq).getBytes(), 'binary').toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN DSA PRIVATE KEY-----\n${body}\n-----END DSA PRIVATE KEY-----\n`;
}

interface Certificate { Cert: string; Key: string }

/** Sprig's certificate struct: .Cert and .Key, printed as {cert key}. */
function certValue(c: Certificate): GoStruct {
  return { [GO_TYPE]: 'sprig.certificate', Cert: c.Cert, Key: c.Key };
}

/** sprig's parsePrivateKeyPEM errors, and RSA only for signing with node-forge. */
function parseKey(pemText: string): Forge.pki.rsa.PrivateKey {
  const m = /-----BEGIN ([A-Z ]+)-----/.exec(pemText);
  if (!m) throw new Error('no PEM data in input');
  if (m[1] !== 'PRIVATE KEY' && !m[1].endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${m[1]}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(pemText);
  } catch (e) {
    throw new Error(`invalid private key type ${m[1]}: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`hull signs certificates with RSA keys only, not ${key.asymmetricKeyType}`);
  return forge().pki.privateKeyFromPem(key.export({ type: 'pkcs1', format: 'pem' }) as string);
}

const newRsaKey = (): Forge.pki.rsa.PrivateKey => forge().pki.privateKeyFromPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);

/** net.ParseIP: dotted IPv4 or IPv6. */
function checkIp(ip: GoValue): string {
  if (typeof ip !== 'string') throw new Error(`error parsing ip: ${sprint(ip)} is not a string`);
  // net.ParseIP: no zones, and no leading zeros in IPv4 octets (Node's isIP agrees on both).
  if (isIP(ip) === 0) throw new Error(`error parsing ip: ${ip}`);
  return ip;
}

function checkDns(d: GoValue): string {
  if (typeof d !== 'string') throw new Error(`error processing alternate dns name: ${sprint(d)} is not a string`);
  return d;
}

interface Signer { cert?: Forge.pki.Certificate; key: Forge.pki.rsa.PrivateKey }

/** x509.CreateCertificate from Sprig's base template (+ CA bits), PEM-encoded with its key. */
function makeCert(cn: string, ips: GoValue, dns: GoValue, days: number, isCA: boolean, key: Forge.pki.rsa.PrivateKey, signer?: Signer): Certificate {
  const f = forge();
  const ipList = ((ips ?? []) as GoValue[]).map(checkIp);
  const dnsList = ((dns ?? []) as GoValue[]).map(checkDns);
  const cert = f.pki.createCertificate();
  cert.publicKey = f.pki.setRsaPublicKey(key.n, key.e);
  // A random 128-bit serial, positive in DER.
  cert.serialNumber = '00' + randomBytes(16).toString('hex');
  const now = new Date();
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + days * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: cn }];
  cert.setSubject(subject);
  cert.setIssuer(signer?.cert ? signer.cert.subject.attributes : subject);
  const exts: object[] = [
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: isCA },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'basicConstraints', critical: true, cA: isCA },
  ];
  if (isCA) exts.push({ name: 'subjectKeyIdentifier' });
  const signerSki = signer?.cert?.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  if (signerSki?.subjectKeyIdentifier) exts.push({ name: 'authorityKeyIdentifier', keyIdentifier: f.util.hexToBytes(signerSki.subjectKeyIdentifier) });
  if (ipList.length + dnsList.length > 0) {
    exts.push({ name: 'subjectAltName', altNames: [...dnsList.map((value) => ({ type: 2, value })), ...ipList.map((ip) => ({ type: 7, ip }))] });
  }
  cert.setExtensions(exts);
  cert.sign(signer?.key ?? key, f.md.sha256.create());
  return { Cert: f.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), Key: f.pki.privateKeyToPem(key).replace(/\r\n/g, '\n') };
}

function caOf(v: GoValue): Signer {
  const ca = v as unknown as Certificate;
  let cert: Forge.pki.Certificate;
  try {
    cert = forge().pki.certificateFromPem(String(ca.Cert));
  } catch {
    throw new Error('unable to decode certificate');
  }
  let key: Forge.pki.rsa.PrivateKey;
  try {
    key = parseKey(String(ca.Key));
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return { cert, key };
}

const withKey = (pemText: GoValue): Forge.pki.rsa.PrivateKey => {
  try {
    return parseKey(pemText as string);
  } catch (e) {
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
};

/** AES-256-CBC with the password zero-padded to 32 bytes, a random IV first, PKCS#7 padding. */
function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key);
  const iv = randomBytes(16);
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key);
  const data = Buffer.from(crypt64, 'base64');
  const d = createDecipheriv('aes-256-cbc', key, data.subarray(0, 16));
  d.setAutoPadding(false);
  const out = Buffer.concat([d.update(data.subarray(16)), d.final()]);
  return out.subarray(0, out.length - out[out.length - 1]).toString('utf8');
}

const n = (v: GoValue): number => Number(v as bigint);
const s = (v: GoValue): string => v as string;

export function cryptoFuncs(): FuncMap {
  return {
    bcrypt: { params: ['string'], fn: (v) => bcryptHash(s(v)) },
    htpasswd: { params: ['string', 'string'], fn: (u, p) => (s(u).includes(':') ? `invalid username: ${s(u)}` : `${s(u)}:${bcryptHash(s(p))}`) },
    derivePassword: { params: ['int', 'string', 'string', 'string', 'string'], fn: (c, t, p, u, site) => derivePassword(n(c), s(t), s(p), s(u), s(site)) },
    genPrivateKey: { params: ['string'], fn: (t) => genPrivateKey(s(t)) },
    buildCustomCert: {
      params: ['string', 'string'],
      fn: (c64, k64) => {
        const cert = Buffer.from(s(c64), 'base64').toString('utf8');
        const key = Buffer.from(s(k64), 'base64').toString('utf8');
        if (!/-----BEGIN CERTIFICATE-----/.test(cert)) throw new Error('unable to decode certificate');
        try {
          createPrivateKey(key);
        } catch (e) {
          throw new Error(`error parsing private key: ${(e as Error).message}`);
        }
        return certValue({ Cert: cert, Key: key });
      },
    },
    genCA: { params: ['string', 'int'], fn: (cn, d) => certValue(makeCert(s(cn), null, null, n(d), true, newRsaKey())) },
    genCAWithKey: { params: ['string', 'int', 'string'], fn: (cn, d, k) => certValue(makeCert(s(cn), null, null, n(d), true, withKey(k))) },
    genSelfSignedCert: { params: ['string', '[]interface {}', '[]interface {}', 'int'], fn: (cn, ips, dns, d) => certValue(makeCert(s(cn), ips, dns, n(d), false, newRsaKey())) },
    genSelfSignedCertWithKey: {
      params: ['string', '[]interface {}', '[]interface {}', 'int', 'string'],
      fn: (cn, ips, dns, d, k) => certValue(makeCert(s(cn), ips, dns, n(d), false, withKey(k))),
    },
    genSignedCert: {
      params: ['string', '[]interface {}', '[]interface {}', 'int', 'interface {}'],
      fn: (cn, ips, dns, d, ca) => certValue(makeCert(s(cn), ips, dns, n(d), false, newRsaKey(), caOf(ca))),
    },
    genSignedCertWithKey: {
      params: ['string', '[]interface {}', '[]interface {}', 'int', 'interface {}', 'string'],
      fn: (cn, ips, dns, d, ca, k) => certValue(makeCert(s(cn), ips, dns, n(d), false, withKey(k), caOf(ca))),
    },
    encryptAES: { params: ['string', 'string'], fn: (p, t) => encryptAES(s(p), s(t)) },
    decryptAES: { params: ['string', 'string'], fn: (p, c) => decryptAES(s(p), s(c)) },
  };
}
