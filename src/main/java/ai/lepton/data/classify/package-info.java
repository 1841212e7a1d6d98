/** Personal-data detection (email, phone, IP addresses, payment cards, IBAN) and masking; plain Java. */
package ai.lepton.data.classify;
