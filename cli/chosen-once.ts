/**
 * A choice made when first asked for and kept: what the CLI acts with (its signer, where it keeps
 * audit heads) is chosen from the environment only by a command that needs it, so commands that
 * sign and keep nothing run without the settings that choice would ask for.
 */
export const chosenOnce = <T>(choose: () => T): (() => T) => {
  let chosen: T | undefined;
  return () => {
    chosen ??= choose();
    return chosen;
  };
};
