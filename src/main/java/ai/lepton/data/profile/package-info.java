/** Column statistics of stored versions: counts, distinct estimates, moments and frequent values; plain Java. */
package ai.lepton.data.profile;
