"""Scores the trained model on the test split that neither training nor promotion has seen."""
import json

import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from xgboost import XGBRegressor

from kiln import log_metrics

test = pd.read_csv("build/features/test.csv")
features = [c for c in test.columns if c != "target"]
model = XGBRegressor()
model.load_model("build/model.json")
predictions = model.predict(test[features])
result = {
    "rows": len(test),
    "test_mae": float(mean_absolute_error(test["target"], predictions)),
    "test_r2": float(r2_score(test["target"], predictions)),
}
with open("build/evaluation.json", "w", encoding="utf-8") as handle:
    json.dump(result, handle, indent=2)
print(f"test MAE {result['test_mae']:.2f} on {result['rows']} rows")
log_metrics(test_mae=result["test_mae"], test_r2=result["test_r2"])
