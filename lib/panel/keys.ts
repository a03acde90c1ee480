/** The panel's keyboard: which key does what. The entrypoint binds the actions. */
export type KeyAction = 'next' | 'prev' | 'toggle' | 'edit' | 'color' | 'reveal' | 'export' | 'help' | 'close';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element's tag: keys typed into a field are the field's, not shortcuts. */
  targetTag?: string;
  targetEditable?: boolean;
}

export function keyAction(e: KeyInput): KeyAction | null {
  const typing = e.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.targetTag ?? '');
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'e') return 'export';
  if (e.key === 'Escape') return 'close';
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'prev';
    case 'x':
      return 'toggle';
    case 'e':
      return 'edit';
    case 'c':
      return 'color';
    case 'Enter':
      return e.targetTag === 'BUTTON' || e.targetTag === 'A' || e.targetTag === 'SUMMARY' ? null : 'reveal';
    case '?':
      return 'help';
    default:
      return null;
  }
}
