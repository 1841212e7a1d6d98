/** Serving endpoints: deployments with canary routes, the model cache, routing and per-version metrics (internal). */
package ai.lepton.ml.endpoints;
