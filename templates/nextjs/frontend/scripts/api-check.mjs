#!/usr/bin/env node
// Fails when src/lib/api/schema.d.ts is not what openapi-typescript generates from
// openapi.json, i.e. when the typed client drifted from the API contract.
// Fix: refresh openapi.json from the backend (`make openapi`), then `npm run api:types`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const committed = path.join(root, "src", "lib", "api", "schema.d.ts");
const dir = mkdtempSync(path.join(tmpdir(), "api-check-"));
const fresh = path.join(dir, "schema.d.ts");

try {
  execFileSync(path.join(root, "node_modules", ".bin", "openapi-typescript"), ["openapi.json", "--output", fresh], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const want = readFileSync(fresh, "utf8");
  const have = readFileSync(committed, "utf8");
  if (want !== have) {
    const wantLines = want.split("\n");
    const haveLines = have.split("\n");
    const line = wantLines.findIndex((text, i) => text !== haveLines[i]);
    console.error(`api:check: src/lib/api/schema.d.ts is out of date with openapi.json (first difference at line ${line + 1}).`);
    console.error("Run `npm run api:types` and commit the result.");
    process.exitCode = 1;
  } else {
    console.log("api:check: src/lib/api/schema.d.ts matches openapi.json");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
