import { describe, expect, it } from 'vitest';
import { openDialogOptions, saveDialogOptions } from '../../src/main/app/file-dialog-options';

describe('native file dialogs say what they are for and show the files it takes', () => {
  it('a save dialog follows the suggested name: bundle, age bundle, checklist, emergency kit', () => {
    expect(saveDialogOptions('tokens-for-acme.zip')).toMatchObject({
      title: 'Save the handoff bundle',
      filters: [{ extensions: ['zip'] }, { extensions: ['*'] }],
    });
    expect(saveDialogOptions('tokens-for-acme.age').filters[0]!.extensions).toEqual(['age']);
    expect(saveDialogOptions('rotation-plan-3.md')).toMatchObject({ title: 'Save the rotation checklist' });
    expect(saveDialogOptions('rotation-plan-3.html').filters[0]!.extensions).toEqual(['html']);
    expect(saveDialogOptions('emergency-kit.TXT')).toMatchObject({ title: 'Save the emergency kit' });
    expect(saveDialogOptions('no-extension')).toEqual({
      title: 'Save',
      filters: [{ name: 'All files', extensions: ['*'] }],
    });
  });

  it('opening a bundle takes .zip and .age; an import takes every import format, and any file', () => {
    expect(openDialogOptions('bundle').filters[0]!.extensions).toEqual(['zip', 'age']);
    const importing = openDialogOptions('import');
    expect(importing.title).toBe('Import tokens from a file');
    for (const extension of ['kdbx', 'csv', 'xml', 'json', '1pux', 'env'])
      expect(importing.filters[0]!.extensions).toContain(extension);
    expect(importing.filters.at(-1)!.extensions).toEqual(['*']);
    expect(openDialogOptions('key-file')).toMatchObject({
      title: 'Choose the key file of the KeePass database',
      filters: [{ extensions: ['keyx', 'key'] }, { extensions: ['*'] }],
    });
  });
});
