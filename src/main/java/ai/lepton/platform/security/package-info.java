/** API-key authentication, request principals and per-key rate limiting (internal). */
package ai.lepton.platform.security;
