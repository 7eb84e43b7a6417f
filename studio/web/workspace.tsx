import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { validateRuleSet } from "../../core/validate.js";
import type { AdminApi } from "./admin-api.js";
import type { Me, RequestList } from "./api-types.js";
import { EMPTY_CONTENT, keyWords } from "./content.js";
import { NO_FILTER } from "./grid-rows.js";
import { focusNewPage, MAIN_ID } from "./page-heading.js";
import { RequestPage } from "./request-page.js";
import { RequestsPage } from "./requests-page.js";
import { RulesPage } from "./rules-page.js";
import { actorOf, type Studio, StudioContext } from "./studio-context.js";
import { StudioHeader } from "./studio-header.js";
import { usePoll } from "./use-poll.js";
import { useRoute } from "./use-route.js";
import { useVersions } from "./use-versions.js";
import { useWorkingCopy } from "./use-working-copy.js";
import { VersionsPage } from "./versions-page.js";

/** The signed-in studio: the header, what changed meanwhile, and the page the address names. */
export const Workspace = ({
  api,
  me,
  onSignOut,
}: {
  api: AdminApi;
  me: Me;
  onSignOut: () => void;
}) => {
  const versions = useVersions(api);
  const working = useWorkingCopy(api, me, () => void versions.refresh());
  const [requests, setRequests] = useState<RequestList | undefined>();
  const [route, go] = useRoute();
  const [filter, setFilter] = useState(NO_FILTER);
  // Enter in the search, counted: each press takes the focus to the first rule found.
  const [toResults, setToResults] = useState(0);

  // A page gone to takes the focus, as a new page would; the first one, loaded, leaves it alone.
  const routed = useRef(false);
  useEffect(() => {
    if (routed.current) focusNewPage();
    routed.current = true;
  }, [route]);

  const readRequests = async () => {
    const read = await api.requests();
    if (read.ok) setRequests(read.value);
  };
  useEffect(() => void readRequests(), []);
  usePoll(() => void readRequests());

  const people = useMemo(() => ({ ...requests?.people, [actorOf(me)]: me.name }), [requests, me]);
  const active = versions.active;
  // Checked once per version read, for every part of the page that asks the core about it.
  const activeRules = useMemo(() => {
    const checked = active && validateRuleSet(active.content);
    return checked?.ok ? checked.value : undefined;
  }, [active]);
  const shown = working.copy?.content ?? active?.content ?? EMPTY_CONTENT;
  const words = useMemo(() => {
    const all = keyWords(shown, active?.content ?? EMPTY_CONTENT);
    for (const [actor, name] of Object.entries(people)) all.set(actor, name);
    return all;
  }, [shown, active, people]);

  const studio: Studio = {
    api,
    me,
    people,
    versions: versions.list,
    active,
    activeRules,
    words,
    shown,
    refresh: async () => {
      await Promise.all([versions.refresh(true), readRequests()]);
    },
    readActive: () => versions.refresh(),
    go,
  };

  const search = (text: string) => {
    setFilter((now) => ({ ...now, search: text }));
    if (route.page !== "rules") go("#/rules");
  };

  return (
    <StudioContext.Provider value={studio}>
      <StudioHeader
        search={filter.search}
        onSearch={search}
        onSearchEnter={() => setToResults((presses) => presses + 1)}
        route={route}
        openRequests={requests?.requests.filter((request) => request.open).length}
        onSignOut={onSignOut}
      />
      <p class={versions.notice ? "version-notice" : "version-notice empty"} role="status">
        {versions.notice}
      </p>
      <main id={MAIN_ID} tabIndex={-1}>
        {versions.failure && (
          <p class="message error" role="alert">
            {versions.failure}
          </p>
        )}
        {route.page === "rules" && (
          <RulesPage filter={filter} onFilter={setFilter} working={working} toResults={toResults} />
        )}
        {route.page === "requests" && <RequestsPage list={requests} />}
        {route.page === "request" && (
          <RequestPage key={route.number} number={route.number} working={working} />
        )}
        {route.page === "versions" && <VersionsPage />}
      </main>
    </StudioContext.Provider>
  );
};
