package dev.chainrule.cli;

import dev.chainrule.derive.Steps;
import picocli.CommandLine.Option;

/** {@code --brief}, shared by the commands that print derivations (explain, derive). */
public final class DetailOption {
    @Option(names = "--brief", description = "Each derivation as on a slide: the rounds of rules in one line naming them all, "
            + "the simplification in one more (default: every round and every simplification pass).")
    boolean brief;

    public Steps.Detail detail() {
        return brief ? Steps.Detail.BRIEF : Steps.Detail.FULL;
    }
}
