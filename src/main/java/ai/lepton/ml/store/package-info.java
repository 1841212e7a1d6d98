/** ML entities and repositories (internal). */
package ai.lepton.ml.store;
