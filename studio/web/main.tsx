import { type ComponentChildren, render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { validateForPublish } from "../../core/publish-checks.js";
import type { RuleSet } from "../../core/rule-set.js";
import { EMPTY_RULE_SET, validateRuleSet } from "../../core/validate.js";
import { api, type RequestList, type StoredVersion, type VersionList } from "./api.js";
import { AuditTable } from "./audit-table.js";
import { MoveForm } from "./changes.js";
import { addProcedure, type Draft } from "./draft.js";
import { RequestsTable } from "./requests-table.js";
import { ProcedureEditor } from "./rule-editor.js";
import { type Candidate, TryPanel } from "./try-panel.js";
import { VersionsTable, VersionView } from "./versions-view.js";

/** A version as read, and its rules where they validate: checked once, as it never changes. */
interface Loaded {
  readonly stored: StoredVersion;
  readonly rules: RuleSet | undefined;
}

const loaded = (stored: StoredVersion): Loaded => {
  const validated = validateRuleSet(stored.content);
  return { stored, rules: validated.ok ? validated.value : undefined };
};

const App = () => {
  const [list, setList] = useState<VersionList | undefined>();
  // The change requests, or why they could not be read (the versions are shown either way).
  const [requests, setRequests] = useState<RequestList | string>("Loading change requests…");
  const [versions, setVersions] = useState(new Map<number, Loaded>());
  const [viewed, setViewed] = useState<number | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [rollbackTo, setRollbackTo] = useState<number | undefined>();
  const [notice, setNotice] = useState<ComponentChildren>("");
  // The draft is checked again only when it changes, not on every render.
  const checked = useMemo(() => draft && validateForPublish(draft.content), [draft]);

  const load = async (version: number): Promise<Loaded | undefined> => {
    const known = versions.get(version);
    if (known) return known;
    const answer = await api.version(version);
    if (answer.status !== 200) return undefined;
    const read = loaded(answer.body);
    setVersions((all) => new Map(all).set(version, read));
    return read;
  };
  const refresh = async () => {
    const [answer, listed] = await Promise.all([api.versions(), api.requests()]);
    setRequests(
      listed.status === 200
        ? listed.body
        : (listed.body.error ?? "the change requests could not be read"),
    );
    if (answer.status !== 200)
      return setNotice(answer.body.error ?? "the versions could not be read");
    setList(answer.body);
    if (answer.body.active !== null) {
      await load(answer.body.active);
      setViewed((v) => v ?? answer.body.active ?? undefined);
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  if (!list) return <p role="status">{notice || "Loading versions…"}</p>;
  const active = list.active === null ? undefined : versions.get(list.active);
  const activeRules = active?.rules ?? EMPTY_RULE_SET;
  const problems = checked && !checked.ok ? checked.error : [];
  const draftRules = checked?.ok ? checked.value : undefined;
  const candidates: Candidate[] = [
    ...(draftRules ? [{ name: "the draft", ruleSet: draftRules }] : []),
    ...[...versions.entries()].flatMap(([version, { rules }]) =>
      rules ? [{ name: `version ${version}`, ruleSet: rules }] : [],
    ),
  ];
  const startDraft = async () => {
    const from = list.active === null ? undefined : await load(list.active);
    setDraft({
      baseVersion: list.active,
      content: from ? structuredClone(from.stored.content) : { procedures: [], rules: [] },
    });
  };
  const uploadCsv = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const answer = await api.readCsv(await file.text());
    if (answer.status !== 200) return setNotice(answer.body.error ?? "the file could not be read");
    setDraft(answer.body);
    setNotice(`${file.name} is the draft now (from version ${answer.body.baseVersion ?? "none"})`);
  };
  const moved = async (text: ComponentChildren) => {
    // A version's content never changes once written, so the versions read stay; the lists are new.
    setNotice(text);
    await refresh();
  };
  const target = rollbackTo === undefined ? undefined : versions.get(rollbackTo);
  const shown = viewed === undefined ? undefined : versions.get(viewed);

  return (
    <>
      <header>
        <h1>code-rules studio</h1>
        <p role="status" class="notice">
          {notice}
        </p>
      </header>
      <main>
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <VersionsTable
            list={list}
            onView={(version) => void load(version).then(() => setViewed(version))}
            onRollback={(version) => void load(version).then(() => setRollbackTo(version))}
          />
          <AuditTable entries={list.audit} />
        </section>
        <section aria-labelledby="requests-heading">
          <h2 id="requests-heading">Change requests</h2>
          {typeof requests === "string" ? (
            <p role="alert">{requests}</p>
          ) : (
            <RequestsTable list={requests} />
          )}
        </section>
        {target && rollbackTo !== undefined && (
          <section aria-labelledby="rollback-heading">
            <h2 id="rollback-heading">Roll back to version {rollbackTo}</h2>
            <MoveForm
              id="rollback"
              action={`Roll back to version ${rollbackTo}`}
              note={{ field: "message", label: "Message: why" }}
              askLeave={false}
              before={activeRules}
              after={target.rules}
              against={`of making version ${rollbackTo} active again`}
              blocked={target.rules ? undefined : "this version does not validate"}
              onMove={async ({ note }) => {
                const answer = await api.rollback({
                  version: rollbackTo,
                  expectVersion: list.active,
                  message: note,
                });
                if (answer.status === 200) {
                  setRollbackTo(undefined);
                  await moved(`Version ${rollbackTo} is active again.`);
                }
                return answer;
              }}
            />
          </section>
        )}
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft</h2>
          <div class="actions">
            <button type="button" onClick={() => void startDraft()}>
              {draft
                ? "Start over from the active version"
                : "Start a draft from the active version"}
            </button>
            <label for="upload-csv">Upload a CSV as the draft</label>
            <input id="upload-csv" type="file" accept=".csv,text/csv" onChange={uploadCsv} />
          </div>
          {draft && (
            <>
              <p>
                Started from version {draft.baseVersion ?? "none"}; it is proposed as a change
                request over that version only, and goes live once a second person approves it.
              </p>
              <p
                class={problems.length > 0 ? "problem-count invalid" : "problem-count"}
                aria-live="polite"
              >
                {problems.length === 0
                  ? "No problems: the draft can be proposed for review."
                  : `${problems.length} problem(s): each is shown at its field.`}
              </p>
              {draft.content.procedures.map((procedure, index) => (
                <ProcedureEditor
                  key={index}
                  draft={draft}
                  procedure={procedure}
                  index={index}
                  problems={problems}
                  edit={(change) => setDraft((d) => (d ? change(d) : d))}
                />
              ))}
              <button type="button" onClick={() => setDraft((d) => (d ? addProcedure(d) : d))}>
                Add a procedure
              </button>
              <h3>Propose the draft for review</h3>
              <MoveForm
                id="propose"
                action="Propose for review"
                note={{ field: "title", label: "Title: what changes and why" }}
                askLeave={true}
                before={activeRules}
                after={draftRules}
                against={`against active version ${list.active ?? "none"}`}
                blocked={draftRules ? undefined : "fix the problems first"}
                onMove={async ({ note, allowPastChanges }) => {
                  const answer = await api.propose({
                    content: draft.content,
                    baseVersion: draft.baseVersion,
                    title: note,
                    allowPastChanges,
                  });
                  if (answer.status === 201) {
                    // The draft lives on as the request, in the table; the page edits no requests.
                    const { number, state } = answer.body.request;
                    setDraft(undefined);
                    await moved(
                      <>
                        Change request {number} is {state.replace("-", " ")}: a second person
                        approves it with <code>code-rules change approve {number}</code>.
                      </>,
                    );
                  } else if (answer.status === 409) await refresh(); // the draft stays as it is
                  return answer;
                }}
              />
              {draft.baseVersion !== list.active && (
                <>
                  <p class="hint">
                    Version {list.active ?? "none"} is active now, not version{" "}
                    {draft.baseVersion ?? "none"}: your draft does not hold what changed in between.
                    Proposed over version {list.active ?? "none"} as it is, it undoes those changes,
                    and its impact lists each.
                  </p>
                  <button
                    type="button"
                    onClick={() => setDraft((d) => d && { ...d, baseVersion: list.active })}
                  >
                    Keep my draft as it is, over version {list.active ?? "none"}
                  </button>
                </>
              )}
            </>
          )}
        </section>
        {candidates.length > 0 && <TryPanel candidates={candidates} />}
        {shown && <VersionView stored={shown.stored} />}
      </main>
    </>
  );
};

const root = document.getElementById("studio");
if (root) {
  root.replaceChildren();
  render(<App />, root);
}
