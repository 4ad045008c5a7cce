/**
 * Training by gradient descent ({@code chainrule train}): {@link dev.chainrule.train.CompiledNetwork} derives a
 * network's loss and backprop δ's once (the derivation engine, {@link dev.chainrule.network.NetworkAnalysis}) and
 * compiles them, so a step only changes numbers; {@link dev.chainrule.train.Trainer} walks the epochs and batches
 * of the contract; {@link dev.chainrule.train.Optimizer} holds the update rules (sgd, momentum, Adam);
 * {@link dev.chainrule.train.TrainResult} is what the renderers print.
 */
package dev.chainrule.train;
