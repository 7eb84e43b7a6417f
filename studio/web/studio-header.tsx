import { useEffect, useRef } from "preact/hooks";
import type { Route } from "./route.js";
import { isApprover, useStudio } from "./studio-context.js";

const SEARCH_ID = "rule-search";

/** Whether a key pressed there types into something, where "/" is a character and not a shortcut. */
const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** "/" anywhere else puts the cursor in the search, as on many sites people know. */
const useSlashToSearch = (input: { current: HTMLInputElement | null }) =>
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

const NavLink = ({
  href,
  current,
  children,
}: {
  href: string;
  current: boolean;
  children: string;
}) => (
  <a href={href} aria-current={current ? "page" : undefined}>
    {children}
  </a>
);

/**
 * The top of every page: a skip link, the search for rules (the second Tab, or "/"), the studio's
 * pages, and who is signed in.
 */
export const StudioHeader = ({
  search,
  onSearch,
  onSearchEnter,
  route,
  openRequests,
  onSignOut,
}: {
  search: string;
  onSearch: (text: string) => void;
  /** Enter in the search: to the rules found. */
  onSearchEnter: () => void;
  route: Route;
  openRequests: number | undefined;
  onSignOut: () => void;
}) => {
  const { me } = useStudio();
  const input = useRef<HTMLInputElement>(null);
  useSlashToSearch(input);
  return (
    <header class="studio-header">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <p class="studio-name">code-rules studio</p>
      <search class="rule-search">
        <label for={SEARCH_ID}>Search rules</label>
        <input
          id={SEARCH_ID}
          ref={input}
          type="search"
          value={search}
          aria-describedby={`${SEARCH_ID}-hint`}
          onInput={(event) => onSearch(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== "Enter") return;
            event.preventDefault();
            onSearchEnter();
          }}
        />
        <span id={`${SEARCH_ID}-hint`} class="hint">
          a code, a procedure or words of the text; Enter goes to the first rule found, and / comes
          back here
        </span>
      </search>
      <nav aria-label="Studio">
        <NavLink href="#/rules" current={route.page === "rules"}>
          Rules
        </NavLink>
        <NavLink href="#/requests" current={route.page === "requests" || route.page === "request"}>
          {openRequests === undefined
            ? "Change requests"
            : `Change requests (${openRequests} open)`}
        </NavLink>
        <NavLink href="#/versions" current={route.page === "versions"}>
          Versions
        </NavLink>
      </nav>
      <div class="who">
        <span>
          {me.name}, {isApprover(me) ? "approver" : "editor"}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
};
