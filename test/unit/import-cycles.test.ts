import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findImportCycles } from '../support/import-cycles';

const ROOT = resolve(__dirname, '../..');

describe('import cycles', () => {
  it('the application, infrastructure and benchmark code has none (type-only imports count)', () => {
    expect(findImportCycles(ROOT, ['functions', 'infra', 'bench'])).toEqual([]);
  });

  describe('the check itself', () => {
    let dir: string;
    const write = (files: Record<string, string>) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('finds a runtime cycle through three files, one of them .tsx, and names its path', () => {
      write({
        'src/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
        'src/b.ts': "import { c } from './view';\nexport const b = () => c;\n",
        'src/view.tsx': "import { a } from './a';\nexport const c = <p>{String(a)}</p>;\n",
        'src/leaf.ts': "import { a } from './a';\nexport const leaf = a;\n",
      });
      expect(findImportCycles(dir, ['src'])).toEqual(['src/a.ts -> src/b.ts -> src/view.tsx -> src/a.ts (group: src/a.ts, src/b.ts, src/view.tsx)']);
    });

    it('finds a cycle made only of type imports, a re-export or a dynamic import()', () => {
      write({
        'types/query.ts': "import type { Cache } from './cache';\nexport interface Query { cache?: Cache }\n",
        'types/cache.ts': "import { type Query } from './query';\nexport interface Cache { last?: Query }\n",
        'barrel/index.ts': "export * from './thing';\n",
        'barrel/thing.ts': "export const load = () => import('./index');\n",
      });
      expect(findImportCycles(dir, ['types', 'barrel']).sort()).toEqual([
        'barrel/index.ts -> barrel/thing.ts -> barrel/index.ts',
        'types/cache.ts -(type)-> types/query.ts -(type)-> types/cache.ts',
      ]);
    });

    it('refuses an import it cannot resolve rather than leaving it out of the graph', () => {
      write({ 'src/a.ts': "import { gone } from './gone';\nexport const a = gone;\n" });
      expect(() => findImportCycles(dir, ['src'])).toThrow("cannot resolve import './gone'");
    });
  });
});
