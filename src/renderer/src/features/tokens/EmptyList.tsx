interface EmptyListProps {
  noAccounts: boolean;
  /** A search or filter is on: the list is empty because of it. */
  narrowed: boolean;
  onAddAccount: () => void;
  onAddToken: () => void;
  onClearFilters: () => void;
}

/** What the list pane says when it shows no token, and the one thing to do next. */
export function EmptyList({
  noAccounts,
  narrowed,
  onAddAccount,
  onAddToken,
  onClearFilters,
}: EmptyListProps) {
  if (noAccounts) {
    return (
      <div className="empty">
        <h2>No accounts yet</h2>
        <p>
          Add the platform account that issued your tokens (for example “Engaging Networks (main)”), then add
          its tokens.
        </p>
        <button type="button" className="primary" onClick={onAddAccount} data-focus-home>
          Add an account
        </button>
      </div>
    );
  }
  return (
    <div className="empty">
      <h2>{narrowed ? 'Nothing matches' : 'No tokens here yet'}</h2>
      <p>
        {narrowed
          ? 'Try fewer words, or clear the search and the filters.'
          : 'Record the first token of this account: press “New token” (Ctrl+N).'}
      </p>
      {narrowed ? (
        <button type="button" onClick={onClearFilters} data-focus-home>
          Clear search and filters
        </button>
      ) : (
        <button type="button" className="primary" onClick={onAddToken} data-focus-home>
          Add a token
        </button>
      )}
    </div>
  );
}
