import type { Account } from '../../../../shared/model';
import { plural } from '../../../../shared/plural';
import { findProfile, GENERIC_PROFILE } from '../../../../shared/profiles';

interface SidebarProps {
  accounts: Account[];
  selected: number | null;
  onSelect: (id: number | null) => void;
  onAddAccount: () => void;
}

export function AccountSidebar({ accounts, selected, onSelect, onAddAccount }: SidebarProps) {
  const total = accounts.reduce((sum, account) => sum + account.tokenCount, 0);
  return (
    <nav className="sidebar" aria-label="Accounts">
      <h2 className="sidebar-title">Accounts</h2>
      <ul>
        <li>
          <button
            type="button"
            className={selected === null ? 'nav-item active' : 'nav-item'}
            aria-current={selected === null}
            onClick={() => onSelect(null)}
          >
            <span>All tokens</span>
            <span className="count">{total}</span>
          </button>
        </li>
        {accounts.map((account) => (
          <li key={account.id}>
            <button
              type="button"
              className={selected === account.id ? 'nav-item active' : 'nav-item'}
              aria-current={selected === account.id}
              onClick={() => onSelect(account.id)}
            >
              <span className="nav-text">
                <span className="nav-name" title={account.name}>
                  {account.name}
                </span>
                <span className="nav-profile">{(findProfile(account.profile) ?? GENERIC_PROFILE).label}</span>
              </span>
              <span className="count" aria-label={plural(account.tokenCount, 'token')}>
                {account.tokenCount}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="add-account" onClick={onAddAccount}>
        + Add account
      </button>
    </nav>
  );
}
