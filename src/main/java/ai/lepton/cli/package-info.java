/** The {@code lepton} command: the process entry point and its start-up checks. */
package ai.lepton.cli;
