"""Prints the version of the external data: scikit-learn's version and a hash of the data set."""
import hashlib

import sklearn
from sklearn.datasets import load_diabetes

frame = load_diabetes(as_frame=True).frame
digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()[:16]
print(f"scikit-learn {sklearn.__version__} diabetes sha256:{digest}")
