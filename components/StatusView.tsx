import type { ComponentChildren } from 'preact';

/** A friendly full-panel message: what is going on and, where there is one, what to do about it. */
export function StatusView(props: { title: string; children?: ComponentChildren; action?: { label: string; run: () => void }; busy?: boolean; error?: boolean }) {
  return (
    <section class={`status${props.error ? ' status-error' : ''}`} data-testid={props.error ? 'error' : 'status'} role={props.error ? 'alert' : 'status'} aria-busy={props.busy}>
      {props.busy && <div class="spinner" aria-hidden="true" />}
      <h2>{props.title}</h2>
      {props.children && <div class="status-body">{props.children}</div>}
      {props.action && (
        <button type="button" onClick={props.action.run}>
          {props.action.label}
        </button>
      )}
    </section>
  );
}
