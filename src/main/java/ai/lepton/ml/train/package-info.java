/** Training with Tribuo: feature encoding, splits, trainers with validated hyperparameters, evaluation; plain Java. */
package ai.lepton.ml.train;
