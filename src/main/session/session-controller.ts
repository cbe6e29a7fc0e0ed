import { createDemoVault } from '../core/demo/create-demo-vault';
import { VaultError } from '../../shared/errors';
import type { AppSettings, SessionState } from '../../shared/api';
import type { KeychainStatus } from '../../shared/api';
import { keychainStatus, keychainUnlock } from '../core/keychain/keychain-unlock';
import { setKeychainUnlock } from '../core/keychain/set-keychain-unlock';
import { unlockRetryAfterSeconds, withUnlockBackoff } from '../core/vault/unlock-with-backoff';
import { systemSecretStore, type SecretStore } from '../core/keychain/secret-store';
import { Vault, type Unlock } from '../core/vault/vault';
import { AppSettingsStore } from './app-settings-store';
import { ChosenFiles } from './chosen-files';
import type { OpenPurpose } from './platform-services';
import type { PlatformServices } from './platform-services';

/**
 * Why the vault was locked. `page`: the renderer asked (it refreshes itself); `switch`: another vault is being
 * created or unlocked in its place; the others come from outside the page, which main then reloads.
 */
export type LockReason = 'page' | 'menu' | 'idle' | 'system' | 'switch' | 'quit';

export interface SessionControllerOptions {
  userDataDir: string;
  platform: PlatformServices;
  now?: () => number;
  /** The OS keychain; the system one (keytar) unless a test gives another. */
  secretStore?: SecretStore;
}

/**
 * The app's one session: at most one open vault, the idle auto-lock, the unlock back-off and the clipboard.
 * Plain Node (no Electron), so the IPC handlers run the same in the app and in the browser test harness.
 * The renderer learns about a lock from the VAULT_LOCKED error of its next call and from polling getSession:
 * the preload bridge deliberately exposes no event channel. In the app, a lock that does not come from the page
 * (menu, idle, suspend, screen lock) also reloads the page, so nothing it held survives even until the next poll.
 */
export class SessionController {
  readonly platform: PlatformServices;
  private readonly secretStore: SecretStore;
  private readonly store: AppSettingsStore;
  private readonly now: () => number;
  private vault: Vault | null = null;
  private path: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private clipboardTimer: NodeJS.Timeout | null = null;
  private clipboardValue: string | null = null;
  private clipboardClearing: Promise<void> = Promise.resolve();
  private readonly lockedListeners = new Set<(reason: LockReason) => void>();
  /** Paths the user picked in a dialog: the only files main reads or writes for the page (chosen-files.ts). */
  readonly chosenFiles = new ChosenFiles();

  constructor(options: SessionControllerOptions) {
    this.platform = options.platform;
    this.secretStore = options.secretStore ?? systemSecretStore();
    this.store = new AppSettingsStore(options.userDataDir);
    this.now = options.now ?? Date.now;
    this.path = this.store.recentVaults()[0]?.path ?? null;
  }

  getSession(): SessionState {
    return {
      state: this.vault ? 'unlocked' : this.path ? 'locked' : 'no-vault',
      path: this.path,
      vault: this.vault ? this.vault.info() : null,
      settings: this.store.settings(),
      // Failed attempts are counted in the vault folder, so restarting the app does not reset the wait.
      retryAfterSeconds: this.path ? unlockRetryAfterSeconds(this.path, this.now) : 0,
    };
  }

  settings(): AppSettings {
    return this.store.settings();
  }

  recentVaults() {
    return this.store.recentVaults();
  }

  /** A native open dialog; the picked file may then be read for the page. */
  async chooseOpenFile(purpose: OpenPurpose): Promise<string | null> {
    const path = await this.platform.chooseOpenFile(purpose);
    return path === null ? null : this.chosenFiles.remember(path, 'read');
  }

  /** A native save dialog; the named file may then be written for the page. */
  async chooseSaveFile(suggestedName: string): Promise<string | null> {
    const path = await this.platform.chooseSaveFile(suggestedName);
    return path === null ? null : this.chosenFiles.remember(path, 'write');
  }

