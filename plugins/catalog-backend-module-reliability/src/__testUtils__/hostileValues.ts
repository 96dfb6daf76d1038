// fast-check is declared by reliability-common and hoisted to the repository
// root; this package uses it in tests only.
import fc from 'fast-check';

/**
 * Hostile values for fuzzing the processors with parsed YAML documents: a
 * trimmed copy of the backend's request-body harness
 * (plugins/reliability-backend/src/__testUtils__/fuzzPayloads.ts), with the
 * values YAML adds (NaN, Infinity) and real deep nesting instead of text.
 */

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

const MEGABYTE = 1 << 20;

/** About 1 MB each, built once. */
export const HUGE_STRINGS: readonly string[] = [
  'a'.repeat(MEGABYTE),
  ' '.repeat(MEGABYTE),
  '\u{1F4A5}'.repeat(MEGABYTE / 4),
  '\uD800'.repeat(MEGABYTE / 6),
  `a: ${' '.repeat(MEGABYTE)}x`,
  `x: y ${'(until '.repeat(MEGABYTE / 7)}`,
  `${'1'.repeat(MEGABYTE)}d`,
];

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u202Eevil\u202C',
  '\u200B',
  'مرحبا',
  'e\u0301',
  '👩‍👩‍👧‍👦',
  '\r\n',
  '\t',
  '"',
  "'",
  '\\',
  // eslint-disable-next-line no-script-url
  'javascript:alert(1)',
  '\u0001javascript:alert(1)',
  // eslint-disable-next-line no-script-url
  'JAVASCRIPT:alert(1)',
  'data:text/html,x',
  'file:///etc/passwd',
  '//evil.example.com',
  '../../etc/passwd',
  'http://',
  'https://[::1',
  'mailto:',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  'null',
  'true',
  'İ',
  'component:default/',
  ':',
  '/',
  'a:b:c/d/e',
  'group:default/team-a',
  'Group:Default/Team-A',
  '2026-02-30',
  '2016-12-31 23:59:60',
  '+275760-09-13T00:00:00Z',
  '0000-01-01 00:00:00',
  'Europe/Nowhere',
  'UTC',
  'utc',
  'Etc/GMT+14',
  '99999999999999999999d',
  '0d',
  '1.5h',
  '1 M',
];

/** Single characters that break storage, display or parsing. */
export const DANGEROUS_CHARACTERS: readonly string[] = [
  '\u0000',
  '\uD800',
  '\u202E',
  '\uFEFF',
  '\n',
  ' ',
  ':',
  '/',
  '"',
];

/** Numbers, including what YAML adds (.nan, .inf) and edges of Date. */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  1,
  1.0000000000000002,
  99,
  100,
  100.1,
  1e-300,
  5e-324,
  8.64e15,
  8.64e15 + 1,
  1e20,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
];

/** A value nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number, shape: 'array' | 'object') {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) {
    value = shape === 'array' ? [value] : { a: value };
  }
  return value;
}

/** A plain object with own properties such as `__proto__`, as YAML makes them. */
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

export function pollutionPayload(marker = 'polluted') {
  return objectWithKeys([
    ['__proto__', objectWithKeys([[marker, 'yes']])],
    ['constructor', { prototype: objectWithKeys([[marker, 'yes']]) }],
    ['prototype', objectWithKeys([[marker, 'yes']])],
  ]);
}

export function isPrototypePolluted(marker = 'polluted'): boolean {
  return (
    ({} as Record<string, unknown>)[marker] !== undefined ||
    ([] as unknown as Record<string, unknown>)[marker] !== undefined
  );
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 3 },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  {
    arbitrary: fc
      .constantFrom(63, 64, 253, 254, 255, 256, 2000, 70_000)
      .map(n => 'x'.repeat(n)),
    weight: 1,
  },
);

const hugeString = fc.constantFrom(...HUGE_STRINGS);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
  { arbitrary: fc.constantFrom('toString', 'valueOf', 'length'), weight: 1 },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, '', [], {}),
  hostileString,
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double(),
  fc.integer(),
);

/** Any hostile value; now and then a 1 MB string or 5,000 levels of nesting. */
export function hostileValue(options: { huge?: number } = {}) {
  const huge = options.huge ?? 1;
  const { value } = fc.letrec<{ value: unknown; object: unknown }>(tie => ({
    value: fc.oneof(
      { depthSize: 'small' },
      { arbitrary: hostileScalar, weight: 30 },
      { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 8 },
      { arbitrary: tie('object'), weight: 10 },
      { arbitrary: fc.constant(null).map(() => pollutionPayload()), weight: 3 },
      { arbitrary: hugeString, weight: huge },
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom(1_000, 5_000),
            fc.constantFrom('array' as const, 'object' as const),
          )
          .map(([depth, shape]) => deeplyNested(depth, shape)),
        weight: huge,
      },
    ),
    object: fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 })
      .map(objectWithKeys),
  }));
  return value;
}

