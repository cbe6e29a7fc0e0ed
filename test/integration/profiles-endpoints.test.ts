import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import type { Vault } from '../../src/main/core/vault/vault';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function endpointAccount(allowDelete: boolean) {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.accounts.create({ name: 'Hub', profile: 'endpoint', allowDelete });
  const primary = (name: string) =>
    vault.tokens.create({ accountId: account.id, name, role: 'primary', value: `${name}-value-123` });
  const secondary = (name: string) =>
    vault.tokens.create({ accountId: account.id, name, application: name, generate: { length: 64 } });
  return { vault, account, primary, secondary };
}

function code(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof VaultError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('endpoint profile: endpoints and the tokens serving each method', () => {
  it('deleting an empty account takes its endpoints with it, and its event names them', async () => {
    const { vault, account } = await endpointAccount(false);
    vault.endpoints.add(account.id, '/orders');
    vault.endpoints.add(account.id, '/contacts');
    vault.useCases.deleteAccount(account.id);
    const deleted = vault.events.recent().find((event) => event.kind === 'AccountDeleted');
    expect(deleted?.details).toEqual({ name: 'Hub', endpoints: ['/contacts', '/orders'] });
    expect(vault.verify().ok).toBe(true);
  });

  it('one primary per endpoint and method; secondaries may serve alongside; every change an event', async () => {
    const { vault, account, primary, secondary } = await endpointAccount(false);
    const contacts = vault.endpoints.add(account.id, '/contacts');
    const post = primary('Contacts POST');
    const post2 = primary('Contacts POST (new)');
    const get = primary('Contacts GET');
    const app = secondary('Salesforce');
    vault.endpoints.assign(contacts.id, 'POST', post.id);
    vault.endpoints.assign(contacts.id, 'get', get.id);
    vault.endpoints.assign(contacts.id, 'POST', app.id);
    vault.endpoints.assign(contacts.id, 'GET', app.id);
    expect(code(() => vault.endpoints.assign(contacts.id, 'POST', post2.id))).toBe(
      'POLICY: POST on "/contacts" is already served by the primary token "Contacts POST" (id ' +
        `${post.id}); one primary per method: unassign it first.`,
    );
    expect(code(() => vault.endpoints.assign(contacts.id, 'POST', app.id))).toMatch(/^ALREADY_EXISTS/);
    expect(code(() => vault.endpoints.assign(contacts.id, 'PATCH', app.id))).toBe(
      'INVALID_INPUT: The method is POST, GET or DELETE.',
    );
    expect(vault.endpoints.get(contacts.id).assignments.map((a) => `${a.method} ${a.tokenName}`)).toEqual([
      'POST Contacts POST',
      'POST Salesforce',
      'GET Contacts GET',
      'GET Salesforce',
    ]);
    vault.endpoints.unassign(contacts.id, 'POST', post.id);
    vault.endpoints.assign(contacts.id, 'POST', post2.id);
    expect(vault.tokens.history(post.id).map((e) => [e.kind, e.details])).toEqual([
      ['Created', expect.anything()],
      ['EndpointAssigned', { endpointId: contacts.id, endpoint: '/contacts', method: 'POST' }],
      ['EndpointUnassigned', { endpointId: contacts.id, endpoint: '/contacts', method: 'POST' }],
    ]);
    expect(vault.events.forAccount(account.id).find((e) => e.kind === 'EndpointAdded')?.details).toEqual({
      endpointId: contacts.id,
      endpoint: '/contacts',
    });
    expect(code(() => vault.endpoints.add(account.id, '/CONTACTS'))).toMatch(/^ALREADY_EXISTS/);
    expect(vault.verify().ok).toBe(true);
  });

  it('DELETE only when the account allows deleting', async () => {
    const denied = await endpointAccount(false);
    const endpoint = denied.vault.endpoints.add(denied.account.id, '/contacts');
    const del = denied.primary('Contacts DELETE');
    expect(code(() => denied.vault.endpoints.assign(endpoint.id, 'DELETE', del.id))).toBe(
      'POLICY: "Hub" does not allow deleting, so its endpoints have no DELETE tokens; allow deleting on the account first.',
    );
    denied.vault.accounts.update({ id: denied.account.id, allowDelete: true });
    expect(denied.vault.endpoints.assign(endpoint.id, 'DELETE', del.id).assignments).toHaveLength(1);
    // Turning DELETE off again while a token serves it would leave an assignment the rules forbid.
    expect(code(() => denied.vault.accounts.update({ id: denied.account.id, allowDelete: false }))).toMatch(
      /^POLICY: Tokens of "Hub" still serve DELETE/,
    );
    denied.vault.endpoints.unassign(endpoint.id, 'DELETE', del.id);
    expect(denied.vault.accounts.update({ id: denied.account.id, allowDelete: false }).allowDelete).toBe(
      false,
    );
  });

  it('a token serves only its own account; profiles without endpoints have none', async () => {
    const { vault, account, secondary } = await endpointAccount(true);
    const other = vault.accounts.create({ name: 'Other', profile: 'endpoint' });
    const foreign = vault.endpoints.add(other.id, '/orders');
    expect(code(() => vault.endpoints.assign(foreign.id, 'GET', secondary('App').id))).toMatch(
      /^POLICY: "App" belongs to "Hub", and the endpoint "\/orders" to "Other"/,
    );
    const en = vault.accounts.create({ name: 'EN', profile: 'engaging-networks' });
    expect(code(() => vault.endpoints.add(en.id, '/x'))).toBe(
      'POLICY: Engaging Networks accounts have no endpoints; only endpoint and generic accounts do.',
    );
    // Same endpoint name in two accounts: the name alone is ambiguous.
    vault.endpoints.add(account.id, '/orders');
    expect(code(() => vault.endpoints.resolve('/orders'))).toMatch(
      /^INVALID_INPUT: 2 accounts have an endpoint named/,
    );
    expect(vault.endpoints.resolve('/orders', account.id).accountId).toBe(account.id);
  });

  it('"hide unassigned" leaves out secondaries that serve nothing (here, or anywhere for lists)', async () => {
    const { vault, account, primary, secondary } = await endpointAccount(false);
    const contacts = vault.endpoints.add(account.id, '/contacts');
    const orders = vault.endpoints.add(account.id, '/orders');
    const post = primary('POST');
    const crm = secondary('CRM');
    const bi = secondary('BI');
    const idle = secondary('Idle');
    vault.endpoints.assign(contacts.id, 'POST', post.id);
    vault.endpoints.assign(contacts.id, 'POST', crm.id);
    vault.endpoints.assign(orders.id, 'GET', bi.id);
    const all = vault.endpoints.tokenView(contacts.id);
    expect(all.primaries.POST?.tokenName).toBe('POST');
    expect(all.secondaries.map((s) => [s.token.name, s.methods])).toEqual([
      ['BI', []],
      ['CRM', ['POST']],
      ['Idle', []],
    ]);
    expect(
      vault.endpoints.tokenView(contacts.id, { hideUnassigned: true }).secondaries.map((s) => s.token.name),
    ).toEqual(['CRM']);
    expect(vault.endpoints.hideUnassigned(vault.tokens.list()).map((t) => t.name)).toEqual([
      'POST',
      'BI',
      'CRM',
    ]);
    expect(idle.id).toBeGreaterThan(0);
  });

  it('"hide unassigned" keeps a secondary that reaches an endpoint through an enabled mapping to its primary', async () => {
    const { vault, account, primary, secondary } = await endpointAccount(false);
    const contacts = vault.endpoints.add(account.id, '/contacts');
    const post = primary('POST');
    const zapier = secondary('Zapier');
    const paused = secondary('Paused');
    const idle = secondary('Idle');
    vault.endpoints.assign(contacts.id, 'POST', post.id);
    vault.lifecycle.map(zapier.id, post.id);
    vault.lifecycle.map(paused.id, post.id);
    vault.lifecycle.setMappingEnabled(paused.id, post.id, false);
    // The app and the CLI ask the same core query: Zapier serves POST through its mapping; a disabled mapping
    // serves nothing.
    expect([...vault.endpoints.unassignedSecondaryIds()].sort()).toEqual([paused.id, idle.id].sort());
    expect(vault.endpoints.hideUnassigned(vault.tokens.list()).map((t) => t.name)).toEqual([
      'POST',
      'Zapier',
    ]);
    // The endpoint's own tab follows the same rule: Zapier serves /contacts through POST; Paused and Idle do not.
    expect(
      vault.endpoints.tokenView(contacts.id, { hideUnassigned: true }).secondaries.map((s) => s.token.name),
    ).toEqual(['Zapier']);
  });
});
