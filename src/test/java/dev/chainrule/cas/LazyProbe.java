package dev.chainrule.cas;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Parser;

/** Run in a child JVM by {@link ThreadsAndLoadingTest}: touches Cas without needing algebra. */
public final class LazyProbe {
    private LazyProbe() {
    }

    public static void main(String[] args) {
        Definitions d = Parser.parseProgram("z = w*x + b; L = (t - z)^2").toDefinitions();
        SymbolTable t = new SymbolTable();
        System.out.println("loaded=" + Cas.isLoaded() + " names=" + t.names() + " defs=" + d.asMap().size()
                + " abandoned=" + Cas.abandonedWorkers());
    }
}
