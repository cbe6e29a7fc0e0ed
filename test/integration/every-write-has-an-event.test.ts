import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { METHOD_NAMES, type MethodName } from '../../src/shared/api';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { SessionController } from '../../src/main/session/session-controller';
import { EventLog } from '../../src/main/core/events/event-log';
import { memorySecretStore } from '../helpers/memory-secret-store';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/**
 * The methods of the IPC contract that change no vault, each with the reason. Every other method is a write, and
 * the walk below must call it: a new contract method is either listed here or walked, or this test fails.
 */
const NOT_A_VAULT_WRITE: Partial<Record<MethodName, string>> = {
  getSession: 'read',
  listRecentVaults: 'read (app settings)',
  chooseVaultFolder: 'native dialog',
  createVault: 'makes a new, empty vault (its history starts empty)',
  unlockVault: 'opens a vault',
  createDemoVault: 'makes another vault (its creation is in its own history)',
  lockVault: 'closes the vault',
  getKeychainStatus: 'read',
  reportActivity: 'restarts the idle countdown',
  verifyVault: 'read',
  listAccounts: 'read',
  listTokens: 'read',
  getToken: 'read',
  tokenStates: 'read',
  unassignedTokenIds: 'read',
  tokenUsage: 'read',
  listLinks: 'read',
  listEndpoints: 'read',
  healthReport: 'read',
  tokenHistory: 'read',
  listRecipients: 'read',
  chooseBundleFile: 'native dialog',
  copyBundlePassword: 'clipboard only; the password is stored nowhere',
  listHandoffs: 'read',
  tokenHolders: 'read',
  recipientHoldings: 'read',
  planEngagementEnd: 'read',
  chooseBundleToOpen: 'native dialog',
  listRotationPlans: 'read',
  getRotationPlan: 'read',
  exportRotationPlan: 'writes a checklist file outside the vault (no value in it); the vault is unchanged',
  listEarlierValues: 'read',
  copyRecoveryKey: 'clipboard only; the recovery key is shown once and stored nowhere in clear',
  copyKeyId: 'clipboard only; a key id is not secret',
  saveRecoveryKit: 'writes the emergency kit file outside the vault; the vault is unchanged',
  getRecipientKeys: 'read',
  getVaultIdentity: 'read',
  copyVaultPublicKey: 'clipboard only; a public key',
  chooseImportFile: 'native dialog',
  chooseImportKeyFile: 'native dialog',
  openImportSource: 'reads a file to import and keeps it in main; writes nothing',
  previewImport: 'read: the preview of an import',
  closeImport: 'drops a source read for an import; writes nothing',
};

let session: SessionController | undefined;
afterEach(() => session?.lock());

