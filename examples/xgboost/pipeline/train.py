"""Trains an XGBRegressor and logs train/validation MAE for every boosting round."""
import os

import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from xgboost import XGBRegressor

from kiln import config, log_metrics, log_series

settings = config()
train = pd.read_csv("build/features/train.csv")
validation = pd.read_csv("build/features/validation.csv")
features = [c for c in train.columns if c != "target"]

model = XGBRegressor(
    n_estimators=settings.get("n_estimators", 200),
    max_depth=settings.get("max_depth", 3),
    learning_rate=settings.get("learning_rate", 0.05),
    random_state=0,
    n_jobs=1,
    eval_metric="mae",
)
model.fit(
    train[features],
    train["target"],
    eval_set=[(train[features], train["target"]), (validation[features], validation["target"])],
    verbose=False,
)
history = model.evals_result()
for round_index, (train_mae, val_mae) in enumerate(
    zip(history["validation_0"]["mae"], history["validation_1"]["mae"]), start=1
):
    log_series(round_index, train_mae=train_mae, val_mae=val_mae)

predictions = model.predict(validation[features])
mae = mean_absolute_error(validation["target"], predictions)
rmse = mean_squared_error(validation["target"], predictions) ** 0.5
r2 = r2_score(validation["target"], predictions)
os.makedirs("build", exist_ok=True)
model.save_model("build/model.json")
print(f"validation MAE {mae:.2f}, RMSE {rmse:.2f}, R² {r2:.3f}")
log_metrics(mae=mae, rmse=rmse, r2=r2)
