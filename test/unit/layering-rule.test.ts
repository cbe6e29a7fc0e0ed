import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'tokenvault/layering').map((m) => m.message);
}

describe('layering is an allowlist (scripts/eslint/layering.mjs)', { timeout: 60_000 }, () => {
  it('refuses an import a layer is not allowed, with the allowlist in the sentence', async () => {
    expect(
      await layeringErrors(
        'src/main/core/x.ts',
        "import { handlers } from '../ipc/handlers';\nvoid handlers;\n",
      ),
    ).toEqual(['core may import only from shared, core; this imports from ipc.']);
    expect(
      await layeringErrors(
        'src/main/core/x.ts',
        "import { SessionController } from '../session/session-controller';\nvoid SessionController;\n",
      ),
    ).toEqual(['core may import only from shared, core; this imports from session.']);
    expect(
      await layeringErrors(
        'src/cli/x.ts',
        "import { handlers } from '../main/ipc/handlers';\nvoid handlers;\n",
      ),
    ).toEqual(['cli may import only from shared, core, cli; this imports from ipc.']);
    expect(
      await layeringErrors('src/renderer/src/x.ts', "export { Vault } from '../../main/core/vault/vault';\n"),
    ).toEqual(['renderer may import only from shared, renderer; this imports from core.']);
    expect(
      await layeringErrors(
        'src/shared/x.ts',
        "import { Vault } from '../main/core/vault/vault';\nvoid Vault;\n",
      ),
    ).toEqual(['shared may import only from shared; this imports from core.']);
  });

  it('accepts what the allowlist names', async () => {
    expect(
      await layeringErrors('src/main/core/x.ts', "import { api } from '../../shared/api';\nvoid api;\n"),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'src/cli/x.ts',
        "import { Vault } from '../main/core/vault/vault';\nvoid Vault;\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors('src/renderer/src/x.ts', "import { api } from '../../shared/api';\nvoid api;\n"),
    ).toEqual([]);
  });
});
