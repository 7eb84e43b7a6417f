import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ChangeRequest } from "../../admin/change-request.js";
import { validateForPublish } from "../../core/publish-checks.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { RuleSet } from "../../core/rule-set.js";
import type { AdminApi } from "./admin-api.js";
import type { Me, Reply, RequestStep, StoredVersion } from "./api-types.js";
import type { Content } from "./content.js";
import type { Said } from "./use-action.js";
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
}

const draftTitle = (me: Me): string => `Working copy of ${me.name}`;

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
export const useWorkingCopy = (api: AdminApi, me: Me): WorkingCopyControl => {
  const [copy, setCopy] = useState<WorkingCopy | undefined>();
  const [resumable, setResumable] = useState(() => keptWorkingCopy(localStorage, me.subject));
  const [saving, setSaving] = useState<Said | undefined>();
  const latest = useRef(copy);
  latest.current = copy;
  const inFlight = useRef<Promise<unknown> | undefined>(undefined);

  const checked = useMemo(() => copy && validateForPublish(copy.content), [copy?.content]);
  const problems = checked && !checked.ok ? checked.error : [];
  const validated = checked?.ok ? checked.value : undefined;

  useEffect(() => {
    // Until the person answers the offer to resume, the copy kept is left as it is.
    if (copy) keepWorkingCopy(localStorage, me.subject, copy);
  }, [copy]);

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
      setSaving({
        kind: "error",
        text: `Not saved (${reply.problem.detail ?? "the server refused"}): your working copy is kept in this browser.`,
      });
      return reply;
    }
    setCopy((now) => now && savedAs(now, sent, reply.value));
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
    setCopy(next);
    if (!next) forgetWorkingCopy(localStorage, me.subject);
  };

  return {
    copy,
    resumable,
    problems,
    validated,
    saving,
    start: (from) => replace(workingCopyOf(from.meta.version, from.content, "")),
    edit: (change) =>
      setCopy((now) => now && { ...now, content: change(now.content), unsaved: true }),
    setDetails: (details) => setCopy((now) => now && { ...now, ...details, unsaved: true }),
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
  };
};
