import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

export const MAIN_ID = "main";

/**
 * Moves the focus to the page the person went to: its heading, where a screen reader starts
 * reading it, or the main region while the page is still being read from the server (its heading
 * takes the focus from there once it is drawn). Left alone while the person types in the search,
 * which opens the rules page as they type.
 */
export const focusNewPage = (): void => {
  const main = document.getElementById(MAIN_ID);
  const active = document.activeElement;
  if (!main || (active instanceof HTMLInputElement && active.type === "search")) return;
  const heading = main.querySelector<HTMLElement>("h1");
  (heading ?? main).focus();
};

/**
 * A page's one h1. It can take the focus (focusNewPage gives it); drawn after its page was gone
 * to (a request read from the server), it takes the focus from the main region that held it.
 */
export const PageHeading = ({ children }: { children: ComponentChildren }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.getElementById(MAIN_ID)) heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
};
