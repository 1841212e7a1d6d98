/** The transactional outbox, its relay, the event bus and idempotent dispatch to consumers (internal). */
package ai.lepton.platform.events;
