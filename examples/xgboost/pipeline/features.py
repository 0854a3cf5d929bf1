"""Splits the diabetes data set into train, validation and test CSV files with a fixed seed."""
import os

from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

from kiln import config, log_metrics

settings = config()
seed = settings.get("seed", 42)
frame = load_diabetes(as_frame=True).frame
rest, test = train_test_split(frame, test_size=settings.get("test", 0.2), random_state=seed)
validation_share = settings.get("validation", 0.2) / (1 - settings.get("test", 0.2))
train, validation = train_test_split(rest, test_size=validation_share, random_state=seed)

os.makedirs("build/features", exist_ok=True)
for name, split in (("train", train), ("validation", validation), ("test", test)):
    split.to_csv(f"build/features/{name}.csv", index=False)
print(f"train {len(train)}, validation {len(validation)}, test {len(test)} rows")
log_metrics(train_rows=len(train), validation_rows=len(validation), test_rows=len(test))
