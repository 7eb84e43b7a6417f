import { useMemo, useState } from "preact/hooks";
import { ActionMessage } from "./action-message.js";
import type { VersionDiff } from "./api-types.js";
import { DiffView } from "./diff-view.js";
import { diffInWords } from "./diff-words.js";
import { useStudio } from "./studio-context.js";
import { useAction } from "./use-action.js";
import { useVersionContent } from "./use-version-content.js";

const VersionSelect = ({
  id,
  label,
  value,
  versions,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  versions: readonly number[];
  onChange: (version: number) => void;
}) => (
  <div class="field">
    <label for={id}>{label}</label>
    <select
      id={id}
      value={String(value)}
      onChange={(event) => onChange(Number(event.currentTarget.value))}
    >
      {versions.map((version) => (
        <option key={version} value={String(version)}>
          Version {version}
        </option>
      ))}
    </select>
  </div>
);

/** Any two versions side by side: the rules the second adds, removes and changes, field by field. */
export const CompareVersions = ({ versions }: { versions: readonly number[] }) => {
  const { api } = useStudio();
  const action = useAction();
  const [from, setFrom] = useState(versions[1] ?? versions[0] ?? 1);
  const [to, setTo] = useState(versions[0] ?? 1);
  const [compared, setCompared] = useState<VersionDiff | undefined>();
  const before = useVersionContent(compared?.from);
  const after = useVersionContent(compared?.to);
  const lines = useMemo(
    () => (compared && before && after ? diffInWords(compared.diff, before, after) : undefined),
    [compared, before, after],
  );
  if (versions.length < 2) return null;
  const compare = async () => {
    if (action.busy) return;
    const read = await action.run(
      "Comparing…",
      () => api.diff(from, to),
      () => "",
    );
    if (read) setCompared(read);
  };
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two versions</h2>
      <div class="compare-form">
        <VersionSelect
          id="compare-from"
          label="From"
          value={from}
          versions={versions}
          onChange={setFrom}
        />
        <VersionSelect id="compare-to" label="To" value={to} versions={versions} onChange={setTo} />
        <button type="button" onClick={() => void compare()}>
          Compare
        </button>
      </div>
      <ActionMessage id="compare-message" said={action.said?.text ? action.said : undefined} />
      {compared && lines && (
        <DiffView
          lines={lines}
          caption={`From version ${compared.from} to version ${compared.to}`}
        />
      )}
    </section>
  );
};
