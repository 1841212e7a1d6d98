/** Typed configuration of the data module (internal). */
package ai.lepton.data.config;
