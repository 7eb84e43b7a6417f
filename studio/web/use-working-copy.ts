import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ChangeRequest } from "../../admin/change-request.js";
import { validateForPublish } from "../../core/publish-checks.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { RuleSet } from "../../core/rule-set.js";
import type { AdminApi } from "./admin-api.js";
import type { Me, Problem, Reply, RequestStep, StoredVersion } from "./api-types.js";
import type { Content } from "./content.js";
import { rebaseContent, rebaseRequest } from "./rebase-copy.js";
import type { Said } from "./said.js";
import {
  forgetWorkingCopy,
  keepWorkingCopy,
  keptWorkingCopy,
  type WorkingCopy,
  workingCopyOf,
} from "./working-copy.js";

/** How long after the last edit the working copy is saved in the table. */
const SAVE_AFTER_MS = 700;

type Details = Partial<Pick<WorkingCopy, "title" | "allowPastChanges" | "allowRemovals">>;

export interface WorkingCopyControl {
  readonly copy: WorkingCopy | undefined;
  /** A copy this browser kept from before, offered to be resumed: the person chooses. */
  readonly resumable: WorkingCopy | undefined;
  /** What the checks a publish runs find in the copy, as it is typed. */
  readonly problems: readonly RuleProblem[];
  /** The copy's rules once they pass those checks. */
  readonly validated: RuleSet | undefined;
  /** What saving it in the table last said. */
  readonly saving: Said | undefined;
  start(from: StoredVersion): void;
  edit(change: (content: Content) => Content): void;
  setDetails(details: Details): void;
  resume(): void;
  /** Forgets the copy, and withdraws the draft request that held it in the table. */
  discard(): Promise<void>;
  /** Saves it in the table now, as a draft request or a new revision of its request. */
  save(): Promise<Reply<RequestStep>>;
  /** Takes up a request of one's own to change it further. */
  editRequest(request: ChangeRequest): void;
  /** The copy has become a request in review: the browser keeps it no longer. */
  finish(): void;
  /**
   * Carries the copy's edits onto the version in use (`base`: the rules it started from), and its
   * request with it: what the page says of it.
   */
  rebase(base: Content, onto: StoredVersion): Promise<Said>;
}

const draftTitle = (me: Me): string => `Working copy of ${me.name}`;

/**
 * Why the copy is not saved in the table. A change that needs leave (to re-code past dates of
 * service, to take codes away) is refused even as a draft until it asks for it, which is no fault
 * of the person mid-edit: that is said as the next step, not as an error.
 */
const LEAVE_NEEDED: Readonly<Record<string, string>> = {
  "past-changes": "it changes answers for dates of service already past",
  removals: "it takes codes away",
};

const notSaved = (problem: Problem): Said => {
  if (problem.refused === "conflict")
    return {
      kind: "working",
      text: "Kept in this browser, not yet saved: another version was published since your working copy started. Bring it up to date with the version in use, and it is saved.",
    };
  const needs = problem.refused === undefined ? undefined : LEAVE_NEEDED[problem.refused];
  return needs
    ? {
        kind: "working",
        text: `Kept in this browser, not yet saved as a draft: ${needs}. Ask leave for that in Review and submit…, and it is saved.`,
      }
    : {
        kind: "error",
        text: `Not saved (${problem.detail ?? "the server refused"}): your working copy is kept in this browser.`,
      };
};

/** What of the copy the table holds once `sent` is saved: unsaved again if edited since. */
const savedAs = (copy: WorkingCopy, sent: WorkingCopy, step: RequestStep): WorkingCopy => ({
  ...copy,
  request: {
    number: step.request.number,
    revision: step.request.revision,
    draft: step.request.state === "draft",
  },
  unsaved:
    copy.content !== sent.content ||
    copy.title !== sent.title ||
    copy.allowPastChanges !== sent.allowPastChanges ||
    copy.allowRemovals !== sent.allowRemovals,
});

/**
 * A person's working copy: kept in this browser on every edit (rules only, never tokens), and saved
 * in the table as a draft change request whenever it passes the checks, so that a reload or another
 * browser loses nothing.
 */
