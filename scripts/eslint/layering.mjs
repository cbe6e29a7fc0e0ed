// The layering of docs/architecture.md as an allowlist: each layer names the layers it may import from, and any
// other import between folders of src/ is an error. Packages are checked by no-restricted-imports in
// eslint.config.mjs (no electron outside the Electron glue, no node built-ins in shared or the renderer).
import { dirname, relative, resolve, sep } from 'node:path';

/** The layer of a file under src/, by its folder; the first prefix that matches wins. */
const LAYERS = [
  ['src/shared/', 'shared'],
  ['src/main/core/', 'core'],
  ['src/main/session/', 'session'],
  ['src/main/ipc/', 'ipc'],
  ['src/main/', 'main'],
  ['src/cli/', 'cli'],
  ['src/preload/', 'preload'],
  ['src/renderer/', 'renderer'],
];

export const ALLOWED = {
  shared: ['shared'],
  core: ['shared', 'core'],
  // The app's session (one open vault, auto-lock, clipboard): plain Node over core, used by the IPC handlers.
  session: ['shared', 'core', 'session'],
  ipc: ['shared', 'core', 'session', 'ipc'],
  cli: ['shared', 'core', 'cli'],
  // The Electron glue (window, menu, app start) wires everything together.
  main: ['shared', 'core', 'session', 'ipc', 'main'],
  preload: ['shared', 'preload'],
  renderer: ['shared', 'renderer'],
};

function layerOf(root, file) {
  const path = relative(root, file).split(sep).join('/');
  return LAYERS.find(([prefix]) => path.startsWith(prefix))?.[1];
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between layers follow the allowlist of docs/architecture.md' },
    schema: [],
    messages: { forbidden: '{{from}} may import only from {{allowed}}; this imports from {{to}}.' },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    if (!from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(root, resolve(dirname(file), source));
      if (!to || ALLOWED[from].includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, allowed: ALLOWED[from].join(', ') } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layering: layeringRule } };
