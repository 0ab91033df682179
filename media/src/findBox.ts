import { findNodes } from './findNodes';

/** What the find box needs from the page: the nodes drawn, and how to show a match or none. */
export interface FindTarget {
  nodes(): readonly { readonly id: string; readonly label: string; readonly type: string }[];
  /** Pans to the node (and draws it ringed). */
  reveal(id: string): void;
  /** Draws again, without a ring. */
  render(): void;
  /** Gives the keyboard back to the diagram. */
  leave(): void;
}

/**
 * The toolbar's find box: Enter goes to the next match (Shift+Enter the previous), Escape
 * clears it, Ctrl+F anywhere in the page focuses it. It says "2 of 5" or "No match".
 */
export class FindBox {
  private found: { readonly ids: readonly string[]; readonly index: number } | undefined;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly count: HTMLElement,
    private readonly target: FindTarget,
  ) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.next(event.shiftKey);
      } else if (event.key === 'Escape') {
        input.value = '';
        this.next();
        target.leave();
      }
    });
    input.addEventListener('input', () => {
      // A new query starts from its first match, even if it matches what the last one did.
      this.found = undefined;
      this.next();
    });
    window.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  /** The match shown, if any. */
  get current(): string | undefined {
    return this.found?.ids[this.found.index];
  }

  /** Shows the next match (the first after a new query), and says how many there are. */
  private next(backwards = false): void {
    const query = this.input.value;
    if (!query.trim()) {
      this.found = undefined;
      this.count.textContent = '';
      this.target.render();
      return;
    }
    const ids = findNodes(this.target.nodes(), query);
    const same = this.found && this.found.ids.join('\n') === ids.join('\n');
    const index = !same || !this.found ? 0 : (this.found.index + (backwards ? ids.length - 1 : 1)) % Math.max(ids.length, 1);
    this.found = ids.length > 0 ? { ids, index } : undefined;
    this.count.textContent = ids.length > 0 ? `${index + 1} of ${ids.length}` : 'No match';
    if (this.found) this.target.reveal(this.found.ids[this.found.index]!);
    else this.target.render();
  }
}
