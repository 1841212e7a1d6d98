/** Public contract of the ML module: training jobs, the model registry and their events. */
package ai.lepton.ml.api;
