import { LitElement } from 'lit';

/** Resolves once `element` and every Lit element inside its shadow root, at any depth, has rendered. */
export async function waitForRender(element: LitElement): Promise<void> {
  await element.updateComplete;
  const nested = Array.from(element.renderRoot.querySelectorAll('*')).filter(
    (node): node is LitElement => node instanceof LitElement,
  );
  await Promise.all(nested.map(waitForRender));
}
