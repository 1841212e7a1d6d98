/** Typed configuration of the platform module (internal). */
package ai.lepton.platform.config;
