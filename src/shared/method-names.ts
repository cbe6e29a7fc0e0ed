import type { MethodName } from './api';

/**
 * The contract's method names without zod, for the sandboxed preload. The two checks below fail to compile when
 * this list and src/shared/api.ts drift apart.
 */
export const BRIDGE_METHODS = [
  'getSession',
  'listRecentVaults',
  'chooseVaultFolder',
  'createVault',
  'unlockVault',
  'createDemoVault',
  'lockVault',
  'getKeychainStatus',
  'setKeychainUnlock',
  'reportActivity',
  'changeMasterPassword',
  'updateSettings',
  'verifyVault',
  'listAccounts',
  'createAccount',
  'updateAccount',
  'deleteAccount',
  'listTokens',
  'getToken',
  'createToken',
  'updateToken',
  'deleteToken',
  'revealToken',
  'copyToken',
  'tokenHistory',
  'tokenStates',
  'tokenUsage',
  'regenerateToken',
  'setTokenStatus',
  'setTokenEnabled',
  'recordTokenActivity',
  'setTokenExpiry',
  'purgePreviousValues',
  'listLinks',
  'mapToken',
  'unmapToken',
  'setMappingEnabled',
  'listEndpoints',
  'addEndpoint',
  'assignEndpoint',
  'unassignEndpoint',
  'healthReport',
  'listRecipients',
  'createRecipient',
  'updateRecipient',
  'deleteRecipient',
  'chooseBundleFile',
  'exportHandoff',
  'copyBundlePassword',
  'listHandoffs',
  'tokenHolders',
  'recipientHoldings',
  'endEngagement',
  'setRecipientArchived',
  'chooseBundleToOpen',
  'openBundle',
] as const satisfies readonly MethodName[];

type Missing = Exclude<MethodName, (typeof BRIDGE_METHODS)[number]>;
export const bridgeCoversContract: [Missing] extends [never] ? true : Missing = true;

export const CHANNEL_PREFIX = 'tokenvault:';
