import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { RuleSet } from "../../core/rule-set.js";
import type { AdminApi } from "./admin-api.js";
import type { Me, People, StoredVersion, VersionList } from "./api-types.js";
import type { Content } from "./content.js";

/** What every part of the signed-in page reads: who is signed in, the API, and the version in use. */
export interface Studio {
  readonly api: AdminApi;
  readonly me: Me;
  /** Who is called what, from the requests and the audit trail, the signed-in person included. */
  readonly people: People;
  readonly versions: VersionList | undefined;
  /** The active version's rules, once read. */
  readonly active: StoredVersion | undefined;
  /** The active version's rules as the checks and the core read them, once they pass the checks. */
  readonly activeRules: RuleSet | undefined;
  /** Keys and identities to the words people read instead (see withWords). */
  readonly words: ReadonlyMap<string, string>;
  /** The rules the page is showing: the working copy's while there is one, else the active version's. */
  readonly shown: Content;
  /** Reads the versions and requests again, after an action that changed them. */
  refresh(): Promise<void>;
  /**
   * Reads which version is in use now, saying so if it changed: a change is started from it, not
   * from what the page read up to 15 seconds ago.
   */
  readActive(): Promise<StoredVersion | undefined>;
  /** Goes to a page of the studio: `#/rules`, `#/requests/3`, … */
  go(route: string): void;
}

export const StudioContext = createContext<Studio | undefined>(undefined);

export const useStudio = (): Studio => {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error("useStudio outside the signed-in studio");
  return studio;
};

/** The signed-in person as the audit trail and the requests name them: by the token's subject. */
export const actorOf = (me: Me): string => `sign-in:${me.subject}`;

/** Whether the signed-in person wrote a request, comment or approval. */
export const isMine = (me: Me, author: string): boolean => author === actorOf(me);

export const isApprover = (me: Me): boolean => me.roles.includes("approver");
