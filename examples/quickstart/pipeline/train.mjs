// Trains a linear regression by mini-batch gradient descent and logs the loss of every epoch.
import { readFileSync, writeFileSync } from "node:fs";
import { config, logMetrics, logSeries } from "kiln-ml/step";
import { predict, score } from "./regression.mjs";

const train = JSON.parse(readFileSync("build/features/train.json", "utf8"));
const validation = JSON.parse(readFileSync("build/features/validation.json", "utf8"));
const { names } = JSON.parse(readFileSync("build/features/schema.json", "utf8"));
const { epochs = 60, learning_rate: rate = 0.05, batch_size: batchSize = 32, l2 = 0 } = config();

const model = { features: names, weights: names.map(() => 0), bias: 0 };
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let start = 0; start < train.y.length; start += batchSize) {
    const end = Math.min(start + batchSize, train.y.length);
    const gradient = names.map(() => 0);
    let gradientBias = 0;
    for (let i = start; i < end; i++) {
      const error = predict(model, train.x[i]) - train.y[i];
      for (let j = 0; j < names.length; j++) gradient[j] += error * train.x[i][j];
      gradientBias += error;
    }
    const n = end - start;
    for (let j = 0; j < names.length; j++) model.weights[j] -= rate * (gradient[j] / n + l2 * model.weights[j]);
    model.bias -= (rate * gradientBias) / n;
  }
  const trainScore = score(model, train);
  const validationScore = score(model, validation);
  logSeries(epoch, { train_mae: trainScore.mae, val_mae: validationScore.mae });
}
const final = score(model, validation);
console.log(`validation MAE ${final.mae.toFixed(3)} mpg, R² ${final.r2.toFixed(3)} after ${epochs} epochs`);
writeFileSync("build/model.json", JSON.stringify({ kind: "linear-regression", ...model, config: { epochs, rate, batchSize, l2 } }, null, 2));
logMetrics({ val_mae: final.mae, val_rmse: final.rmse, val_r2: final.r2 });
