/** Public contract of the data module: dataset facade, records and events. */
package ai.lepton.data.api;
