"""Kiln's step helper for Python: the step protocol in four functions, no dependencies.

Kiln puts this file's folder on PYTHONPATH for every step it runs, so a step only writes
``import kiln``. Outside Kiln (``python train.py`` by hand) the functions still work: ``config()``
is empty and metrics and series are printed instead of recorded.

    import kiln

    settings = kiln.config()                      # the asset's resolved config (KILN_CONFIG)
    for epoch in range(1, settings.get("epochs", 10) + 1):
        kiln.log_series(epoch, train_loss=0.4, val_loss=0.5)   # one point per epoch (KILN_SERIES)
    kiln.log_metrics(val_mae=2.51, val_r2=0.83)   # final metrics (KILN_METRICS)
    with open(kiln.output_path("build/model.json"), "w") as f:  # parent folders are created
        ...

A value that is not a finite number (NaN, inf) is recorded as not-a-number: Kiln warns about it in
the run summary, a check on it fails, and it never wins a promotion. It does not crash the step.
A series step is different: a point is drawn at its step, so ``log_series`` raises ValueError for
a NaN or infinite step.
"""

import json
import math
import os
import sys

__all__ = ["config", "log_metrics", "log_series", "output_path"]


def config():
    """The asset's resolved run config (environment overrides applied), as a dict."""
    path = os.environ.get("KILN_CONFIG")
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _number(kind, name, value):
    """float(value) for anything numeric (int, numpy scalars, 0-d tensors); a clear error otherwise."""
    if isinstance(value, bool):
        value = int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"kiln: {kind} {name!r} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        # json.dumps writes NaN / Infinity / -Infinity tokens, which Kiln reads and reports.
        print(f"kiln: warning: {kind} {name!r} is {number!r}; recorded as not-a-number", file=sys.stderr)
    return number


def _read_metrics(path):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return {}
    return json.loads(text) if text.strip() else {}


def log_metrics(**metrics):
    """Records final metrics, e.g. ``log_metrics(mae=61.2, r2=0.43)``. Later calls add to or
    replace earlier names, so metrics can be logged as they are computed."""
    values = {name: _number("metric", name, value) for name, value in metrics.items()}
    path = os.environ.get("KILN_METRICS")
    if not path:
        print(f"metrics: {json.dumps(values)}")
        return
    merged = {**_read_metrics(path), **values}
    # Write beside and rename: Kiln never reads a half-written file, even if the step is killed.
    partial = f"{path}.partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(merged, handle)
    os.replace(partial, path)


def log_series(step, **values):
    """Appends one point of a per-epoch (per round, per batch) series, e.g.
    ``log_series(3, train_loss=0.41, val_loss=0.52)``. Shown live while the step runs and drawn as
    a chart in reports."""
    if isinstance(step, bool):
        step = int(step)
    try:
        at = float(step)
    except (TypeError, ValueError):
        raise TypeError(f"kiln: series step must be a number, not {step!r}") from None
    if not math.isfinite(at):
        # A point is drawn at its step, and Kiln refuses a series line without one.
        raise ValueError(f"kiln: series step must be a finite number, not {at!r}")
    point = {"step": at}
    if at.is_integer():
        point["step"] = int(point["step"])
    point.update({name: _number("series", name, value) for name, value in values.items()})
    line = json.dumps(point) + "\n"
    path = os.environ.get("KILN_SERIES")
    if not path:
        print(f"series: {line}", end="")
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()


def output_path(name):
    """The path to write the declared output ``name`` to (relative to the manifest's folder),
    with its parent folders created."""
    root = os.environ.get("KILN_ROOT") or os.getcwd()
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    return path