  /** The open vault, or VAULT_LOCKED: every vault method goes through here. */
  requireVault(): Vault {
    if (!this.vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked; unlock it to continue.');
    return this.vault;
  }

  async createVault(input: { path: string; password: string; operator: string }) {
    this.lock('switch');
    const { vault, recoveryKey } = await Vault.create(input.path, {
      password: input.password,
      operator: input.operator,
    });
    this.adopt(vault);
    return { vault: vault.info(), recoveryKey };
  }

  /** A DEMO vault, left unlocked; its generated password goes back once to be shown, and is stored nowhere. */
  async createDemoVault(path: string) {
    this.lock('switch');
    const { vault, password, recoveryKey } = await createDemoVault(path);
    this.adopt(vault);
    return { vault: vault.info(), password, recoveryKey };
  }

  async keychainStatus(): Promise<KeychainStatus> {
    if (!this.path) return 'no-vault';
    return keychainStatus(this.path, this.secretStore);
  }

  async setKeychainUnlock(enabled: boolean): Promise<KeychainStatus> {
    await setKeychainUnlock(this.requireVault(), this.secretStore, enabled);
    return this.keychainStatus();
  }

  async unlockVault(
    input: { path: string } & ({ password: string } | { recoveryKey: string } | { keychain: true }),
  ) {
    const vault = await withUnlockBackoff(
      input.path,
      async () => {
        this.lock('switch');
        const unlock: Unlock =
          'password' in input
            ? { password: input.password }
            : 'recoveryKey' in input
              ? { recoveryKey: input.recoveryKey }
              : await keychainUnlock(input.path, this.secretStore);
        return Vault.open(input.path, unlock);
      },
      this.now,
    );
    this.adopt(vault);
    return vault.info();
  }

  private adopt(vault: Vault): void {
    this.vault = vault;
    this.path = vault.dir;
    this.store.rememberVault(vault.dir, vault.info().demo);
    this.reportActivity();
  }

  /** User activity: restart the idle countdown. */
  reportActivity(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.vault) return;
    this.idleTimer = setTimeout(() => this.lock('idle'), this.store.settings().autoLockMinutes * 60_000);
    this.idleTimer.unref?.();
  }

  /**
   * Close the database, zero the key, forget the clipboard value; safe to call when already locked (listeners
   * hear only of a vault that was open).
   */
  lock(reason: LockReason = 'page'): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const vault = this.vault;
    this.vault = null;
    this.chosenFiles.clear();
    if (this.clipboardValue !== null) void this.clearClipboardIfOurs();
    if (vault) {
      vault.lock();
      for (const listener of this.lockedListeners) listener(reason);
    }
  }

  onLocked(listener: (reason: LockReason) => void): () => void {
    this.lockedListeners.add(listener);
    return () => this.lockedListeners.delete(listener);
  }

  /** Copy in main: the renderer never sees the value. Cleared after N seconds if the clipboard still holds it. */
  async copyToken(id: number): Promise<{ clearsAfterSeconds: number }> {
    return this.copySecret(this.requireVault().useCases.readSecretValue(id, 'copy'));
  }

  /** Put a secret on the clipboard (concealed where the OS allows) and clear it after N seconds if still ours. */
  async copySecret(value: string): Promise<{ clearsAfterSeconds: number }> {
    await this.platform.writeClipboard(value);
    this.clipboardValue = value;
    if (this.clipboardTimer) clearTimeout(this.clipboardTimer);
    const seconds = this.store.settings().clipboardSeconds;
    this.clipboardTimer = setTimeout(() => void this.clearClipboardIfOurs(), seconds * 1000);
    this.clipboardTimer.unref?.();
    return { clearsAfterSeconds: seconds };
  }

  /**
   * Clear only if the clipboard still holds what we put there: the user may have copied something else since.
   * The check is asynchronous, so the clearing in flight is kept: shutdown() waits for it before the app exits.
   */
  clearClipboardIfOurs(): Promise<void> {
    if (this.clipboardTimer) clearTimeout(this.clipboardTimer);
    this.clipboardTimer = null;
    const ours = this.clipboardValue;
    this.clipboardValue = null;
    if (ours === null) return this.clipboardClearing;
    this.clipboardClearing = (async () => {
      if ((await this.platform.readClipboard()) === ours) this.platform.clearClipboard();
    })().catch(() => undefined);
    return this.clipboardClearing;
  }

  /**
   * Before the app exits: lock, and finish clearing a copied secret. The N-second timer never fires after exit,
   * and on Windows and macOS the clipboard outlives the app, so quitting early would otherwise leave it there.
   */
  async shutdown(): Promise<void> {
    this.lock('quit');
    await this.clearClipboardIfOurs();
  }

  async changeMasterPassword(input: { currentPassword: string; newPassword: string }) {
    const vault = this.requireVault();
    if (!(await vault.checkPassword(input.currentPassword))) {
      throw new VaultError(
        'WRONG_PASSWORD',
        'The current master password is wrong; the password was not changed.',
      );
    }
    await vault.changePassword(input.newPassword);
    return { changed: true as const };
  }

  updateSettings(patch: {
    operator?: string;
    autoLockMinutes?: number;
    clipboardSeconds?: number;
    rotationDays?: number;
  }): SessionState {
    const { operator, ...appSettings } = patch;
    if (operator !== undefined) this.requireVault().useCases.setOperator(operator);
    if (Object.keys(appSettings).length) this.store.updateSettings(appSettings);
    this.reportActivity();
    return this.getSession();
  }
}
