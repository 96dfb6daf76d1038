// fast-check is declared by reliability-common and hoisted to the repository
// root; this package uses it in tests only.
import fc from 'fast-check';

/**
 * Arbitraries of hostile request bodies and documents for property-based
 * fuzzing of write endpoints and validators: wrong types, huge strings, deep
 * nesting, awkward unicode, prototype-pollution keys and dates at the edges.
 *
 * Typical use: `payloadArbitrary(validBody)` mixes fully random hostile JSON
 * with near-valid bodies that have one field mutated, each with the path of
 * what was changed; send a payload with `toJsonText` (deep nesting is kept
 * as a `DeepNesting` marker until then) and pass it to a function with
 * `materialize`.
 */

/** Keys that pollute prototypes when merged or assigned carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

const MEGABYTE = 1 << 20;

/**
 * About 1 MB each (UTF-8 encoded), built once: plain ASCII, a 4-byte emoji,
 * a lone surrogate (escaped as `\udXXX` by JSON.stringify, 6 bytes each),
 * NUL characters (`\u0000`, 6 bytes each) and right-to-left text.
 */
export const HUGE_STRINGS: readonly string[] = [
  'a'.repeat(MEGABYTE),
  '\u{1F4A5}'.repeat(MEGABYTE / 4),
  '\uD800'.repeat(MEGABYTE / 6),
  '\u0000'.repeat(MEGABYTE / 6),
  '\u202Eשלום '.repeat(MEGABYTE / 16),
];

/** Unicode that trips up encoders, databases and terminals. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\uFEFF',
  '\u202Eevil\u202C',
  '\u200B',
  '\u200D',
  'مرحبا',
  'שלום',
  'e\u0301',
  '👩‍👩‍👧‍👦',
  '𝕏',
  '\r\n',
  '\t',
  '\\',
  '"',
  "'; drop table deployments; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'İ',
  'ß',
  'ǅ',
];

/** Single characters that break storage, display or parsing. */
export const DANGEROUS_CHARACTERS: readonly string[] = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\u200B',
  '\n',
  "'",
  '"',
  '\\',
];

/** Strings that look like numbers or other types. */
export const NAN_LIKE_STRINGS: readonly string[] = [
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  '1_000',
  '١٢٣',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '1,5',
  ' 1 ',
];

/**
 * Times at the edges, as ISO-like strings: year 0, 9999 and 275760 (the end
 * of the JavaScript Date range), before 1970, leap seconds, impossible
 * calendar dates, offsets and formats that Date.parse accepts loosely.
 */
export const EDGE_DATE_STRINGS: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '2016-12-31T23:59:60Z',
  '2026-06-30T23:59:60Z',
  '2026-02-30',
  '2026-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-11-24T24:00:00Z',
  '2026-11-24T12:00:00+14:00',
  '2026-11-24T12:00:00-12:00',
  '2026-11-24T12:00:00+23:59',
  '2026-11-24T12:00:00',
  '2026-11-24 12:00:00Z',
  '20261124T120000Z',
  'Tue, 24 Nov 2026 12:00:00 GMT',
  '1',
  '-1',
  ' 12',
  'yesterday',
  'now',
];

/** Epoch-millisecond numbers at the edges. */
export const EDGE_DATE_NUMBERS: readonly number[] = [
  0,
  -1,
  -62167219200000,
  253402300799999,
  253402300800000,
  8.64e15,
  8.64e15 + 1,
  1e20,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  1.5,
  5e-324,
];

/** Numbers at the edges: of Date, of 32 and 64-bit integers, of doubles. */
export const EDGE_NUMBERS: readonly number[] = [
  ...EDGE_DATE_NUMBERS,
  -0,
  0.5,
  -1e308,
  2 ** 31,
  2 ** 63,
  -(2 ** 63),
  1e-7,
];

/** Values of every JSON type, for "wrong type" mutations. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'x',
  [],
  [null],
  {},
];

/**
 * A value nested `depth` levels deep, built without recursion:
 * `[[[...0...]]]` or `{"a":{"a":...}}`.
 */
