/** Platform entities and repositories (internal). */
package ai.lepton.platform.store;