/** A hostile value of the same type: strings with nasty insertions, edge numbers. */
export function tweakOf(value: unknown): fc.Arbitrary<unknown> | undefined {
  if (typeof value === 'string') {
    return fc.oneof(
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...DANGEROUS_CHARACTERS), fc.nat(value.length))
          .map(
            ([nasty, index]) =>
              value.slice(0, index) + nasty + value.slice(index),
          ),
        weight: 3,
      },
      { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
      {
        arbitrary: fc.constantFrom(2, 100).map(times => value.repeat(times)),
        weight: 1,
      },
      { arbitrary: hugeString, weight: 1 },
    );
  }
  if (typeof value === 'number') {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...EDGE_NUMBERS), weight: 3 },
      { arbitrary: fc.double(), weight: 1 },
    );
  }
  if (typeof value === 'boolean') {
    return fc.constantFrom('true', 'yes', 1, null);
  }
  return undefined;
}

export type PathSegment = string | number;

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

function at(root: unknown, path: readonly PathSegment[]): any {
  let node: any = root;
  for (const segment of path) node = node[segment];
  return node;
}

function defineAt(root: any, path: readonly PathSegment[], value: unknown) {
  Object.defineProperty(at(root, path.slice(0, -1)), path[path.length - 1], {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export interface MutatedDocument<T = unknown> {
  document: T;
  path: PathSegment[];
  mutation: 'replace' | 'tweak' | 'delete' | 'add-key' | 'none';
}

/**
 * Valid documents with one mutation below `under` (a path prefix that stays
 * intact, such as `['spec']`): a value replaced by a hostile one or tweaked
 * in type, a key deleted, a hostile key added. Sometimes unchanged.
 */
export function mutatedDocument<T>(
  valid: fc.Arbitrary<T>,
  options: { under?: PathSegment[][] } = {},
): fc.Arbitrary<MutatedDocument<T>> {
  const hostile = hostileValue();
  return valid.chain(base => {
    const clone = (): any => structuredClone(base);
    const paths = pathsOf(base).filter(
      p =>
        p.length > 0 &&
        (!options.under ||
          options.under.some(prefix =>
            prefix.every((segment, i) => p[i] === segment),
          )),
    );
    const objectPaths = [[] as PathSegment[], ...paths].filter(p => {
      const node = at(base, p);
      return typeof node === 'object' && node !== null && !Array.isArray(node);
    });
    const tweakable = paths.filter(p => tweakOf(at(base, p)) !== undefined);
    const arbitraries: Array<fc.WeightedArbitrary<MutatedDocument<T>>> = [
      {
        arbitrary: fc.constant(null).map(() => ({
          document: clone(),
          path: [],
          mutation: 'none' as const,
        })),
        weight: 1,
      },
    ];
    if (paths.length) {
      arbitraries.push(
        {
          arbitrary: fc
            .tuple(fc.constantFrom(...paths), hostile)
            .map(([path, value]) => {
              const document = clone();
              defineAt(document, path, value);
              return { document, path, mutation: 'replace' as const };
            }),
          weight: 4,
        },
        {
          arbitrary: fc.constantFrom(...paths).map(path => {
            const document = clone();
            const parent = at(document, path.slice(0, -1));
            const key = path[path.length - 1];
            if (Array.isArray(parent)) parent.splice(key as number, 1);
            else delete parent[key];
            return { document, path, mutation: 'delete' as const };
          }),
          weight: 2,
        },
      );
    }
    if (tweakable.length) {
      arbitraries.push({
        arbitrary: fc.constantFrom(...tweakable).chain(path =>
          tweakOf(at(base, path))!.map(value => {
            const document = clone();
            defineAt(document, path, value);
            return { document, path, mutation: 'tweak' as const };
          }),
        ),
        weight: 8,
      });
    }
    if (objectPaths.length) {
      arbitraries.push({
        arbitrary: fc
          .tuple(fc.constantFrom(...objectPaths), hostileKey, hostile)
          .map(([path, key, value]) => {
            const document = clone();
            defineAt(document, [...path, key], value);
            return { document, path, mutation: 'add-key' as const };
          }),
        weight: 2,
      });
    }
    return fc.oneof(...arbitraries);
  });
}

/** `fc.assert` parameters that report a failure briefly, with the seed. */
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
        ? `${details.errorInstance.stack ?? details.errorInstance.message}`
        : String(details.errorInstance);
    throw new Error(
      `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}")\n` +
        `Counterexample: ${example}\n${cause.slice(0, 4000)}`,
    );
  };
  return { numRuns, plugins: [() => ({ onAllRunsComplete: report })] };
}
