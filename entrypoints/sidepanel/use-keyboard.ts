import { useEffect } from 'preact/hooks';
import { visibleItems } from '@/lib/digest/digest';
import type { CardRegistry } from '@/lib/panel/cards';
import { keyAction } from '@/lib/panel/keys';
import type { useDigest } from './use-digest';

type Digest = ReturnType<typeof useDigest>;

/**
 * The panel's keyboard: j/k move between cards, x picks, e edits, c recolours, Enter shows the comment on the page,
 * Ctrl/⌘+E exports, ? helps, Esc closes. Off while another screen (Settings, the shelf) is up.
 */
export function useKeyboard(on: boolean, digest: Digest, cards: CardRegistry, reveal: ((id: number) => void) | null) {
  useEffect(() => {
    if (!on) return;
    const { view, actions } = digest;
    const focusOn = (id: number | undefined) => {
      if (id == null) return;
      actions.focus(id);
      // A card far down a long list is rendered once the list has scrolled to it: the registry waits for it.
      void cards.show(id);
    };
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const action = keyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: target?.tagName, targetEditable: target?.isContentEditable });
      if (!action) return;
      const ids = visibleItems(view.items, view.filter).map((i) => i.comment.id);
      const at = view.focused == null ? -1 : ids.indexOf(view.focused);
      const id = view.focused;
      e.preventDefault();
      switch (action) {
        case 'next':
          return focusOn(ids[Math.min(ids.length - 1, at + 1)]);
        case 'prev':
          return focusOn(ids[Math.max(0, at - 1)]);
        case 'toggle':
          return id != null && actions.toggle(id);
        case 'edit':
          return id != null && actions.edit(id);
        case 'color':
          return id != null && actions.cycleColor(id);
        case 'reveal':
          return id != null && reveal?.(id);
        case 'export':
          return actions.export();
        case 'help':
          return actions.help(true);
        case 'close':
          actions.help(false);
          return actions.edit(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
}
