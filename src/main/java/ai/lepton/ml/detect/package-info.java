/** Telemetry detectors and forecasts as a service: over stored dataset versions, and live on node metrics. */
package ai.lepton.ml.detect;
