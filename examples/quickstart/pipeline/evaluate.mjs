// Scores the trained model on the test split that neither training nor promotion has seen.
import { readFileSync, writeFileSync } from "node:fs";
import { logMetrics } from "kiln-ml/step";
import { score } from "./regression.mjs";

const model = JSON.parse(readFileSync("build/model.json", "utf8"));
const test = JSON.parse(readFileSync("build/features/test.json", "utf8"));
const result = score(model, test);
writeFileSync("build/evaluation.json", JSON.stringify({ rows: test.y.length, ...result }, null, 2));
console.log(`test MAE ${result.mae.toFixed(3)} mpg on ${test.y.length} cars`);
logMetrics({ test_mae: result.mae, test_rmse: result.rmse, test_r2: result.r2 });
