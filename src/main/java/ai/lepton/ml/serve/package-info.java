/** Serving: input validation and encoding against a feature schema, predictions, micro-batching; plain Java. */
package ai.lepton.ml.serve;