export function deeplyNested(depth: number, shape: 'array' | 'object') {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) {
    value = shape === 'array' ? [value] : { a: value };
  }
  return value;
}

/**
 * Stands for a deeply nested value inside a generated payload. JSON.stringify
 * of thousands of levels can overflow the stack of the sending side (inside
 * a fast-check run, 5,000 levels do), so {@link toJsonText} writes it as
 * text; {@link materialize} turns it into the real value for code that takes
 * parsed documents.
 */
export class DeepNesting {
  constructor(readonly depth: number, readonly shape: 'array' | 'object') {}

  toJsonText(): string {
    return this.shape === 'array'
      ? `${'['.repeat(this.depth)}0${']'.repeat(this.depth)}`
      : `${'{"a":'.repeat(this.depth)}0${'}'.repeat(this.depth)}`;
  }

  toValue(): unknown {
    return deeplyNested(this.depth, this.shape);
  }

  [fc.toStringMethod](): string {
    return `<${this.depth} levels of ${this.shape}s>`;
  }
}

/** JSON text of a generated payload, with {@link DeepNesting} written out. */
export function toJsonText(payload: unknown): string {
  if (payload instanceof DeepNesting) return payload.toJsonText();
  if (Array.isArray(payload)) {
    return `[${payload
      .map(item => (item === undefined ? 'null' : toJsonText(item)))
      .join(',')}]`;
  }
  if (typeof payload === 'object' && payload !== null) {
    const entries = Object.keys(payload)
      .filter(key => (payload as Record<string, unknown>)[key] !== undefined)
      .map(
        key =>
          `${JSON.stringify(key)}:${toJsonText(
            (payload as Record<string, unknown>)[key],
          )}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(payload) ?? 'null';
}

/** The payload with every {@link DeepNesting} replaced by the real value. */
export function materialize(payload: unknown): unknown {
  if (payload instanceof DeepNesting) return payload.toValue();
  if (Array.isArray(payload)) return payload.map(materialize);
  if (typeof payload === 'object' && payload !== null) {
    return objectWithKeys(
      Object.keys(payload).map(key => [
        key,
        materialize((payload as Record<string, unknown>)[key]),
      ]),
    );
  }
  return payload;
}

/**
 * A plain object whose own properties include keys such as `__proto__`,
 * defined the way JSON.parse defines them (own data properties), so that
 * JSON.stringify sends them.
 */
export function objectWithKeys(entries: ReadonlyArray<[string, unknown]>) {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** A payload that tries to pollute `Object.prototype` when merged. */
export function pollutionPayload(marker = 'polluted'): Record<string, unknown> {
  return objectWithKeys([
    ['__proto__', objectWithKeys([[marker, 'yes']])],
    ['constructor', { prototype: objectWithKeys([[marker, 'yes']]) }],
    ['prototype', objectWithKeys([[marker, 'yes']])],
  ]);
}

/** True when something polluted `Object.prototype` with `marker`. */
export function isPrototypePolluted(marker = 'polluted'): boolean {
  return (
    ({} as Record<string, unknown>)[marker] !== undefined ||
    ([] as unknown as Record<string, unknown>)[marker] !== undefined
  );
}

/** Strings: random unicode (any code point, lone surrogates), nasty, NaN-like. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc.string({
      unit: fc
        .integer({ min: 0, max: 0xffff })
        .map(c => String.fromCharCode(c)),
      maxLength: 40,
    }),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.constantFrom(...NAN_LIKE_STRINGS), weight: 1 },
  { arbitrary: fc.constantFrom(...EDGE_DATE_STRINGS), weight: 1 },
  // Just over common column and field limits.
  {
    arbitrary: fc
      .constantFrom(64, 65, 100, 101, 200, 201, 255, 256, 2000, 2001, 70_000)
      .map(n => 'x'.repeat(n)),
    weight: 1,
  },
);

/** About 1 MB; use with a low weight, each one is a megabyte on the wire. */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(
  ...HUGE_STRINGS,
);

/**
 * 1,000 to 5,000 levels of arrays or objects, as a {@link DeepNesting}: send
 * with {@link toJsonText}, or {@link materialize} for a parsed document.
 */
export const deepValue: fc.Arbitrary<DeepNesting> = fc
  .tuple(
    fc.constantFrom(1_000, 5_000),
    fc.constantFrom('array' as const, 'object' as const),
  )
  .map(([depth, shape]) => new DeepNesting(depth, shape));

/** Edge times as strings or epoch-millisecond numbers. */
export const edgeDate: fc.Arbitrary<string | number> = fc.oneof(
  fc.constantFrom(...EDGE_DATE_STRINGS),
  fc.constantFrom(...EDGE_DATE_NUMBERS),
  fc
    .integer({ min: -8.64e15, max: 8.64e15 })
    .map(ms => new Date(ms).toISOString()),
  fc.integer({ min: -1e16, max: 1e16 }),
);

/** Keys for objects: prototype keys, nasty and random strings. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
  {
    arbitrary: fc.constantFrom(
      'toString',
      'valueOf',
      'hasOwnProperty',
      'length',
    ),
    weight: 1,
  },
);

/** Scalars of any JSON type, hostile strings and edge numbers. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...WRONG_TYPES),
  hostileString,
  edgeDate,
  fc.double(),
  fc.integer(),
  fc.boolean(),
);

/**
 * Any hostile JSON value: scalars, lists and objects with hostile keys, now
 * and then a 1 MB string or a 5,000-level nesting.
 *
 * @param options.huge - weight of huge and deep values (default 1 in ~60)
 */
export function hostileValue(options: { huge?: number } = {}) {
  const huge = options.huge ?? 1;
  const { value } = fc.letrec<{ value: unknown; object: unknown }>(tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: hostileScalar, weight: 30 },
      { arbitrary: fc.array(tie('value'), { maxLength: 5 }), weight: 8 },
      { arbitrary: tie('object'), weight: 10 },
      { arbitrary: fc.constant(pollutionPayload()), weight: 3 },
      { arbitrary: hugeString, weight: huge },
      { arbitrary: deepValue, weight: huge },
    ),
    object: fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 })
      .map(objectWithKeys),
  }));
  return value;
}

/** A step in a path: an object key or a list index. */
export type PathSegment = string | number;

/**
 * Formats a path the way the API's errors do: `events[0].slo`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

/** Every path to a value inside `value`, the root (`[]`) first. */
export function pathsOf(value: unknown): PathSegment[][] {
  const paths: PathSegment[][] = [];
  const visit = (node: unknown, path: PathSegment[]) => {
    paths.push(path);
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        visit((node as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  visit(value, []);
  return paths;
}

function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function withAt(
  root: unknown,
  path: readonly PathSegment[],
  change: (parent: any, key: PathSegment) => void,
): unknown {
  const copy = cloneJson(root);
  if (path.length === 0) return copy;
  let parent: any = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment];
  change(parent, path[path.length - 1]);
  return copy;
}

/** A near-valid payload: one change to a valid one, and where it was. */
export interface MutatedPayload {
  payload: unknown;
  /** Path of the changed value (or of the object a key was added to). */
  path: PathSegment[];
  /** What was done, for reading counterexamples. */
  mutation: 'replace' | 'tweak' | 'delete' | 'add-key' | 'none';
}

/**
 * A hostile value of the same type as `value`, so that it passes type checks
 * and reaches the code behind them: a string with nasty unicode put in front,
 * in the middle or at the end (or replaced by a nasty or edge-date string),
 * a number at the edges.
 */
export function tweakOf(value: unknown): fc.Arbitrary<unknown> | undefined {
  if (typeof value === 'string') {
    return fc.oneof(
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...DANGEROUS_CHARACTERS), fc.nat(value.length))
          .map(([nasty, at]) => value.slice(0, at) + nasty + value.slice(at)),
        weight: 3,
      },
      {
        arbitrary: fc.constantFrom(...NASTY_STRINGS, ...EDGE_DATE_STRINGS),
        weight: 2,
      },
      {
        arbitrary: fc
          .constantFrom(2, 50, 200)
          .map(times => value.repeat(times)),
        weight: 1,
      },
    );
  }
  if (typeof value === 'number') {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...EDGE_NUMBERS), weight: 3 },
      { arbitrary: fc.double(), weight: 1 },
      { arbitrary: fc.integer().map(n => value + n), weight: 1 },
    );
  }
  return undefined;
}

/**
 * Valid payloads with one mutation: a value replaced by a hostile one, a
 * string or number tweaked in type (see {@link tweakOf}), a key deleted, or a
 * hostile key added to an object. Sometimes unchanged, so that accepted
 * requests interleave with rejected ones.
 */
export function mutatedPayload(
  valid: fc.Arbitrary<unknown>,
  options: { huge?: number } = {},
): fc.Arbitrary<MutatedPayload> {
  const hostile = hostileValue(options);
  return valid.chain(base => {
    const paths = pathsOf(base);
    const objectPaths = paths.filter(p => {
      let node: any = base;
      for (const s of p) node = node[s];
      return typeof node === 'object' && node !== null && !Array.isArray(node);
    });
    const replace = fc.tuple(fc.constantFrom(...paths), hostile).map(
      ([path, value]): MutatedPayload => ({
        payload:
          path.length === 0
            ? value
            : withAt(base, path, (parent, key) => {
                Object.defineProperty(parent, key, {
                  value,
                  enumerable: true,
                  writable: true,
                  configurable: true,
                });
              }),
        path,
        mutation: 'replace',
      }),
    );
    const leaves = paths
      .map(path => {
        let node: any = base;
        for (const s of path) node = node[s];
        return { path, tweak: tweakOf(node) };
      })
      .filter(leaf => leaf.tweak !== undefined);
    const tweak = leaves.length
      ? fc.constantFrom(...leaves).chain(({ path, tweak: arbitrary }) =>
          arbitrary!.map(
            (value): MutatedPayload => ({
              payload: withAt(base, path, (parent, key) => {
                parent[key] = value;
              }),
              path,
              mutation: 'tweak',
            }),
          ),
        )
      : undefined;
    const nonRoot = paths.filter(p => p.length > 0);
    const remove = fc.constantFrom(...(nonRoot.length ? nonRoot : [[]])).map(
      (path): MutatedPayload => ({
        payload: withAt(base, path, (parent, key) => {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        }),
        path,
        mutation: 'delete',
      }),
    );
    const addKey = fc
      .tuple(fc.constantFrom(...objectPaths), hostileKey, hostile)
      .map(([path, key, value]): MutatedPayload => {
        const copy = cloneJson(base);
        let node: any = copy;
        for (const s of path) node = node[s];
        Object.defineProperty(node, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return { payload: copy, path, mutation: 'add-key' };
      });
    const arbitraries: Array<fc.WeightedArbitrary<MutatedPayload>> = [
      { arbitrary: replace, weight: 4 },
      { arbitrary: remove, weight: 2 },
      {
        arbitrary: fc.constant<MutatedPayload>({
          payload: base,
          path: [],
          mutation: 'none',
        }),
        weight: 1,
      },
    ];
    if (objectPaths.length) arbitraries.push({ arbitrary: addKey, weight: 2 });
    if (tweak) arbitraries.push({ arbitrary: tweak, weight: 8 });
    return fc.oneof(...arbitraries);
  });
}

/**
 * Bodies for a write endpoint: fully random hostile JSON (one in four) and
 * near-valid bodies with one mutation.
 */
export function payloadArbitrary(
  valid: fc.Arbitrary<unknown>,
  options: { huge?: number } = {},
): fc.Arbitrary<MutatedPayload> {
  return fc.oneof(
    {
      arbitrary: hostileValue(options).map(
        (payload): MutatedPayload => ({
          payload,
          path: [],
          mutation: 'replace',
        }),
      ),
      weight: 1,
    },
    { arbitrary: mutatedPayload(valid, options), weight: 3 },
  );
}

/** A raw request: bytes and headers that are not what the API expects. */
export interface RawRequest {
  name: string;
  body: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Raw bodies a JSON endpoint must answer with a 4xx: invalid JSON, wrong or
 * missing content types and charsets, bad encodings, an empty body.
 */
export const RAW_REQUESTS: readonly RawRequest[] = [
  { name: 'empty body', body: '', contentType: 'application/json' },
  { name: 'empty body, no type', body: '' },
  { name: 'truncated JSON', body: '{"a":', contentType: 'application/json' },
  { name: 'single brace', body: '{', contentType: 'application/json' },
  {
    name: 'trailing garbage',
    body: '{"a":1}garbage',
    contentType: 'application/json',
  },
  { name: 'NaN literal', body: 'NaN', contentType: 'application/json' },
  { name: 'Infinity', body: '{"a":Infinity}', contentType: 'application/json' },
  {
    name: 'huge exponent',
    body: '{"a":1e999}',
    contentType: 'application/json',
  },
  { name: 'single quotes', body: "{'a':1}", contentType: 'application/json' },
  { name: 'comment', body: '{"a":1 /* x */}', contentType: 'application/json' },
  { name: 'JSON null', body: 'null', contentType: 'application/json' },
  { name: 'JSON string', body: '"text"', contentType: 'application/json' },
  { name: 'JSON number', body: '42', contentType: 'application/json' },
  { name: 'JSON array', body: '[]', contentType: 'application/json' },
  {
    name: 'duplicate keys',
    body: '{"__proto__":{"polluted":"yes"},"__proto__":1}',
    contentType: 'application/json',
  },
  { name: 'NUL byte', body: '\u0000', contentType: 'application/json' },
  {
    name: 'invalid UTF-8',
    body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    contentType: 'application/json',
  },
  {
    name: 'byte order mark',
    body: '\uFEFF{"a":1}',
    contentType: 'application/json',
  },
  { name: 'plain text', body: 'hello', contentType: 'text/plain' },
  { name: 'JSON as text/plain', body: '{"a":1}', contentType: 'text/plain' },
  { name: 'JSON without a type', body: '{"a":1}' },
  {
    name: 'form',
    body: 'idempotencyKey=a&events=1',
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    name: 'multipart',
    body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--',
    contentType: 'multipart/form-data; boundary=b',
  },
  {
    name: 'unsupported charset',
    body: '{"a":1}',
    contentType: 'application/json; charset=latin1',
  },
  {
    name: 'utf-16 charset',
    body: '{"a":1}',
    contentType: 'application/json; charset=utf-16',
  },
  { name: 'garbage content type', body: '{"a":1}', contentType: ';;;/' },
  {
    name: 'gzip header, not gzip',
    body: '{"a":1}',
    contentType: 'application/json',
    headers: { 'content-encoding': 'gzip' },
  },
  {
    name: 'unsupported encoding',
    body: '{"a":1}',
    contentType: 'application/json',
    headers: { 'content-encoding': 'compress' },
  },
  {
    name: '5,000 levels deep',
    body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    contentType: 'application/json',
  },
  {
    name: '100,000 levels deep',
    body: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
    contentType: 'application/json',
  },
];

/**
 * Parameters for `fc.assert` that report a failure briefly: the seed, the
 * path to replay it and a counterexample cut to 2,000 characters (a 1 MB
 * string would otherwise fill the log).
 */
export function briefReport<T>(numRuns: number): fc.Parameters<T> {
  const report = (details: fc.RunDetails<T>) => {
    if (!details.failed) return;
    let example: string;
    try {
      example = fc.stringify(details.counterexample);
    } catch (error) {
      example = `(could not print: ${error})`;
    }
    if (example.length > 2000) {
      example = `${example.slice(0, 2000)}… (${example.length} characters)`;
    }
    const cause =
      details.errorInstance instanceof Error
        ? details.errorInstance.message
        : String(details.errorInstance);
    throw new Error(
      `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}")\n` +
        `Counterexample: ${example}\n${cause.slice(0, 4000)}`,
    );
  };
  return { numRuns, plugins: [() => ({ onAllRunsComplete: report })] };
}
