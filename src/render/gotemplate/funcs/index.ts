// The function map of Helm's Go templates: Sprig as Helm 4 ships it (v3.3.0, without env and
// expandenv) and Helm's own additions. include, tpl and lookup need the engine or the cluster and are
// added where the engine is built.
import type { FuncMap, GoValue } from '../value.ts';
import { isNil } from '../value.ts';
import { cryptoFuncs } from './crypto.ts';
import { dateFuncs } from './dates.ts';
import { defaultFuncs } from './defaults.ts';
import { dictFuncs } from './dicts.ts';
import { encodingFuncs } from './encoding.ts';
import { marshalJson, unmarshalJson } from './json.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { randomFuncs } from './random.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { urlFuncs } from './url.ts';
import { fromYaml, fromYamlArray, marshalYaml, toYaml, toYamlPretty } from './yaml.ts';
import { fromToml, marshalToml } from './toml.ts';

/** Helm wraps required/fail messages so its error reporting can lift them out of Go's error chain. */
export const HELM_ERR_START = 'HELM_ERR_START';
export const HELM_ERR_END = 'HELM_ERR_END';
const warnWrap = (msg: string): string => HELM_ERR_START + msg + HELM_ERR_END;

const quiet = (f: () => string): string => {
  try {
    return f();
  } catch {
    return '';
  }
};

function jsonFuncs(): FuncMap {
  return {
    toJson: { params: ['interface {}'], fn: (v) => quiet(() => marshalJson(v)) },
    mustToJson: { params: ['interface {}'], fn: (v) => marshalJson(v) },
    toPrettyJson: { params: ['interface {}'], fn: (v) => quiet(() => marshalJson(v, { indent: '  ' })) },
    mustToPrettyJson: { params: ['interface {}'], fn: (v) => marshalJson(v, { indent: '  ' }) },
    toRawJson: { params: ['interface {}'], fn: (v) => marshalJson(v, { escapeHTML: false }) },
    mustToRawJson: { params: ['interface {}'], fn: (v) => marshalJson(v, { escapeHTML: false }) },
    fromJson: {
      params: ['string'],
      fn: (s) => {
        try {
          return unmarshalJson(s as string);
        } catch {
          return null;
        }
      },
    },
    mustFromJson: { params: ['string'], fn: (s) => unmarshalJson(s as string) },
  };
}

/** Sprig's TxtFuncMap as Helm uses it. */
export function sprigFuncs(): FuncMap {
  return {
    ...stringFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...mathFuncs(),
    ...defaultFuncs(),
    ...encodingFuncs(),
    ...jsonFuncs(),
    ...semverFuncs(),
    ...dateFuncs(),
    ...randomFuncs(),
    ...cryptoFuncs(),
    ...urlFuncs(),
    ...regexFuncs(),
    hello: { params: [], fn: () => 'Hello!' },
    // Helm disables DNS lookups unless --enable-dns; so do we.
    getHostByName: { params: ['string'], fn: () => '' },
  };
}

export interface HelmFuncOptions {
  /** `helm lint`: required and fail warn instead of failing. */
  lintMode?: boolean;
}

/** Helm's own functions (pkg/engine/funcs.go and the required/fail of engine.go), over Sprig's. */
export function helmFuncs(opts: HelmFuncOptions = {}): FuncMap {
  return {
    toYaml: { params: ['interface {}'], fn: (v) => toYaml(v) },
    toYamlPretty: { params: ['interface {}'], fn: (v) => toYamlPretty(v) },
    mustToYaml: {
      params: ['interface {}'],
      fn: (v) => {
        try {
          return marshalYaml(v).replace(/\n$/, '');
        } catch (e) {
          throw new Error(`error marshaling into JSON: ${(e as Error).message}`);
        }
      },
    },
    fromYaml: { params: ['string'], fn: (s) => fromYaml(s as string) },
    fromYamlArray: { params: ['string'], fn: (s) => fromYamlArray(s as string) },
    toToml: {
      params: ['interface {}'],
      fn: (v) => {
        try {
          return marshalToml(v);
        } catch (e) {
          return (e as Error).message;
        }
      },
    },
    fromToml: { params: ['string'], fn: (s) => fromToml(s as string) },
    toJson: { params: ['interface {}'], fn: (v) => quiet(() => marshalJson(v)) },
    mustToJson: { params: ['interface {}'], fn: (v) => marshalJson(v) },
    fromJson: { params: ['string'], fn: (s) => fromJsonMap(s as string) },
    fromJsonArray: { params: ['string'], fn: (s) => fromJsonArray(s as string) },
    required: {
      params: ['string', 'interface {}'],
      fn: (warn, val) => {
        if (isNil(val) || val === '') {
          if (opts.lintMode) return '';
          throw new Error(warnWrap(warn as string));
        }
        return val;
      },
    },
    fail: {
      params: ['string'],
      fn: (msg) => {
        if (opts.lintMode) return '';
        throw new Error(warnWrap(msg as string));
      },
    },
  };
}

function fromJsonMap(s: string): GoValue {
  try {
    const v = unmarshalJson(s);
    if (isNil(v)) return {};
    if (typeof v !== 'object' || Array.isArray(v)) return { Error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}` };
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

function fromJsonArray(s: string): GoValue {
  try {
    const v = unmarshalJson(s);
    if (isNil(v)) return [];
    if (!Array.isArray(v)) return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

const jsonKind = (v: GoValue): string => (Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string');

/** Everything a Helm Go template can call except include, tpl and lookup. */
export function allFuncs(opts: HelmFuncOptions = {}): FuncMap {
  return { ...sprigFuncs(), ...helmFuncs(opts) };
}
