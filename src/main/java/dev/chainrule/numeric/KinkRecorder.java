package dev.chainrule.numeric;

/** Receives, in evaluation order, every evaluation of a function with a kink. */
@FunctionalInterface
public interface KinkRecorder {
    void record(KinkEvent event);
}
