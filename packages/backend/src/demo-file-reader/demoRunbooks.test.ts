import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { CatalogFileUrlReader } from './CatalogFileUrlReader';

// The demo's markdown runbooks are named by relative paths in the
// reliability/slo-runbook annotation of SLOs in catalog/; the demo backend
// reads them through the URL reader with CatalogFileUrlReader added.

const catalogDir = path.resolve(__dirname, '../../../../catalog');

function runbookAnnotations(): Array<{ slo: string; url: string }> {
  const [location] = parseAllDocuments(
    fs.readFileSync(path.join(catalogDir, 'all.yaml'), 'utf8'),
  ).map(d => d.toJS());
  return (location.spec.targets as string[]).flatMap(target => {
    const file = path.join(catalogDir, target);
    return parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(d => d.toJS())
      .filter(e => e?.metadata?.annotations?.['reliability/slo-runbook'])
      .map(e => ({
        slo: e.metadata.name as string,
        url: new URL(
          e.metadata.annotations['reliability/slo-runbook'],
          pathToFileURL(file),
        ).toString(),
      }));
  });
}

describe('demo runbooks', () => {
  const reader = UrlReaders.create({
    config: mockServices.rootConfig({
      data: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(catalogDir, 'all.yaml') },
          ],
        },
      },
    }),
    logger: mockServices.logger.mock(),
    factories: [CatalogFileUrlReader.factory],
  });
  const annotations = runbookAnnotations();

  it('are named by several SLOs', () => {
    expect(annotations.length).toBeGreaterThanOrEqual(5);
  });

  it.each(annotations)(
    '$slo: its runbook is readable markdown with a title',
    async ({ url }) => {
      expect(url).toMatch(/\/catalog\/runbooks\/[a-z-]+\.md$/);
      const text = (await (await reader.readUrl(url)).buffer()).toString();
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
      expect(parse(frontMatter![1]).title).toEqual(expect.any(String));
    },
  );
});
