/**
 * Serving endpoints: deployments with canary routes, the model cache, routing and per-version metrics; for endpoints on
 * a compute deployment, load reports to its autoscaler and routing over its replicas (internal).
 */
package ai.lepton.ml.endpoints;
