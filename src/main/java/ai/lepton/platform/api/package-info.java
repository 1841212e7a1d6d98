/** Public contract of the platform module: tenancy, principals, problems, paging, events and the outbox. Open to every module. */
package ai.lepton.platform.api;
