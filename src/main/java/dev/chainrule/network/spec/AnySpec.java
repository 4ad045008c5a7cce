package dev.chainrule.network.spec;

/** A spec as read: a dense network, or an image network (conv2d, pooling and flatten layers, contract §5). */
public sealed interface AnySpec permits AnySpec.Dense, AnySpec.Image {

    /** A fully connected network, which every command takes. */
    record Dense(NetworkSpec spec) implements AnySpec {
    }

    /**
     * An image network; {@code refusal} is the one-line error of the commands that do not take one yet, naming the
     * spec's file and its {@code layers} line.
     */
    record Image(ConvNetSpec spec, SpecError refusal) implements AnySpec {
    }

    /** The dense network, or the refusal of an image network. @throws SpecError for an image network */
    default NetworkSpec dense() {
        if (this instanceof Image image) {
            throw image.refusal();
        }
        return ((Dense) this).spec();
    }
}
