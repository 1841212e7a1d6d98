/** Dataset entities and repositories (internal). */
package ai.lepton.data.store;