describe('every write is in the history', () => {
  it('each mutating IPC method appends at least one event, in one chain that verifies after each call', async () => {
    const dir = makeTempDir();
    const platform = new MemoryPlatform();
    session = new SessionController({
      userDataDir: join(dir, 'user-data'),
      platform,
      secretStore: memorySecretStore(),
    });
    const dispatch = createDispatcher(session);
    const path = join(dir, 'walk.tokenvault');
    expect((await dispatch('createVault', { path, password: TEST_PASSWORD, operator: 'admin' })).ok).toBe(
      true,
    );
    const walked = new Map<MethodName, number>();

    /** Call a write; it must succeed, add events, and leave a chain that verifies. */
    async function write<T>(method: MethodName, input: unknown): Promise<T> {
      const vault = session!.requireVault();
      const before = vault.events.count();
      const answer = await dispatch(method, input);
      expect({ method, answer: answer.ok ? 'ok' : answer.error }).toEqual({ method, answer: 'ok' });
      const after = session!.requireVault().events.count();
      expect({ method, added: after > before }).toEqual({ method, added: true });
      const verify = await dispatch('verifyVault', {});
      expect({ method, verify: verify.ok && (verify.value as { ok: boolean }).ok }).toEqual({
        method,
        verify: true,
      });
      walked.set(method, after - before);
      return (answer as { ok: true; value: T }).value;
    }

    const hub = await write<{ id: number }>('createAccount', {
      name: 'Hub',
      profile: 'endpoint',
      allowDelete: true,
    });
    await write('updateAccount', { id: hub.id, notes: 'The integration hub' });
    const primary = await write<{ id: number }>('createToken', {
      accountId: hub.id,
      name: 'POST',
      role: 'primary',
      value: 'primary-value-0123456789',
    });
    const secondary = await write<{ id: number }>('createToken', {
      accountId: hub.id,
      name: 'Zapier',
      role: 'secondary',
      application: 'Zapier',
      generate: { length: 64 },
    });
    await write('updateToken', { id: secondary.id, description: 'Sync to Zapier' });
    await write('mapToken', { secondaryId: secondary.id, primaryId: primary.id });
    await write('setMappingEnabled', { secondaryId: secondary.id, primaryId: primary.id, enabled: false });
    await write('unmapToken', { secondaryId: secondary.id, primaryId: primary.id });
    const endpoint = await write<{ id: number }>('addEndpoint', { accountId: hub.id, name: '/contacts' });
    await write('assignEndpoint', { endpointId: endpoint.id, method: 'POST', tokenId: primary.id });
    await write('unassignEndpoint', { endpointId: endpoint.id, method: 'POST', tokenId: primary.id });
    await write('assignEndpoint', { endpointId: endpoint.id, method: 'GET', tokenId: secondary.id });
    await write('removeEndpoint', { endpointId: endpoint.id });
    await write('revealToken', { id: secondary.id });
    await write('copyToken', { id: secondary.id });
    await write('regenerateToken', { id: secondary.id });
    const earlier = await dispatch('listEarlierValues', { id: secondary.id });
    const earlierId = (earlier as { ok: true; value: { id: number }[] }).value[0]!.id;
    await write('revealEarlierValue', { id: secondary.id, valueId: earlierId });
    await write('restoreEarlierValue', { id: secondary.id, valueId: earlierId });
    await write('purgePreviousValues', { id: secondary.id });
    await write('setTokenStatus', { id: secondary.id, status: 'inactive' });
    await write('setTokenEnabled', { id: secondary.id, enabled: false });
    await write('recordTokenActivity', { id: secondary.id });
    await write('setTokenExpiry', { id: secondary.id, expiresAt: '2030-01-01' });

    const agency = await write<{ id: number }>('createRecipient', { name: 'Acme Digital' });
    await write('updateRecipient', { id: agency.id, organisation: 'Acme Ltd' });
    const outPath = await pickFile(dispatch, platform, 'chooseBundleFile', join(dir, 'acme.zip'));
    const exported = await write<{ password: string }>('exportHandoff', {
      recipientId: agency.id,
      tokenIds: [primary.id],
      fields: ['value', 'description'],
      outPath,
      channel: 'sms',
    });
    // An age bundle to the vault's own key (one vault can be both sides), then the key is removed again.
    const identity = await write<{ publicKey: string }>('createVaultIdentity', {});
    await write('setRecipientKey', { id: agency.id, publicKey: identity.publicKey });
    const agePath = await pickFile(dispatch, platform, 'chooseBundleFile', join(dir, 'acme.age'));
    await write('exportHandoffToKey', {
      recipientId: agency.id,
      tokenIds: [primary.id],
      fields: ['value'],
      outPath: agePath,
      armor: false,
    });
    await write('removeRecipientKey', { id: agency.id });
    const plan = await write<{ id: number }>('startRotationPlan', { tokenIds: [primary.id] });
    await write('recordRotationStep', {
      planId: plan.id,
      tokenId: primary.id,
      outcome: 'new-value',
      value: 'primary-value-after-rotation-42',
    });
    await write('setRecipientArchived', { id: agency.id, archived: true });
    await write('deleteRecipient', { id: agency.id });
    const inbox = await write<{ id: number }>('createAccount', { name: 'Inbox', profile: 'generic' });
    await pickFile(dispatch, platform, 'chooseBundleToOpen', outPath);
    await write('openBundle', { path: outPath, password: exported.password, importIntoAccountId: inbox.id });
    const ageInbox = await write<{ id: number }>('createAccount', { name: 'Age inbox', profile: 'generic' });
    await pickFile(dispatch, platform, 'chooseBundleToOpen', agePath);
    await write('openAgeBundle', { path: agePath, importIntoAccountId: ageInbox.id });

    const opened = await dispatch('openImportSource', {
      bytesBase64: Buffer.from('IMPORTED_TOKEN=abcdefghijklmnopqrstuvwxyz012345\n').toString('base64'),
      fileName: 'walk.env',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    await write('commitImport', { importId: (opened.value as { importId: string }).importId, plan: {} });

    await write('deleteToken', { id: secondary.id, force: true });
    const empty = await write<{ id: number }>('createAccount', { name: 'Empty', profile: 'generic' });
    await write('deleteAccount', { id: empty.id });
    await write('updateSettings', { operator: 'Dana' });
    await write('setKeychainUnlock', { enabled: true });
    await write('setKeychainUnlock', { enabled: false });
    await write('changeMasterPassword', {
      currentPassword: TEST_PASSWORD,
      newPassword: `${TEST_PASSWORD} two`,
    });

    const writes = METHOD_NAMES.filter((method) => NOT_A_VAULT_WRITE[method] === undefined);
    expect(writes.filter((method) => !walked.has(method))).toEqual([]);
    expect([...walked.keys()].filter((method) => NOT_A_VAULT_WRITE[method] !== undefined)).toEqual([]);

    // The new kinds, each under its own name.
    const kinds = new Set(
      session
        .requireVault()
        .events.recent(1000)
        .map((event) => event.kind),
    );
    for (const kind of [
      'AccountEdited',
      'AccountDeleted',
      'EndpointAdded',
      'EndpointAssigned',
      'EndpointUnassigned',
      'EndpointRemoved',
      'RecipientAdded',
      'RecipientEdited',
      'RecipientArchived',
      'RecipientDeleted',
      'OperatorChanged',
      'KeychainUnlockEnabled',
      'KeychainUnlockDisabled',
      'PasswordChanged',
      'RotationPlanStarted',
      'RotationStepRecorded',
      'RotationPlanCompleted',
      'AgeIdentityCreated',
      'RecipientKeyAdded',
      'RecipientKeyRemoved',
    ] as const)
      expect({ kind, recorded: kinds.has(kind) }).toEqual({ kind, recorded: true });
  });

  it('non-secret edits record what each field was and became; a value change records only that it changed', async () => {
    const dir = makeTempDir();
    session = new SessionController({ userDataDir: join(dir, 'u'), platform: new MemoryPlatform() });
    await session.createVault({
      path: join(dir, 'v.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'admin',
    });
    const { useCases, events } = session.requireVault();
    const account = useCases.createAccount({ name: 'Main', profile: 'generic' }).result;
    useCases.updateAccount({ id: account.id, name: 'Main (EU)', notes: 'EU tenant' });
    const token = useCases.createToken({
      accountId: account.id,
      name: 'CRM',
      value: 'first-secret-value',
    }).result;
    useCases.updateToken({ id: token.id, description: 'Nightly', value: 'second-secret-value' });
    const recipient = useCases.addRecipient({ name: 'Acme' }).result;
    useCases.editRecipient(recipient.id, { email: 'ops@acme.test' });
    const details = events.recent(20).map((event) => [event.kind, event.details]);
    expect(details).toContainEqual([
      'AccountEdited',
      {
        fields: ['name', 'notes'],
        changes: { name: { from: 'Main', to: 'Main (EU)' }, notes: { from: '', to: 'EU tenant' } },
      },
    ]);
    expect(details).toContainEqual([
      'Edited',
      { fields: ['description', 'value'], changes: { description: { from: '', to: 'Nightly' } } },
    ]);
    expect(details).toContainEqual([
      'RecipientEdited',
      {
        recipientId: recipient.id,
        name: 'Acme',
        fields: ['email'],
        changes: { email: { from: '', to: 'ops@acme.test' } },
      },
    ]);
    expect(JSON.stringify(details)).not.toMatch(/secret-value/);
    // A save that changes nothing is not a change, and says so.
    expect(useCases.updateAccount({ id: account.id, notes: 'EU tenant' }).changed).toBe(false);
    expect(useCases.editRecipient(recipient.id, { email: 'ops@acme.test' }).changed).toBe(false);
  });

  it('an event appended outside a transaction is refused and writes nothing', async () => {
    const dir = makeTempDir();
    session = new SessionController({ userDataDir: join(dir, 'u'), platform: new MemoryPlatform() });
    await session.createVault({
      path: join(dir, 'v.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'admin',
    });
    const { events, db } = session.requireVault();
    expect(events).toBeInstanceOf(EventLog);
    const before = events.count();
    expect(() => events.append({ kind: 'Edited', details: {} })).toThrow(
      'A history event must be written in the transaction of its change.',
    );
    expect(events.count()).toBe(before);
    db.transaction(() => events.append({ kind: 'Edited', details: {} }))();
    expect(events.count()).toBe(before + 1);
    expect(session.requireVault().verify().ok).toBe(true);
  });
});
