/** Persistence helpers shared by every module's {@code store} package: the active Hibernate session and a base repository. */
package ai.lepton.platform.api.store;
