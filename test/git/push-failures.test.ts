// How the ledger tells a failure another attempt cannot fix (no permission, no such repository)
// from a network blip or a lost race, from git's own words: a remote's URL or name can hold any
// word ("acme/permission-model", "loan-denied") and must not decide it.
import { describe, expect, it } from "vitest";
import { isPermanentFailure, isPermissionDenied } from "../../src/git/ledger-branch.js";

describe("push and fetch failures", () => {
  it("are judged by git's words, not by words in the remote's URL", () => {
    const transient = [
      "fatal: unable to access 'https://github.com/acme/permission-model/': The requested URL returned error: 503",
      "error: failed to push some refs to 'https://github.com/acme/loan-denied.git'",
      "fatal: unable to access 'https://github.com/acme/auth-denied/': Could not resolve host: github.com",
      "error: RPC failed; HTTP 502 curl 22 The requested URL returned error: 502 (https://x/denied.git)",
    ];
    for (const message of transient) {
      expect(isPermanentFailure(message), message).toBe(false);
      expect(isPermissionDenied(message), message).toBe(false);
    }
    const denied = [
      "remote: Permission to acme/churn.git denied to github-actions[bot].; fatal: unable to access 'https://github.com/acme/churn/': The requested URL returned error: 403",
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      "remote: Invalid username or password.; fatal: Authentication failed for 'https://github.com/acme/churn/'",
    ];
    for (const message of denied) {
      expect(isPermanentFailure(message), message).toBe(true);
      expect(isPermissionDenied(message), message).toBe(true);
    }
    const gone = [
      "fatal: repository 'https://github.com/acme/gone/' not found",
      "ERROR: Repository not found.; fatal: Could not read from remote repository.",
      "fatal: 'upstream' does not appear to be a git repository",
    ];
    for (const message of gone) {
      expect(isPermanentFailure(message), message).toBe(true);
      expect(isPermissionDenied(message), message).toBe(false);
    }
  });
});
