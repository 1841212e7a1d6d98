package ai.lepton.ml.api;

import java.util.List;

/**
 * Where node telemetry enters the ML module: the live detectors consume it. The edge agents' telemetry path calls it
 * (and, until that exists, any test source); points of one series must arrive in time order.
 */
public interface TelemetryListener {

    /** Scores the points with every live detector attached to their metric; returns the anomalies raised. */
    List<AnomalyDetected> accept(List<TelemetryPoint> points);
}
