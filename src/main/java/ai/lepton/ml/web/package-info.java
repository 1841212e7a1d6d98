/** ML REST endpoints: training jobs (with a server-sent event stream) and the model registry (internal). */
package ai.lepton.ml.web;
