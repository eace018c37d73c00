// `npm start` runs the server with a capped heap (issue 17); the browser tests and the benchmark read the same
// flags from package.json, so a start command they cannot read must fail here, not silently drop the cap.
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../server/node-flags.mjs";

describe("the server's Node flags", () => {
  it("are read from npm start's command: a 192 MB old space and 8 MB semi-spaces", () => {
    expect(serverNodeFlags()).toEqual(["--max-old-space-size=192", "--max-semi-space-size=8"]);
  });
});
