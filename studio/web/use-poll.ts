import { useEffect } from "preact/hooks";

/** How often the page reads again what others may have changed. */
export const POLL_MS = 15_000;

/**
 * Reads again every 15 seconds, and whenever the person comes back to the window: what others
 * published or approved meanwhile reaches the screen without a reload.
 */
export const usePoll = (read: () => void): void =>
  useEffect(() => {
    const timer = setInterval(read, POLL_MS);
    addEventListener("focus", read);
    return () => {
      clearInterval(timer);
      removeEventListener("focus", read);
    };
  }, []);
