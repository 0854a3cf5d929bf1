"""Prints the version of the external data: scikit-learn's version and a hash of the diabetes data
set's files as that scikit-learn ships them (what load_diabetes reads).

Kiln observes a source before every command that plans, so this stays cheap: it finds the files
without importing scikit-learn, which alone takes about a second to start.
"""
import hashlib
from importlib import metadata, util
from pathlib import Path

data = Path(util.find_spec("sklearn").origin).parent / "datasets" / "data"
digest = hashlib.sha256()
for name in ("diabetes_data_raw.csv.gz", "diabetes_target.csv.gz"):
    digest.update((data / name).read_bytes())
print(f"scikit-learn {metadata.version('scikit-learn')} diabetes sha256:{digest.hexdigest()[:16]}")
