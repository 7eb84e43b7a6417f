import { useEffect, useState } from "preact/hooks";
import { hashOf, type Route, RULES, routeOf } from "./route.js";

/** The page the address names, following the back and forward buttons. */
export const useRoute = (): [Route, (hash: string) => void] => {
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash) ?? RULES);
  useEffect(() => {
    const follow = () => {
      const next = routeOf(location.hash);
      if (next) setRoute(next);
    };
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  const go = (hash: string) => {
    const next = routeOf(hash);
    if (!next) return;
    if (location.hash !== hashOf(next)) location.hash = hashOf(next);
    setRoute(next);
  };
  return [route, go];
};
