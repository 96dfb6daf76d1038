import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KnownEntities } from './KnownEntities';

describe('KnownEntities', () => {
  const catalogWith = (known: string[]) => {
    const getEntitiesByRefs = jest.fn(
      async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref =>
          known.includes(ref)
            ? { kind: 'Component', metadata: { name: ref } }
            : undefined,
        ),
      }),
    );
    return { getEntitiesByRefs } as unknown as CatalogService & {
      getEntitiesByRefs: typeof getEntitiesByRefs;
    };
  };
  const auth = mockServices.auth();

  it('batches concurrent look-ups into one catalog read and remembers found entities', async () => {
    const catalog = catalogWith(['component:default/a', 'component:default/b']);
    const known = new KnownEntities(catalog, auth);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        known.missing([
          i % 2 ? 'component:default/a' : 'component:default/b',
          'component:default/ghost',
        ]),
      ),
    );
    expect(answers.every(a => a.join() === 'component:default/ghost')).toBe(
      true,
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    await known.missing(['component:default/a']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    // Missing entities are asked again: they may have been registered since.
    await known.missing(['component:default/ghost']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('forgets after the time to live', async () => {
    let now = 0;
    const catalog = catalogWith(['component:default/a']);
    const known = new KnownEntities(catalog, auth, 1000, () => now);
    await known.missing(['component:default/a']);
    now = 2000;
    await known.missing(['component:default/a']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('fails every waiting request when the catalog fails, and asks again next time', async () => {
    const catalog = catalogWith([]);
    catalog.getEntitiesByRefs.mockRejectedValueOnce(new Error('catalog down'));
    const known = new KnownEntities(catalog, auth);
    const results = await Promise.allSettled([
      known.missing(['component:default/a']),
      known.missing(['component:default/a', 'component:default/b']),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(await known.missing(['component:default/a'])).toEqual([
      'component:default/a',
    ]);
  });
});
