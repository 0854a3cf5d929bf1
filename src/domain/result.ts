// Errors are values at boundaries: an expected failure (a malformed file, a refused push, a
// missing metric) comes back as `{ok: false, error}` for the caller to report; `throw` is for bugs.
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
