#!/usr/bin/env node
// Fails when the typed client drifted from the API contract:
// - with an argument (`make api-check` passes the backend's fresh OpenAPI dump), when
//   openapi.json is not that document;
// - always, when src/lib/api/schema.d.ts is not what openapi-typescript generates from
//   openapi.json.
// Fix: `make api-types` (refreshes openapi.json from the backend and regenerates the types).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The 1-based number of the first line where two texts differ. */
function firstDifference(want, have) {
  const wantLines = want.split("\n");
  const haveLines = have.split("\n");
  return wantLines.findIndex((text, i) => text !== haveLines[i]) + 1;
}

function check(label, want, have) {
  if (want === have) return true;
  console.error(`api:check: ${label} (first difference at line ${firstDifference(want, have)}).`);
  return false;
}

const backendDump = process.argv[2];
let ok = true;
if (backendDump) {
  ok = check(
    "openapi.json is out of date with the backend's OpenAPI",
    readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), backendDump), "utf8"),
    readFileSync(path.join(root, "openapi.json"), "utf8"),
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "api-check-"));
try {
  const fresh = path.join(dir, "schema.d.ts");
  execFileSync(path.join(root, "node_modules", ".bin", "openapi-typescript"), ["openapi.json", "--output", fresh], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  ok =
    check(
      "src/lib/api/schema.d.ts is out of date with openapi.json",
      readFileSync(fresh, "utf8"),
      readFileSync(path.join(root, "src", "lib", "api", "schema.d.ts"), "utf8"),
    ) && ok;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (ok) {
  console.log(`api:check: ${backendDump ? "openapi.json matches the backend and " : ""}schema.d.ts matches openapi.json`);
} else {
  console.error("Run `make api-types` at the project root and commit the result.");
  process.exitCode = 1;
}
