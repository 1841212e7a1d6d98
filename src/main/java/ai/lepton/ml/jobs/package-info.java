/** Training jobs: submission, a bounded worker pool, progress, cancellation and recovery after restarts (internal). */
package ai.lepton.ml.jobs;
