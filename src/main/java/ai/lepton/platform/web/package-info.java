/** Platform REST and GraphQL endpoints, the single RFC 9457 problem mapper, and OpenAPI metadata (internal). */
package ai.lepton.platform.web;
