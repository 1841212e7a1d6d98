/** Cleaning rules: normalisation, type inference, canonical values and de-duplication; plain Java. */
package ai.lepton.data.clean;
