/** Typed configuration of the ML module (internal). */
package ai.lepton.ml.config;
