/** Dataset REST and GraphQL endpoints (internal). */
package ai.lepton.data.web;
