"""The Kiln step protocol in a few lines. Kiln needs none of this: it only reads the files."""
import json
import os


def config():
    """The resolved run config of this asset (environment overrides applied)."""
    path = os.environ.get("KILN_CONFIG")
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def log_metrics(**metrics):
    """Records the final metrics: one JSON object of numbers."""
    path = os.environ.get("KILN_METRICS")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({name: float(value) for name, value in metrics.items()}, handle)


def log_series(step, **values):
    """Appends one point of a per-epoch (per boosting round) series."""
    path = os.environ.get("KILN_SERIES")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"step": step, **{k: float(v) for k, v in values.items()}}) + "\n")
