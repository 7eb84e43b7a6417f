import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ordered } from "../../core/ordered.js";

const byValue = (a: { value: number }, b: { value: number }) => a.value - b.value;

describe("ordered", () => {
  it("gives back the list itself when it is in order already", () => {
    const items = [{ value: 1 }, { value: 1 }, { value: 3 }];
    expect(ordered(items, byValue)).toBe(items);
  });

  it("orders as a sort does, short lists and long, equal items in their order, and leaves the list as it was", () => {
    const items = fc.array(fc.record({ value: fc.integer({ min: 0, max: 5 }), id: fc.nat() }), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(items, (list) => {
        const before = [...list];
        expect(ordered(list, byValue)).toEqual([...list].sort(byValue));
        expect(list).toEqual(before);
      }),
    );
  });
});
