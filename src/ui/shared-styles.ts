// Styles shared by several elements. Colours come from the custom properties that index.html sets
// for light and dark schemes, and custom properties inherit into shadow roots.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-size: 0.95rem;
    line-height: 1.2;
    padding: 0.5rem 0.9rem;
    border-radius: 6px;
    border: 1px solid var(--ms-border-strong);
    background: var(--ms-surface);
    color: var(--ms-text);
    cursor: pointer;
  }

  button:hover:not(:disabled) {
    background: var(--ms-surface-hover);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }

  button.primary {
    background: var(--ms-accent);
    border-color: var(--ms-accent);
    color: var(--ms-accent-text);
  }

  button.primary:hover:not(:disabled) {
    background: var(--ms-accent-hover);
  }

  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--ms-focus);
    outline-offset: 2px;
  }
`;

export const textStyles = css`
  .muted {
    color: var(--ms-muted);
  }

  .mono {
    font-family: var(--ms-font-mono);
    font-size: 0.9em;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