export const useWorkingCopy = (
  api: AdminApi,
  me: Me,
  /** A save found another version in use: the page reads it, and offers to bring the copy up to date. */
  onStale: () => void,
): WorkingCopyControl => {
  const [copy, setCopy] = useState<WorkingCopy | undefined>();
  const [resumable, setResumable] = useState(() => keptWorkingCopy(localStorage, me.subject));
  const [saving, setSaving] = useState<Said | undefined>();
  // The copy as the last change left it, ahead of the render that shows it: each change builds on
  // the one before even within one tick, and is kept in the browser before the next key is read.
  const latest = useRef(copy);
  const inFlight = useRef<Promise<unknown> | undefined>(undefined);

  const checked = useMemo(() => copy && validateForPublish(copy.content), [copy?.content]);
  const problems = checked && !checked.ok ? checked.error : [];
  const validated = checked?.ok ? checked.value : undefined;

  /**
   * Every change to the copy: kept in this browser at once, not after the next paint, so that a
   * reload straight after a key press still finds that key's edit. Until the person answers the
   * offer to resume, there is no copy, and the one kept is left as it is.
   */
  const update = (change: (now: WorkingCopy) => WorkingCopy) => {
    const now = latest.current;
    if (!now) return;
    const next = change(now);
    latest.current = next;
    keepWorkingCopy(localStorage, me.subject, next);
    setCopy(next);
  };

  const send = async (sent: WorkingCopy): Promise<Reply<RequestStep>> => {
    const leave = { allowPastChanges: sent.allowPastChanges, allowRemovals: sent.allowRemovals };
    const title = sent.title.trim() || draftTitle(me);
    return sent.request
      ? api.edit(sent.request.number, {
          content: sent.content,
          expectRevision: sent.request.revision,
          title,
          ...leave,
        })
      : api.propose({
          content: sent.content,
          baseVersion: sent.baseVersion,
          title,
          draft: true,
          ...leave,
        });
  };

  const save = async (): Promise<Reply<RequestStep>> => {
    // One save at a time: the next is made over the revision the last one wrote.
    while (inFlight.current) await inFlight.current;
    const sent = latest.current;
    if (!sent) return { ok: false, problem: { status: 0, detail: "There is no working copy." } };
    setSaving({ kind: "working", text: "Saving your working copy…" });
    const call = send(sent);
    inFlight.current = call;
    const reply = await call.finally(() => {
      inFlight.current = undefined;
    });
    if (!reply.ok) {
      setSaving(notSaved(reply.problem));
      if (reply.problem.refused === "conflict") onStale();
      return reply;
    }
    update((now) => savedAs(now, sent, reply.value));
    const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    setSaving({
      kind: "done",
      text: `Saved as draft change request ${reply.value.request.number} at ${time}.`,
    });
    return reply;
  };

  useEffect(() => {
    if (!copy?.unsaved || problems.length > 0) return;
    const timer = setTimeout(() => void save(), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [copy, problems.length]);

  const replace = (next: WorkingCopy | undefined) => {
    setResumable(undefined);
    setSaving(undefined);
    latest.current = next;
    setCopy(next);
    if (next) keepWorkingCopy(localStorage, me.subject, next);
    else forgetWorkingCopy(localStorage, me.subject);
  };

  return {
    copy,
    resumable,
    problems,
    validated,
    saving,
    start: (from) => replace(workingCopyOf(from.meta.version, from.content, "")),
    edit: (change) => update((now) => ({ ...now, content: change(now.content), unsaved: true })),
    setDetails: (details) => update((now) => ({ ...now, ...details, unsaved: true })),
    resume: () => replace(resumable),
    discard: async () => {
      const request = (latest.current ?? resumable)?.request;
      replace(undefined);
      if (request?.draft) await api.step(request.number, "withdraw");
    },
    save,
    editRequest: (request) =>
      replace({
        baseVersion: request.baseVersion,
        content: request.content,
        title: request.title,
        allowPastChanges: request.allowPastChanges === true,
        allowRemovals: request.allowRemovals === true,
        request: {
          number: request.number,
          revision: request.revision,
          draft: request.state === "draft",
        },
        unsaved: false,
      }),
    finish: () => replace(undefined),
    rebase: async (base, onto) => {
      const now = latest.current;
      if (!now) return { kind: "error", text: "There is no working copy." };
      const version = { version: onto.meta.version, content: onto.content };
      const first = rebaseContent(base, version, now.content);
      if (!first.ok) return first.said;
      const request = now.request && (await rebaseRequest(api, now.request));
      if (request && !request.ok) return request.said;
      // Edits made while the server answered are carried too; a conflict they make stops it here.
      const current = latest.current ?? now;
      const rebased = current === now ? first : rebaseContent(base, version, current.content);
      if (!rebased.ok) return rebased.said;
      update((copy) => ({
        ...copy,
        baseVersion: onto.meta.version,
        content: rebased.content,
        request: request ? request.request : copy.request,
        unsaved: true,
      }));
      return {
        kind: "done",
        text: `Your working copy is up to date with version ${onto.meta.version}: its changes are made on it now. Check them, and the impact, again.`,
      };
    },
  };
};
