/** Content-addressed blob storage on a local or mounted file system (internal). */
package ai.lepton.data.blob;
