import { describe, expect, it } from "vitest";
import { readLayout } from "./editor-layout";

const storage = (value: string | null) => ({ getItem: () => value }) as unknown as Storage;

describe("readLayout", () => {
  it("starts with the palette and minimap hidden on narrow windows", () => {
    expect(readLayout(1024, storage(null))).toEqual({
      palette: false,
      panel: true,
      minimap: false,
    });
    expect(readLayout(1600, storage(null))).toEqual({ palette: true, panel: true, minimap: true });
  });

  it("keeps a saved choice and ignores anything else", () => {
    expect(readLayout(1600, storage('{"panel":false,"minimap":"x"}'))).toEqual({
      palette: true,
      panel: false,
      minimap: true,
    });
    expect(readLayout(1024, storage("{oops"))).toEqual({
      palette: false,
      panel: true,
      minimap: false,
    });
  });
});
