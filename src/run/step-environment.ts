// The environment a step starts from, before the manifest's `env` values and Kiln's KILN_*
// variables are added (docs/manifest.md "The step's environment" states the same rules).
//
// In GitHub Actions (GITHUB_ACTIONS=true) the step runs inside the Kiln action's process, whose
// environment holds the action's own credentials: its inputs (`INPUT_GITHUB-TOKEN`), the runner's
// tokens for the results service and OIDC (`ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_*`,
// `ACTIONS_RESULTS_URL`), the job token, the Slack webhook, and every secret the generated job
// mapped for any asset. None of that is the step's business, so there the step gets an explicit
// allow-list: the runner's ordinary variables and the toolchain variables its image and `setup`
// steps set. Anything else a step needs, the manifest gives it (`env:`), secrets included —
// `GH_TOKEN: { secret: GITHUB_TOKEN }` passes the job token on purpose.
//
// Locally (`kiln run` on a laptop) the user's shell is the step's environment, as with make or
// DVC: an activated venv or conda environment, CUDA settings and the user's own variables pass
// through. Only the secrets the manifest declares are held back (they reach a step under the
// names the manifest gives them, and only the steps whose env names them), with Kiln's own
// credential (the Slack webhook).

import { SecretMasker } from "../domain/secret-mask.js";

/** Runner variables a step may see in Actions, by exact name. */
const ACTIONS_NAMES = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "HOSTNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "TMPDIR",
  "TMP",
  "TEMP",
  "CI",
  // Toolchains set by the runner image or `setup` steps (actions/setup-python, conda, CUDA images).
  "pythonLocation",
  "PYTHONPATH",
  "PYTHONUNBUFFERED",
  "PYTHONHASHSEED",
  "VIRTUAL_ENV",
  "LD_LIBRARY_PATH",
  "PKG_CONFIG_PATH",
  "ImageOS",
  "ImageVersion",
  "AGENT_TOOLSDIRECTORY",
  "DEBIAN_FRONTEND",
]);

/**
 * Runner variables a step may see in Actions, by prefix or suffix: locale, the runner's facts
 * (RUNNER_OS, RUNNER_TEMP, RUNNER_TOOL_CACHE), the run's context (GITHUB_SHA, GITHUB_REF,
 * GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_EVENT_PATH…), tool locations (JAVA_HOME, CUDA_HOME,
 * Python3_ROOT_DIR) and tool settings (CONDA_*, CUDA_*, NVIDIA_*, PIP_*, OMP_*).
 */
const ACTIONS_PATTERN =
  /^(LC_\w+|RUNNER_\w+|GITHUB_\w+|XDG_\w+|CONDA\w*|MAMBA\w*|CUDA_\w+|NVIDIA_\w+|PIP_\w+|UV_\w+|OMP_\w+|MKL_\w+|\w+_HOME|\w+_ROOT(_DIR)?)$/;

/**
 * Never passed in Actions, even when the allow-list matches: the runner's files for the action's
 * outputs, env, path and state (a step writing them would change what later steps of the job see),
 * the job summary Kiln writes, and the job token.
 */
const ACTIONS_DENIED = new Set([
  "GITHUB_TOKEN",
  "GITHUB_OUTPUT",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_ACTION_PATH",
]);

/** Names that hold credentials by convention: never passed in Actions unless the manifest maps them. */
const CREDENTIAL_NAME = /TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH|WEBHOOK/i;

/** Kiln's own credentials: never a step's, locally or in Actions. */
const KILN_CREDENTIALS = new Set(["KILN_SLACK_WEBHOOK"]);

/**
 * Kiln's own credentials in its process, which no text Kiln keeps or sends may show: the job token
 * (and the GitHub CLI's), the action's `github-token` input, the runner's tokens
 * (`ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`) and the Slack webhook.
 */
function isKilnCredential(name: string): boolean {
  return (
    KILN_CREDENTIALS.has(name) ||
    name === "GITHUB_TOKEN" ||
    name === "GH_TOKEN" ||
    (/^(INPUT_|ACTIONS_)/.test(name) && CREDENTIAL_NAME.test(name))
  );
}

/**
 * The masker for every text Kiln keeps or sends from a command it runs (a step's log and records,
 * an observe command's error in the cursor, the failure issue and Slack): every secret Kiln knows
 * in this process — the manifest's secret sources (`secretSources`) that `base` sets, and Kiln's
 * own credentials. A command may hold a secret under another name than Kiln's (a `setup` step's
 * credentials file, a variable it exported), so the value is masked wherever it shows.
 */
export function knownSecretsMasker(
  base: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
): SecretMasker {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(base))
    if (value && (secretSources.has(name) || isKilnCredential(name))) secrets.push(value);
  return new SecretMasker(secrets);
}

export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/** Whether a variable of the process that runs Kiln passes into a step (before the manifest's env). */
export function passesToStep(name: string, inActions: boolean): boolean {
  if (KILN_CREDENTIALS.has(name)) return false;
  if (!inActions) return true;
  if (ACTIONS_DENIED.has(name) || CREDENTIAL_NAME.test(name)) return false;
  return ACTIONS_NAMES.has(name) || ACTIONS_PATTERN.test(name);
}

/**
 * The variables a step starts from: `base` filtered by the rules above, without any variable the
 * manifest names as a secret source (`secretSources`).
 */
export function stepBaseEnvironment(
  base: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
): NodeJS.ProcessEnv {
  return filtered(base, secretSources, passesToStep);
}

/** `base` without the manifest's secret sources and whatever `passes` refuses. */
function filtered(
  base: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
  passes: (name: string, inActions: boolean) => boolean,
): NodeJS.ProcessEnv {
  const inActions = inGitHubActions(base);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || secretSources.has(name)) continue;
    if (passes(name, inActions)) env[name] = value;
  }
  return env;
}

/**
 * The variables a source's `observe` command starts from. Unlike a step it has no `env` of its
 * own, and it often needs what the job's `setup` steps left for it (cloud credentials and region
 * from a configure-credentials action, a tool's settings), so it keeps the job's environment,
 * minus what is Kiln's and not the manifest's to use: in Actions the action's inputs (its
 * `github-token`), the runner's `ACTIONS_*` tokens and URLs, the job token and the runner's command
 * files; everywhere Kiln's own credentials and the secrets the manifest maps to steps
 * (`secretSources`), which reach only the steps whose `env` names them.
 */
export function observeEnvironment(
  base: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
): NodeJS.ProcessEnv {
  return filtered(base, secretSources, passesToObserve);
}

function passesToObserve(name: string, inActions: boolean): boolean {
  if (KILN_CREDENTIALS.has(name)) return false;
  return !inActions || !(ACTIONS_DENIED.has(name) || /^(INPUT_|ACTIONS_)/.test(name));
}
