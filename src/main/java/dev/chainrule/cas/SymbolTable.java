package dev.chainrule.cas;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The two-way map between our variable names ({@code w1}, {@code w[1,1,1]}, {@code yhat}, or anything a
 * user typed, such as {@code Run} or {@code x;Quit[]}) and the Symja symbols that stand for them.
 *
 * <p>Our names never reach Symja. Each name gets a generated, lower-case symbol name {@code v0, v1, …}
 * (no built-in of Symja is called that, in either letter case) and the symbol itself is a <em>dummy</em>
 * symbol ({@code F.Dummy}): a fresh object that is registered in no Symja context, so it can neither pick
 * up nor leave behind a definition, and the parser would never resolve text to it. Look-ups back go by
 * object identity first and by generated name second (in case Symja ever rebuilds a symbol from its name).
 *
 * <p>One table per conversion job; it must be the one used by {@link Cas#toSymja(dev.chainrule.expr.Expr,
 * SymbolTable)} to convert a result back with {@link Cas#fromSymja}. Creating a table does not load Symja;
 * symbols are created on Symja's worker thread when an expression is converted.
 */
public final class SymbolTable {
    /** Prefix of the generated names; "v" followed by digits is no Symja built-in. */
    static final String PREFIX = "v";

    private final Map<String, ISymbol> byName = new LinkedHashMap<>();
    private final Map<String, String> nameBySafeName = new HashMap<>();
    private final Map<ISymbol, String> nameBySymbol = new IdentityHashMap<>();

    public SymbolTable() {
    }

    /** The symbol standing for variable {@code name}, created on first use. */
    synchronized ISymbol symbolFor(String name) {
        ISymbol s = byName.get(name);
        if (s == null) {
            String safe = PREFIX + byName.size();
            s = F.Dummy(safe);
            byName.put(name, s);
            nameBySafeName.put(s.getSymbolName(), name);
            nameBySymbol.put(s, name);
        }
        return s;
    }

    /** Our name for a Symja symbol of this table, if it is one. */
    public synchronized Optional<String> nameOf(ISymbol symbol) {
        String n = nameBySymbol.get(symbol);
        if (n == null) {
            n = nameBySafeName.get(symbol.getSymbolName());
        }
        return Optional.ofNullable(n);
    }

    /** The generated Symja name ({@code v3}) of one of our variables, if it has been converted. */
    public synchronized Optional<String> safeNameOf(String name) {
        ISymbol s = byName.get(name);
        return s == null ? Optional.empty() : Optional.of(s.getSymbolName());
    }

    /** Our variable names converted so far, in order of first conversion. */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(byName.keySet()));
    }

    /** Our name → Symja symbol, a snapshot. */
    public synchronized Map<String, ISymbol> symbols() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    synchronized boolean contains(ISymbol symbol) {
        return nameBySymbol.containsKey(symbol) || nameBySafeName.containsKey(symbol.getSymbolName());
    }

    public synchronized int size() {
        return byName.size();
    }
}
