// A second horizontal scroll bar for a box that scrolls sideways, kept at the bottom of the window
// while the box is in view. A table of many rows otherwise has its only horizontal scroll bar under
// its last row, out of reach of a mouse.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Scroll offsets closer than this, in CSS pixels, count as equal, so the two never chase each other. */
const SAME_OFFSET_PX = 0.5;

/**
 * Keeps the rail as wide as the box's overflow, hidden when there is none, and scrolls each when the
 * other scrolls. Returns the function that undoes all of it.
 */
function linkScrollRail(box: HTMLElement, rail: HTMLElement): () => void {
  const spacer = rail.firstElementChild;
  if (!(spacer instanceof HTMLElement)) {
    return () => undefined;
  }

  const measure = (): void => {
    const overflow = box.scrollWidth - box.clientWidth;
    rail.hidden = overflow <= 1;
    // The same overflow on the rail gives both the same range of scrollLeft, whatever their widths.
    spacer.style.width = `${rail.clientWidth + Math.max(0, overflow)}px`;
    rail.scrollLeft = box.scrollLeft;
  };
  const followBox = (): void => {
    if (Math.abs(rail.scrollLeft - box.scrollLeft) > SAME_OFFSET_PX) {
      rail.scrollLeft = box.scrollLeft;
    }
  };
  const followRail = (): void => {
    if (Math.abs(box.scrollLeft - rail.scrollLeft) > SAME_OFFSET_PX) {
      box.scrollLeft = rail.scrollLeft;
    }
  };

  // The box resizes with the window and its content with the rows, so both are observed.
  const observer = new ResizeObserver(measure);
  observer.observe(box);
  if (box.firstElementChild) {
    observer.observe(box.firstElementChild);
  }
  box.addEventListener('scroll', followBox, { passive: true });
  rail.addEventListener('scroll', followRail, { passive: true });
  measure();

  return () => {
    observer.disconnect();
    box.removeEventListener('scroll', followBox);
    rail.removeEventListener('scroll', followRail);
  };
}

/**
 * Links the host's scroll box to its rail once both are rendered, and unlinks them when the host
 * leaves the page. The host's template marks the box `data-scroll-box` and the rail
 * `data-scroll-rail`. The rail is an element that scrolls sideways and contains one empty child.
 */
export class ScrollRailController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  #unlink: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#link();
  }

  hostUpdated(): void {
    this.#link();
  }

  hostDisconnected(): void {
    this.#unlink?.();
    this.#unlink = undefined;
  }

  #link(): void {
    if (this.#unlink) {
      return;
    }
    const box = this.#host.renderRoot.querySelector<HTMLElement>('[data-scroll-box]');
    const rail = this.#host.renderRoot.querySelector<HTMLElement>('[data-scroll-rail]');
    if (box && rail) {
      this.#unlink = linkScrollRail(box, rail);
    }
  }
}
