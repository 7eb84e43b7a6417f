import { useEffect, useState } from "preact/hooks";
import type { AdminApi } from "./admin-api.js";
import type { Content } from "./content.js";
import { useStudio } from "./studio-context.js";

/** Versions never change once published, so each is read once per page. */
const read = new Map<number, Promise<Content | undefined>>();

const contentOf = (api: AdminApi, version: number): Promise<Content | undefined> => {
  const known = read.get(version);
  if (known) return known;
  const reading = api.version(version).then((reply) => {
    // A read that failed is tried again next time.
    if (!reply.ok) read.delete(version);
    return reply.ok ? reply.value.content : undefined;
  });
  read.set(version, reading);
  return reading;
};

/** A version's rules, read when first asked for; undefined while it is read, or for no version. */
export const useVersionContent = (version: number | null | undefined): Content | undefined => {
  const { api, active } = useStudio();
  const [content, setContent] = useState<Content | undefined>();
  useEffect(() => {
    setContent(undefined);
    if (version === null || version === undefined) return;
    if (active?.meta.version === version) return setContent(active.content);
    let current = true;
    void contentOf(api, version).then((found) => current && setContent(found));
    return () => {
      current = false;
    };
  }, [version, active]);
  return content;
};
