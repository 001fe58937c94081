// urlParse and urlJoin over Go's net/url (url.Parse, URL.String), for the usual URL shapes:
// scheme://user:pass@host:port/path?query#fragment, opaque URLs (mailto:x) and relative paths.
import type { FuncMap, GoMap, GoValue } from '../value.ts';
import { kindName } from './fmt.ts';

/** Go's shouldEscape sets: what PathEscape-like encoding leaves alone in each part. */
const PATH_OK = /[A-Za-z0-9\-_.~$&+,/:;=@!'()*]/;
const FRAG_OK = /[A-Za-z0-9\-_.~$&+,/:;=@!'()*?]/;
const USER_OK = /[A-Za-z0-9\-_.~$&+,;=!'()*]/;

function escape(s: string, ok: RegExp): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && ok.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function unescape(s: string): string {
  if (!s.includes('%')) return s;
  const m = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(s);
  if (m) throw new Error(`invalid URL escape ${JSON.stringify('%' + m[1])}`);
  return decodeURIComponent(s.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
}

interface Url { scheme: string; opaque: string; user?: { name: string; password?: string }; host: string; path: string; rawQuery: string; fragment: string }

function parse(raw: string): Url {
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? unescape(raw.slice(hash + 1)) : '';
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;
  const u: Url = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment };
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (sm) { u.scheme = sm[1].toLowerCase(); rest = rest.slice(sm[0].length); }
  else if (/^[0-9+.-][^/?#]*:/.test(rest) && !/^[^:]*\//.test(rest)) throw new Error(`parse ${JSON.stringify(raw)}: first path segment in URL cannot contain colon`);
  const q = rest.indexOf('?');
  if (q >= 0) { u.rawQuery = rest.slice(q + 1); rest = rest.slice(0, q); }
  if (!rest.startsWith('/') && u.scheme !== '') { u.opaque = rest; return u; }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const info = authority.slice(0, at);
      const colon = info.indexOf(':');
      u.user = colon >= 0 ? { name: unescape(info.slice(0, colon)), password: unescape(info.slice(colon + 1)) } : { name: unescape(info) };
    }
    u.host = unescape(authority.slice(at + 1));
  }
  u.path = unescape(rest);
  return u;
}

const userString = (user: Url['user']): string => (user ? escape(user.name, USER_OK) + (user.password !== undefined ? ':' + escape(user.password, USER_OK) : '') : '');

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') >= 0 ? host.indexOf(']') : undefined);
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^:[0-9]*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

/** url.URL.String(). */
function format(u: Url): string {
  let out = u.scheme ? u.scheme + ':' : '';
  if (u.opaque) out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) out += userString(u.user) + '@';
      out += u.host;
    }
    if (u.path !== '' && !u.path.startsWith('/') && u.host !== '') out += '/';
    if (out === '' && /^[^/]*:/.test(u.path)) out += './';
    out += escape(u.path, PATH_OK);
  }
  if (u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escape(u.fragment, FRAG_OK);
  return out;
}

function field(d: GoMap, key: string): string {
  if (!Object.hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') throw new Error(`unable to parse ${key} key, must be of type string, but ${kindName(v)} found`);
  return v;
}

export function urlFuncs(): FuncMap {
  return {
    urlParse: {
      params: ['string'],
      fn: (v) => {
        let u: Url;
        try {
          u = parse(v as string);
        } catch (e) {
          throw new Error(`unable to parse url: ${(e as Error).message}`);
        }
        return { scheme: u.scheme, host: u.host, hostname: hostname(u.host), path: u.path, query: u.rawQuery, opaque: u.opaque, fragment: u.fragment, userinfo: userString(u.user) };
      },
    },
    urlJoin: {
      params: ['map[string]interface {}'],
      fn: (d: GoValue) => {
        const m = (d ?? {}) as GoMap;
        const info = field(m, 'userinfo');
        const user = info === '' ? undefined : parse(`proto://${info}@host`).user;
        return format({ scheme: field(m, 'scheme'), host: field(m, 'host'), path: field(m, 'path'), rawQuery: field(m, 'query'), opaque: field(m, 'opaque'), fragment: field(m, 'fragment'), user });
      },
    },
  };
}
