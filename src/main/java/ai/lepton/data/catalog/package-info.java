/** The dataset catalogue: datasets, uploads into immutable versions, rows and profiles (internal). */
package ai.lepton.data.catalog;
