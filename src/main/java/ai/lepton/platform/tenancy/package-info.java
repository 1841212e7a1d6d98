/** Projects (tenants), API keys and the first-start admin key (internal). */
package ai.lepton.platform.tenancy;
