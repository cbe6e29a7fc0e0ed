import { Dialog } from '../../ui/Dialog';
import { plural } from '../../../../shared/token-state-vocabulary';

export interface AgeBundleResult {
  fileName: string;
  recipient: string;
  tokenCount: number;
  fingerprint: string;
}

/** After an export to the recipient's age key: nothing to send but the file, and how the agency opens it. */
export function AgeBundleReady({ result, onClose }: { result: AgeBundleResult; onClose: () => void }) {
  return (
    <Dialog title="Bundle ready: encrypted to their key" onClose={onClose} wide>
      <p>
        <strong>{result.fileName}</strong> holds {plural(result.tokenCount, 'token')} for {result.recipient},
        encrypted to their age key (fingerprint <strong className="fingerprint">{result.fingerprint}</strong>
        ). There is no password: send the file any way you like (email, file transfer). Only their secret key
        opens it.
      </p>
      <p>How {result.recipient} opens it:</p>
      <pre className="command" data-testid="age-open-command">
        age -d -i key.txt {result.fileName} &gt; tokens.zip
      </pre>
      <p className="hint">
        key.txt is the file age-keygen made for them; tokens.zip then opens with any archive tool. Or, in
        Token Vault: Open bundle, with the vault whose key they sent you.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
