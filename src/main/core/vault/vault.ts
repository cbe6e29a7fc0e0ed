import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { VaultError } from '../../../shared/errors';
import { singleLine } from '../../../shared/text-rules';
import type { VaultInfo, VerifyReport } from '../../../shared/model';
import { AccountStore } from '../accounts/account-store';
import {
  argon2idRaw,
  calibrateArgon2id,
  ARGON2ID_FLOOR,
  DEFAULT_KDF_TARGET_MS,
  type Argon2idParams,
} from '../crypto/argon2id';
import { generateRecoveryKey, parseRecoveryKey, recoveryKeyToKek } from '../crypto/recovery-key';
import { backupDatabase, type BackupInfo } from '../db/backups';
import { migrateDatabase, schemaVersion } from '../db/migrate';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open-database';
import { EventLog } from '../events/event-log';
import { HandoffService } from '../handoff/handoff-service';
import { enforceMasterPasswordPolicy, normalisePassword } from '../password-policy';
import { EndpointStore } from '../endpoints/endpoint-store';
import { TokenLinks } from '../endpoints/token-links';
import { HealthService } from '../health/health-report';
import { policyForAccount } from '../profiles/policy-for-profile';
import { RecipientStore } from '../recipients/recipient-store';
import { RotationPlans } from '../rotation/rotation-plans';
import { RecipientKeys } from '../recipients/recipient-keys';
import { VaultIdentity } from '../age/vault-identity';
import { TokenStates } from '../profiles/token-state';
import { TokenLifecycle } from '../tokens/token-lifecycle';
import { TokenStore } from '../tokens/token-store';
import { TokenUsageReader } from '../tokens/token-usage';
import { VaultUseCases } from '../use-cases/vault-use-cases';
import { parseInput } from '../validate';
import {
  newSlotId,
  readKeySlots,
  unwrapDataKey,
  wrapDataKey,
  writeKeySlots,
  KEYSLOTS_FORMAT,
  KEYSLOTS_VERSION,
  type KeySlot,
  type KeySlotsFile,
  type PasswordSlot,
  type RecoverySlot,
} from './keyslots';
import { VaultLock } from './vault-lock';

export const VAULT_DB_FILE = 'vault.db';

export type Unlock =
  | { password: string }
  | { recoveryKey: string }
  /** A key-encryption key obtained elsewhere (the OS keychain) for one slot. */
  | { slotId: string; kek: Buffer };

export interface CreateVaultOptions {
  password: string;
  operator?: string;
  /** Target time of one password derivation; the Argon2id floor is kept whatever this says. */
  kdfTargetMs?: number;
  demo?: boolean;
}

export interface OpenTimings {
  kdfMs: number;
  afterKdfMs: number;
}

async function passwordKek(password: string, slot: PasswordSlot): Promise<Buffer> {
  return argon2idRaw({
    password: Buffer.from(normalisePassword(password), 'utf8'),
    salt: Buffer.from(slot.kdf.salt, 'base64'),
    params: {
      memoryKiB: slot.kdf.memoryKiB,
      iterations: slot.kdf.iterations,
      parallelism: slot.kdf.parallelism,
    },
  });
}

async function makePasswordSlot(
  password: string,
  dataKey: Buffer,
  vaultId: string,
  params: Argon2idParams,
): Promise<PasswordSlot> {
  const id = newSlotId('password');
  const salt = randomBytes(16);
  const kdf = {
    name: 'argon2id' as const,
    version: 19 as const,
    ...params,
    salt: salt.toString('base64'),
    normalisation: 'NFKC' as const,
  };
  const slot = {
    id,
    type: 'password' as const,
    createdAt: new Date().toISOString(),
    kdf,
    wrap: { alg: 'A256GCM' as const, nonce: '', ciphertext: '', tag: '' },
  };
  const kek = await passwordKek(password, slot);
  slot.wrap = wrapDataKey(dataKey, kek, vaultId, id);
  kek.fill(0);
  return slot;
}

