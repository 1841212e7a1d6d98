/** Settings of the compute module. */
package ai.lepton.compute.config;
