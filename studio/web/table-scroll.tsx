import type { ComponentChildren } from "preact";

/**
 * A wide table's (or the age-band picture's) own scrolling region, so that the page never scrolls
 * sideways (at 200% zoom the grid is wider than the window). It takes the focus so that a keyboard alone can scroll it, as
 * WCAG 2.1.1 asks of scrollable regions; `labelledBy` names it by the table's caption.
 */
export const TableScroll = ({
  labelledBy,
  children,
}: {
  labelledBy: string;
  children: ComponentChildren;
}) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
  <section class="table-scroll" aria-labelledby={labelledBy} tabIndex={0}>
    {children}
  </section>
);
