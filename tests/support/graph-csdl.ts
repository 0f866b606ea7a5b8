import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * A contract checker over Microsoft Graph's published v1.0 CSDL, so request bodies are judged by
 * the service's own type definitions rather than by what a test author believes Graph accepts.
 *
 * The metadata file lives outside the repository (../shared/graph) and is read in place.
 */
export const GRAPH_CSDL_PATH = path.resolve(__dirname, '../../../shared/graph/graph-v1.0-metadata.csdl.xml');

export interface GraphCsdl {
  /**
   * Problems with `value` as an instance of `typeName` ('event', 'graph.event', 'microsoft.graph.event',
   * 'dateTimeTimeZone', 'Collection(graph.attendee)', 'Edm.String' ...). Empty when it conforms.
   * `partial`: the value is a PATCH body, so the top-level object may leave out anything.
   */
  checkType(typeName: string, value: unknown, options?: { partial?: boolean }): string[];
  /**
   * Problems with `body` as the JSON parameters of the bound action `actionName` on `bindingType`
   * (e.g. 'cancel' on 'event', 'getSchedule' on 'calendar'). Parameter names compare
   * case-insensitively because the CSDL spells some in PascalCase where REST uses camelCase.
   */
  checkAction(actionName: string, bindingType: string, body: unknown): string[];
  /** The declared member names of an enum type, e.g. enumMembers('recurrencePatternType'). */
  enumMembers(typeName: string): string[];
}

interface PropDef {
  name: string;
  type: string;
  nullable: boolean;
  navigation: boolean;
}
interface StructDef {
  kind: 'entity' | 'complex';
  name: string;
  fqn: string;
  baseType?: string;
  props: Map<string, PropDef>;
}
interface EnumDef {
  kind: 'enum';
  name: string;
  fqn: string;
  members: string[];
  flags: boolean;
}
interface ActionDef {
  name: string;
  bound: boolean;
  params: PropDef[];
}

type Attrs = Record<string, string | undefined>;
type XmlNode = Attrs & Record<string, unknown>;

const ARRAY_ELEMENTS = new Set(['Schema', 'EnumType', 'Member', 'ComplexType', 'EntityType', 'Property', 'NavigationProperty', 'Action', 'Parameter']);
const DEFAULT_NAMESPACE = 'microsoft.graph';

let cached: GraphCsdl | undefined;

/** The parsed CSDL; the 3.5 MB file is parsed once per process (module instance). */
export function graphCsdl(): GraphCsdl {
  cached ??= buildCsdl(fs.readFileSync(GRAPH_CSDL_PATH, 'utf8'));
  return cached;
}

