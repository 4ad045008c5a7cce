package dev.chainrule.network.spec;

/** A spec as read: a dense network, an image network (conv2d, pooling and flatten layers) or a recurrent one (contract §5). */
public sealed interface AnySpec permits AnySpec.Dense, AnySpec.Image, AnySpec.Sequence {

    /** A fully connected network, which every command takes. */
    record Dense(NetworkSpec spec) implements AnySpec {
    }

    /**
     * An image network; {@code refusal} is the one-line error of the commands that do not take one yet, naming the
     * spec's file and its {@code layers} line.
     */
    record Image(ConvNetSpec spec, SpecError refusal) implements AnySpec {
    }

    /**
     * A recurrent network (an rnn layer, then dense layers); {@code refusal} is the one-line error of the commands
     * that do not take one yet.
     */
    record Sequence(RnnNetSpec spec, SpecError refusal) implements AnySpec {
    }

    /** The dense network, or the refusal of an image or recurrent network. @throws SpecError for those */
    default NetworkSpec dense() {
        if (this instanceof Image image) {
            throw image.refusal();
        }
        if (this instanceof Sequence sequence) {
            throw sequence.refusal();
        }
        return ((Dense) this).spec();
    }
}