function kdfTarget(option?: number): number {
  const fromEnv = Number(process.env.TOKENVAULT_KDF_TARGET_MS);
  return (
    option ??
    (Number.isFinite(fromEnv) && process.env.TOKENVAULT_KDF_TARGET_MS ? fromEnv : DEFAULT_KDF_TARGET_MS)
  );
}

/** An unlocked vault. Everything that touches the database goes through here; `lock()` ends it. */
export class Vault {
  readonly accounts: AccountStore;
  readonly tokens: TokenStore;
  readonly events: EventLog;
  /** Profiles and lifecycle: regenerate, validate, enable, activity, expiry, delete, map. */
  readonly lifecycle: TokenLifecycle;
  readonly endpoints: EndpointStore;
  /** Secondary -> primary mappings (read here; changes go through lifecycle, which keeps the token list fresh). */
  readonly links: TokenLinks;
  readonly health: HealthService;
  /** Agencies and developers who receive tokens, and who holds what. */
  readonly recipients: RecipientStore;
  /** Handoff bundles: export, the record of handoffs, import, engagement ended. */
  readonly handoffs: HandoffService;
  /** Rotation plans: one step per token to rotate on its platform (read here; steps are recorded through useCases). */
  readonly rotations: RotationPlans;
  /** Recipients' age public keys, for bundles without a password. */
  readonly recipientKeys: RecipientKeys;
  /** This vault's own age identity, for receiving bundles. */
  readonly identity: VaultIdentity;
  /** Every change goes through here (src/main/core/use-cases/vault-use-cases.ts); the stores above are read. */
  readonly useCases: VaultUseCases;
  private locked = false;
  private readonly lockListeners = new Set<() => void>();

  private constructor(
    readonly dir: string,
    private slots: KeySlotsFile,
    private readonly dataKey: Buffer,
    readonly db: SqliteDatabase,
    private readonly fileLock: VaultLock,
    readonly timings: OpenTimings,
  ) {
    const chainKey = Buffer.from(
      hkdfSync('sha256', dataKey, Buffer.from(slots.vaultId), 'tokenvault event chain v1', 32),
    );
    this.events = new EventLog(db, chainKey, () => this.operator());
    // Account renames change token metadata, so the token search index is invalidated on account writes.
    this.accounts = new AccountStore(db, this.events, () => this.tokens.invalidate());
    const policyFor = (account: Parameters<typeof policyForAccount>[0]) => policyForAccount(account, db);
    this.tokens = new TokenStore(db, this.events, this.accounts, policyFor);
    this.onLock(() => this.tokens.close());
    const accountOf = (id: number) => this.accounts.get(id);
    const states = new TokenStates(db, accountOf);
    const usage = new TokenUsageReader(db);
    const links = new TokenLinks(db, this.events, this.tokens, accountOf, policyFor);
    this.links = links;
    this.lifecycle = new TokenLifecycle({
      db,
      events: this.events,
      tokens: this.tokens,
      accounts: this.accounts,
      usage,
      links,
      states,
      policyFor,
    });
    this.endpoints = new EndpointStore(db, this.events, this.accounts, this.tokens, policyFor);
    // Read lazily: the rotation plans are built further down.
    this.health = new HealthService(db, this.tokens, states, usage, accountOf, () =>
      this.rotations.unfinished(),
    );
    this.recipients = new RecipientStore(db, this.events);
    this.recipientKeys = new RecipientKeys(db, this.events, this.recipients);
    this.identity = new VaultIdentity(db, this.events);
    this.handoffs = new HandoffService({
      db,
      events: this.events,
      accounts: this.accounts,
      tokens: this.tokens,
      endpoints: this.endpoints,
      recipients: this.recipients,
      lifecycle: this.lifecycle,
      policyFor,
      operator: () => this.operator(),
      recipientKeys: this.recipientKeys,
    });
    this.rotations = new RotationPlans({
      db,
      events: this.events,
      accounts: this.accounts,
      tokens: this.tokens,
      lifecycle: this.lifecycle,
      recipients: this.recipients,
      handoffs: this.handoffs,
      policyFor,
    });
    this.useCases = new VaultUseCases({
      db,
      events: this.events,
      accounts: this.accounts,
      tokens: this.tokens,
      lifecycle: this.lifecycle,
      endpoints: this.endpoints,
      recipients: this.recipients,
      handoffs: this.handoffs,
      rotations: this.rotations,
      recipientKeys: this.recipientKeys,
      identity: this.identity,
      operator: { get: () => this.operator(), set: (name) => this.setOperator(name) },
    });
  }