function buildCsdl(xml: string): GraphCsdl {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    isArray: (name) => ARRAY_ELEMENTS.has(name),
    // Annotation blocks are most of the file and say nothing about shapes; keeping them as raw
    // text roughly halves the parse time.
    stopNodes: ['*.Annotations', '*.Annotation'],
  });
  const doc = parser.parse(xml.replace(/^\uFEFF/, '')) as { Edmx: { DataServices: { Schema: XmlNode[] } } };

  const aliases = new Map<string, string>();
  const types = new Map<string, StructDef | EnumDef>();
  const actions = new Map<string, ActionDef[]>();
  const list = (node: XmlNode, key: string) => (node[key] as XmlNode[] | undefined) ?? [];
  const propsOf = (node: XmlNode): PropDef[] => [
    ...list(node, 'Property').map((p) => ({ name: p.Name!, type: p.Type!, nullable: p.Nullable !== 'false', navigation: false })),
    ...list(node, 'NavigationProperty').map((p) => ({ name: p.Name!, type: p.Type!, nullable: true, navigation: true })),
  ];

  for (const schema of doc.Edmx.DataServices.Schema) {
    const ns = schema.Namespace!;
    if (schema.Alias) aliases.set(schema.Alias, ns);
    for (const e of list(schema, 'EnumType')) {
      types.set(`${ns}.${e.Name}`, {
        kind: 'enum',
        name: e.Name!,
        fqn: `${ns}.${e.Name}`,
        members: list(e, 'Member').map((m) => m.Name!),
        flags: e.IsFlags === 'true',
      });
    }
    for (const [kind, key] of [['complex', 'ComplexType'], ['entity', 'EntityType']] as const) {
      for (const t of list(schema, key)) {
        types.set(`${ns}.${t.Name}`, {
          kind,
          name: t.Name!,
          fqn: `${ns}.${t.Name}`,
          baseType: t.BaseType,
          props: new Map(propsOf(t).map((p) => [p.name, p])),
        });
      }
    }
    for (const a of list(schema, 'Action')) {
      const def: ActionDef = {
        name: a.Name!,
        bound: a.IsBound === 'true',
        params: list(a, 'Parameter').map((p) => ({ name: p.Name!, type: p.Type!, nullable: p.Nullable !== 'false', navigation: false })),
      };
      actions.set(a.Name!.toLowerCase(), [...(actions.get(a.Name!.toLowerCase()) ?? []), def]);
    }
  }

  /** 'graph.event' / 'microsoft.graph.event' / '#microsoft.graph.event' / 'event' → 'microsoft.graph.event' */
  function qualify(name: string): string {
    const bare = name.replace(/^#/, '');
    if (bare.startsWith('Edm.') || bare.startsWith('Collection(')) return bare;
    const dot = bare.lastIndexOf('.');
    if (dot < 0) return `${DEFAULT_NAMESPACE}.${bare}`;
    const prefix = bare.slice(0, dot);
    return `${aliases.get(prefix) ?? prefix}.${bare.slice(dot + 1)}`;
  }
  function collectionItem(type: string): string | undefined {
    const m = /^Collection\((.+)\)$/.exec(type);
    return m?.[1];
  }
  function struct(fqn: string): StructDef | undefined {
    const t = types.get(fqn);
    return t && t.kind !== 'enum' ? t : undefined;
  }
  function chain(def: StructDef): StructDef[] {
    const out = [def];
    let current = def;
    while (current.baseType) {
      const base = struct(qualify(current.baseType));
      if (!base) break;
      out.push(base);
      current = base;
    }
    return out;
  }
  function findProp(def: StructDef, name: string): PropDef | undefined {
    for (const t of chain(def)) {
      const p = t.props.get(name);
      if (p) return p;
    }
    return undefined;
  }
  function derivesFrom(fqn: string, ancestor: string): boolean {
    const def = struct(fqn);
    return !!def && chain(def).some((t) => t.fqn === ancestor);
  }
  const short = (fqn: string) => fqn.slice(fqn.lastIndexOf('.') + 1);
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : String(v));
  const isAnnotation = (key: string) => key.includes('@');

  function checkValue(type: string, value: unknown, at: string, out: string[], nullable = true, topLevelPartial = false): void {
    const item = collectionItem(type);
    if (item) {
      // OData collections are never null; Nullable on a collection speaks about its items.
      if (!Array.isArray(value)) {
        out.push(`${at}: expected an array (${type}), got ${show(value)}`);
        return;
      }
      value.forEach((v, i) => checkValue(item, v, `${at}[${i}]`, out, nullable));
      return;
    }
    if (value === null) {
      if (!nullable) out.push(`${at}: null is not allowed (Nullable="false")`);
      return;
    }
    if (type.startsWith('Edm.')) {
      const problem = primitiveProblem(type, value);
      if (problem) out.push(`${at}: ${problem}`);
      return;
    }
    const fqn = qualify(type);
    const def = types.get(fqn);
    if (!def) {
      out.push(`${at}: the CSDL declares no type ${type}`);
      return;
    }
    if (def.kind === 'enum') {
      checkEnum(def, value, at, out);
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push(`${at}: expected an object (${def.name}), got ${show(value)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    let actual = def;
    const odataType = record['@odata.type'];
    if (odataType !== undefined) {
      const named = typeof odataType === 'string' ? struct(qualify(odataType)) : undefined;
      if (!named) {
        out.push(`${at}.@odata.type: ${show(odataType)} is not a structured type in the CSDL`);
        return;
      }
      if (!derivesFrom(named.fqn, def.fqn)) {
        out.push(`${at}.@odata.type: ${named.name} does not derive from ${def.name}`);
        return;
      }
      actual = named;
    }
    for (const [key, v] of Object.entries(record)) {
      if (isAnnotation(key)) continue;
      const prop = findProp(actual, key);
      if (!prop) {
        const bases = chain(actual).slice(1).map((t) => t.name);
        out.push(`${at}.${key}: no such property on ${actual.name}${bases.length ? ` (or its base types ${bases.join(', ')})` : ''}`);
        continue;
      }
      if (prop.navigation) continue;
      checkValue(prop.type, v, `${at}.${key}`, out, prop.nullable);
    }
    // Nullable="false" alone does not make a property required: Graph's value-type properties
    // (interval, dayOfMonth, numberOfOccurrences...) carry it although most patterns omit them.
    // A non-nullable string inside a complex value has no such excuse (dateTimeTimeZone.dateTime).
    if (actual.kind === 'complex' && !topLevelPartial) {
      for (const t of chain(actual)) {
        for (const p of t.props.values()) {
          if (!p.nullable && p.type === 'Edm.String' && !(p.name in record)) out.push(`${at}.${p.name}: required (Nullable="false") but missing`);
        }
      }
    }
  }

  function checkEnum(def: EnumDef, value: unknown, at: string, out: string[]): void {
    if (typeof value !== 'string') {
      out.push(`${at}: expected a ${def.name} member name, got ${show(value)}`);
      return;
    }
    // Graph parses enum names case-insensitively ("HTML" for bodyType is accepted), so only a
    // name that matches no member in any case is a contract break.
    const names = def.flags ? value.split(',').map((s) => s.trim()) : [value];
    for (const name of names) {
      if (!def.members.some((m) => m.toLowerCase() === name.toLowerCase())) {
        out.push(`${at}: ${JSON.stringify(name)} is not a member of ${def.name} (${def.members.join(', ')})`);
      }
    }
  }

  function rootLabel(typeName: string): string {
    const item = collectionItem(typeName);
    if (item) return rootLabel(item);
    return typeName.startsWith('Edm.') ? typeName : short(qualify(typeName));
  }

  return {
    checkType(typeName, value, options = {}) {
      const out: string[] = [];
      checkValue(typeName, value, rootLabel(typeName), out, true, options.partial ?? false);
      return out;
    },
    checkAction(actionName, bindingType, body) {
      const bindingFqn = collectionItem(bindingType) ? `Collection(${qualify(collectionItem(bindingType)!)})` : qualify(bindingType);
      const candidates = (actions.get(actionName.toLowerCase()) ?? []).filter((a) => a.bound && a.params.length > 0);
      const action = candidates.find((a) => {
        const declared = a.params[0]!.type;
        const declaredItem = collectionItem(declared);
        const givenItem = collectionItem(bindingFqn);
        if (declaredItem || givenItem) return !!declaredItem && !!givenItem && derivesFrom(givenItem, qualify(declaredItem));
        return derivesFrom(bindingFqn, qualify(declared));
      });
      if (!action) return [`${actionName}: the CSDL declares no action ${actionName} bound to ${rootLabel(bindingType)}`];
      const params = action.params.slice(1);
      if (body === undefined) body = {};
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return [`${action.name}: the body must be a JSON object of parameters, got ${show(body)}`];
      const out: string[] = [];
      const given = body as Record<string, unknown>;
      const seen = new Set<string>();
      for (const [key, v] of Object.entries(given)) {
        if (isAnnotation(key)) continue;
        const param = params.find((p) => p.name.toLowerCase() === key.toLowerCase());
        if (!param) {
          out.push(`${action.name}.${key}: no such parameter on ${action.name} bound to ${rootLabel(bindingType)} (parameters: ${params.map((p) => p.name).join(', ') || 'none'})`);
          continue;
        }
        seen.add(param.name);
        checkValue(param.type, v, `${action.name}.${param.name}`, out, param.nullable);
      }
      for (const p of params) if (!p.nullable && !seen.has(p.name)) out.push(`${action.name}.${p.name}: required (Nullable="false") but missing`);
      return out;
    },
    enumMembers(typeName) {
      const def = types.get(qualify(typeName));
      return def?.kind === 'enum' ? [...def.members] : [];
    },
  };
}

const INT_RANGES: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647],
  'Edm.Int64': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function validCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 (Graph's "0001-01-01T00:00:00Z" placeholder).
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function primitiveProblem(type: string, value: unknown): string | undefined {
  const got = `got ${typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : typeof value}`;
  const expect = (ok: boolean, what = type) => (ok ? undefined : `expected ${what}, ${got}`);
  const str = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'Edm.String':
      return expect(typeof value === 'string');
    case 'Edm.Boolean':
      return expect(typeof value === 'boolean');
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64': {
      const [lo, hi] = INT_RANGES[type]!;
      // IEEE754Compatible clients send Int64 as strings.
      const n = type === 'Edm.Int64' && str !== undefined && /^-?\d+$/.test(str) ? Number(str) : value;
      return expect(typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi, `${type} (an integer in ${lo}..${hi})`);
    }
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return expect((typeof value === 'number' && Number.isFinite(value)) || (str !== undefined && /^(-?INF|NaN|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/.test(str)), `${type} (a number)`);
    case 'Edm.DateTimeOffset': {
      const m = str && /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(str);
      return expect(!!m && validCalendarDate(+m[1]!, +m[2]!, +m[3]!), `${type} (ISO 8601 date-time with Z or an offset)`);
    }
    case 'Edm.Date': {
      const m = str && /^(\d{4})-(\d{2})-(\d{2})$/.exec(str);
      return expect(!!m && validCalendarDate(+m[1]!, +m[2]!, +m[3]!), `${type} (YYYY-MM-DD)`);
    }
    case 'Edm.TimeOfDay':
      return expect(!!str && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?$/.test(str), `${type} (hh:mm:ss[.fffffff])`);
    case 'Edm.Duration':
      // OData durations are day-time only (no years, months or weeks).
      return expect(!!str && /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(str), `${type} (ISO 8601 duration such as PT30M)`);
    case 'Edm.Guid':
      return expect(!!str && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(str), `${type} (a GUID)`);
    case 'Edm.Binary':
      return expect(str !== undefined && /^[A-Za-z0-9+/_-]*={0,2}$/.test(str), `${type} (base64)`);
    default:
      // Streams, geography and untyped values carry no shape the CSDL can check.
      return undefined;
  }
}
