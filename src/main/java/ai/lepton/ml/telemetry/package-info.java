/**
 * Infrastructure telemetry analytics in plain Java: an online, unsupervised anomaly detector per metric series
 * ({@link ai.lepton.ml.telemetry.AnomalyDetector}) and a short-horizon forecaster with prediction intervals
 * ({@link ai.lepton.ml.telemetry.Forecaster}). No framework types, so the agent and the benchmarks can use them.
 */
package ai.lepton.ml.telemetry;