  /** Create a new vault folder. Returns the recovery key, to be shown once and never stored. */
  static async create(
    dirInput: string,
    options: CreateVaultOptions,
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    const dir = resolve(dirInput);
    // The operator is written into every event: the same rule as the app's create form (the CLI passes it raw).
    if (options.operator?.trim()) parseInput(singleLine('The operator name', 100), options.operator);
    await enforceMasterPasswordPolicy(options.password, [options.operator ?? '', basename(dir)]);
    if (existsSync(dir)) {
      throw new VaultError(
        'ALREADY_EXISTS',
        `${dir} already exists; choose a new folder name for the vault.`,
      );
    }
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new VaultError(
          'ALREADY_EXISTS',
          `${dir} already exists; choose a new folder name for the vault.`,
        );
      throw new VaultError(
        'IO',
        `Could not create ${dir} (${code === 'ENOENT' ? 'its parent folder does not exist' : (code ?? 'error')}).`,
      );
    }
    const dataKey = randomBytes(32);
    try {
      const vaultId = randomUUID();
      const params = await calibrateArgon2id(kdfTarget(options.kdfTargetMs));
      const passwordSlot = await makePasswordSlot(options.password, dataKey, vaultId, params);
      const recovery = generateRecoveryKey();
      const recoverySalt = randomBytes(16);
      const recoveryId = newSlotId('recovery');
      const recoveryKek = recoveryKeyToKek(recovery.entropy, recoverySalt);
      const recoverySlot: RecoverySlot = {
        id: recoveryId,
        type: 'recovery',
        createdAt: new Date().toISOString(),
        kdf: {
          name: 'hkdf-sha256',
          salt: recoverySalt.toString('base64'),
          info: 'tokenvault recovery kek v1',
        },
        wrap: wrapDataKey(dataKey, recoveryKek, vaultId, recoveryId),
      };
      recoveryKek.fill(0);
      recovery.entropy.fill(0);
      const slots: KeySlotsFile = {
        format: KEYSLOTS_FORMAT,
        version: KEYSLOTS_VERSION,
        vaultId,
        createdAt: new Date().toISOString(),
        database: { file: 'vault.db', cipher: 'sqlcipher', legacy: 4, key: 'raw-256' },
        slots: [passwordSlot, recoverySlot],
      };
      const fileLock = VaultLock.acquire(dir);
      let db: SqliteDatabase | undefined;
      try {
        writeKeySlots(dir, slots, { exclusive: true });
        db = openEncryptedDatabase(join(dir, VAULT_DB_FILE), dataKey);
        migrateDatabase(db);
        const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        db.transaction(() => {
          meta.run('vault_id', vaultId);
          meta.run('created_at', slots.createdAt);
          meta.run('operator', options.operator?.trim() || 'admin');
          meta.run('demo', options.demo ? '1' : '0');
        })();
      } catch (error) {
        db?.close();
        fileLock.release();
        throw error;
      }
      const vault = new Vault(dir, slots, dataKey, db, fileLock, { kdfMs: 0, afterKdfMs: 0 });
      return { vault, recoveryKey: recovery.display };
    } catch (error) {
      dataKey.fill(0);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  static async open(dirInput: string, unlock: Unlock): Promise<Vault> {
    const dir = resolve(dirInput);
    if (!existsSync(dir)) throw new VaultError('NOT_FOUND', `There is no vault at ${dir}.`);
    const slots = readKeySlots(dir);
    if (!existsSync(join(dir, VAULT_DB_FILE))) {
      throw new VaultError(
        'VAULT_CORRUPT',
        'vault.db is missing from the vault folder; restore it from a backup copy.',
      );
    }
    const fileLock = VaultLock.acquire(dir);
    let dataKey: Buffer | null = null;
    try {
      const kdfStarted = performance.now();
      dataKey = await Vault.unwrapWith(slots, unlock);
      const kdfMs = performance.now() - kdfStarted;
      const started = performance.now();
      const db = openEncryptedDatabase(join(dir, VAULT_DB_FILE), dataKey);
      try {
        migrateDatabase(db, {
          backupBeforeMigration: (from) => backupDatabase(db, dir, `before-migration-from-v${from}`),
        });
        const storedId = (
          db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined
        )?.value;
        if (storedId !== slots.vaultId) {
          throw new VaultError('VAULT_CORRUPT', 'vault.db belongs to a different vault than keyslots.json.');
        }
      } catch (error) {
        db.close();
        throw error;
      }
      return new Vault(dir, slots, dataKey, db, fileLock, { kdfMs, afterKdfMs: performance.now() - started });
    } catch (error) {
      dataKey?.fill(0);
      fileLock.release();
      throw error;
    }
  }

  /** True when `password` opens this vault's password slot (asked before a password change). */
  async checkPassword(password: string): Promise<boolean> {
    this.assertUnlocked();
    try {
      const key = await Vault.unwrapWith(this.slots, { password });
      key.fill(0);
      return true;
    } catch (error) {
      if (error instanceof VaultError && error.code === 'WRONG_PASSWORD') return false;
      throw error;
    }
  }

  /** The data key behind one unlock method (restore uses it without opening vault.db). */
  static async unwrapWith(slots: KeySlotsFile, unlock: Unlock): Promise<Buffer> {
    if ('password' in unlock) {
      for (const slot of slots.slots) {
        if (slot.type !== 'password') continue;
        const kek = await passwordKek(unlock.password, slot);
        const key = unwrapDataKey(slot.wrap, kek, slots.vaultId, slot.id);
        kek.fill(0);
        if (key) return key;
      }
      throw new VaultError('WRONG_PASSWORD', 'Wrong master password.');
    }
    if ('recoveryKey' in unlock) {
      const entropy = parseRecoveryKey(unlock.recoveryKey);
      for (const slot of slots.slots) {
        if (slot.type !== 'recovery') continue;
        const kek = recoveryKeyToKek(entropy, Buffer.from(slot.kdf.salt, 'base64'));
        const key = unwrapDataKey(slot.wrap, kek, slots.vaultId, slot.id);
        kek.fill(0);
        if (key) {
          entropy.fill(0);
          return key;
        }
      }
      entropy.fill(0);
      throw new VaultError('WRONG_PASSWORD', 'Wrong recovery key: it does not open this vault.');
    }
    const slot = slots.slots.find((candidate) => candidate.id === unlock.slotId);
    if (!slot) throw new VaultError('NOT_FOUND', `This vault has no key slot ${unlock.slotId}.`);
    const key = unwrapDataKey(slot.wrap, unlock.kek, slots.vaultId, slot.id);
    if (!key) throw new VaultError('WRONG_PASSWORD', 'The stored key no longer opens this vault.');
    return key;
  }

  get id(): string {
    return this.slots.vaultId;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  keySlots(): readonly KeySlot[] {
    return this.slots.slots;
  }

  // Prepared once: the operator is read for every event, so a bulk import would otherwise prepare it per row.
  private metaStatement: Database.Statement<[string], { value: string }> | undefined;

  private meta(key: string): string | undefined {
    this.metaStatement ??= this.db.prepare('SELECT value FROM meta WHERE key = ?');
    return this.metaStatement.get(key)?.value;
  }

  operator(): string {
    return this.meta('operator') ?? 'admin';
  }

  setOperator(name: string): void {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100)
      throw new VaultError('INVALID_INPUT', 'The operator name must be 1 to 100 characters.');
    this.db.prepare(`UPDATE meta SET value = ? WHERE key = 'operator'`).run(trimmed);
  }

  info(): VaultInfo {
    return {
      id: this.slots.vaultId,
      path: this.dir,
      name: basename(this.dir).replace(/\.tokenvault$/, ''),
      operator: this.operator(),
      schemaVersion: schemaVersion(this.db),
      createdAt: this.slots.createdAt,
      slots: this.slots.slots.map((slot) => ({ id: slot.id, type: slot.type, createdAt: slot.createdAt })),
      demo: this.meta('demo') === '1',
    };
  }

  /** Rewrap the data key under a new password; the database and its key never change. */
  async changePassword(newPassword: string): Promise<void> {
    this.assertUnlocked();
    await enforceMasterPasswordPolicy(newPassword, [this.operator(), basename(this.dir)]);
    const params = await calibrateArgon2id(kdfTarget());
    const slot = await makePasswordSlot(newPassword, this.dataKey, this.slots.vaultId, params);
    const next: KeySlotsFile = {
      ...this.slots,
      slots: [slot, ...this.slots.slots.filter((s) => s.type !== 'password')],
    };
    writeKeySlots(this.dir, next);
    this.slots = next;
    this.db.transaction(() => this.events.append({ kind: 'PasswordChanged', details: {} }))();
  }

  /** Add or replace a slot (the keychain slot uses this); the file is rewritten atomically. */
  addKeySlot(makeSlot: (dataKey: Buffer, vaultId: string) => KeySlot): KeySlot {
    this.assertUnlocked();
    const slot = makeSlot(this.dataKey, this.slots.vaultId);
    const next: KeySlotsFile = {
      ...this.slots,
      slots: [...this.slots.slots.filter((s) => s.id !== slot.id), slot],
    };
    writeKeySlots(this.dir, next);
    this.slots = next;
    return slot;
  }

  removeKeySlot(slotId: string): void {
    this.assertUnlocked();
    const remaining = this.slots.slots.filter((slot) => slot.id !== slotId);
    if (!remaining.some((slot) => slot.type === 'password')) {
      throw new VaultError(
        'POLICY',
        'The password slot cannot be removed: the vault would have no password.',
      );
    }
    const next: KeySlotsFile = { ...this.slots, slots: remaining };
    writeKeySlots(this.dir, next);
    this.slots = next;
  }

  backup(reason = 'manual'): BackupInfo {
    this.assertUnlocked();
    return backupDatabase(this.db, this.dir, reason);
  }

  verify(): VerifyReport {
    this.assertUnlocked();
    const integrityRows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = integrityRows.map((row) => row.integrity_check).join('; ');
    const chain = this.events.verifyChain();
    const problems = [...chain.problems];
    if (integrity !== 'ok') problems.unshift(`database integrity: ${integrity}`);
    return { ok: problems.length === 0, eventCount: chain.count, integrity, problems };
  }

  onLock(listener: () => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  /** Close the database, zero the data key, release the folder. Safe to call twice. */
  lock(): void {
    if (this.locked) return;
    this.locked = true;
    try {
      this.db.close();
    } finally {
      this.dataKey.fill(0);
      this.fileLock.release();
      for (const listener of this.lockListeners) listener();
    }
  }

  private assertUnlocked(): void {
    if (this.locked) throw new VaultError('VAULT_LOCKED', 'The vault is locked; unlock it first.');
  }
}

export { ARGON2ID_FLOOR };
