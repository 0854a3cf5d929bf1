// Linear regression helpers shared by training and evaluation.
export function predict(model, row) {
  let sum = model.bias;
  for (let j = 0; j < row.length; j++) sum += model.weights[j] * row[j];
  return sum;
}

export function score(model, split) {
  let absolute = 0;
  let squared = 0;
  const mean = split.y.reduce((a, b) => a + b, 0) / split.y.length;
  let total = 0;
  split.x.forEach((row, i) => {
    const error = predict(model, row) - split.y[i];
    absolute += Math.abs(error);
    squared += error * error;
    total += (split.y[i] - mean) ** 2;
  });
  const n = split.y.length;
  return { mae: absolute / n, rmse: Math.sqrt(squared / n), r2: 1 - squared / total };
}
