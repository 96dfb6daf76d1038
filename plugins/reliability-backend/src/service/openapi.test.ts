import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const packageDir = path.resolve(__dirname, '../..');

/** Every `router.<method>('<path>'` in the plugin's route files. */
function servedRoutes(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/(routes|router)\.ts$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(packageDir, 'src'));
  return files.flatMap(file =>
    [
      ...fs
        .readFileSync(file, 'utf8')
        .matchAll(/router\.(get|post|put|delete)\(\s*'([^']+)'/g),
    ].map(
      ([, method, route]) =>
        `${method} ${route.replace(/:(\w+)/g, (_, name) => `{${name}}`)}`,
    ),
  );
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the plugin serves', () => {
    const doc = parse(
      fs.readFileSync(path.join(packageDir, 'openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(
      doc.paths as Record<string, object>,
    ).flatMap(([route, operations]) =>
      Object.keys(operations).map(method => `${method} ${route}`),
    );
    expect(documented.sort()).toEqual(servedRoutes().sort());
  });
});
