/** The model registry: versions with metrics, lineage and provenance, stages, aliases and artifacts (internal). */
package ai.lepton.ml.registry;
