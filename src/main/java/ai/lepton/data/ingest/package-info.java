/** The streaming ingest pipeline: UTF-8 guard, CSV and NDJSON readers, spool, canonical writer and reader; plain Java. */
package ai.lepton.data.ingest;
