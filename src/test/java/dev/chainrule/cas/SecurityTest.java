package dev.chainrule.cas;

import static dev.chainrule.cas.CasTestSupport.LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.expr.Definitions;
import dev.chainrule.expr.Expr;
import dev.chainrule.expr.Expr.Var;
import dev.chainrule.expr.Exprs;
import dev.chainrule.expr.Fn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Names that look like Symja commands are just variables: they never reach Symja as names, so nothing is
 * executed, and they come back unchanged.
 */
class SecurityTest {
    @TempDir
    Path tmp;

    private List<String> hostileNames() {
        String f1 = tmp.resolve("pwned1.txt").toString();
        String f2 = tmp.resolve("pwned2.txt").toString();
        return List.of("SystemDialog", "Run", "Import", "ReadString", "x;Quit[]", "Quit", "Exit", "D", "E", "I",
                "Pi", "Sin", "w_1", "x**2", "Export[\"" + f1 + "\", 1]", "Put[1, \"" + f2 + "\"]",
                "Run[\"touch " + f1 + "\"]", "$Failed", "Set[a, 1]", "a", "v0", "V0");
    }

    @Test
    void commandLikeNamesAreJustSymbols() {
        List<String> names = hostileNames();
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Var v = new Var(names.get(i));
            terms.add(Exprs.product(Exprs.num(i + 1), Exprs.pow(v, 2)));
            terms.add(Exprs.call(Fn.EXP, v));
        }
        Expr e = Exprs.sum(terms);

        SymbolTable t = new SymbolTable();
        IExpr sym = Cas.toSymja(e, t);
        assertEquals(names.size(), t.size());
        for (var entry : t.symbols().entrySet()) {
            ISymbol s = entry.getValue();
            assertTrue(s.getSymbolName().matches("v[0-9]+"), entry.getKey() + " became " + s.getSymbolName());
            assertFalse(s.isBuiltInSymbol());
            assertEquals(Optional.of(entry.getKey()), t.nameOf(s));
        }
        String form = sym.fullFormString();
        for (String n : names) {
            if (n.length() > 3) { // short names (E, I, D, Pi, a) occur inside Symja's own heads
                assertFalse(form.contains(n), n + " leaked into " + form);
            }
        }
        // round trips, unevaluated and evaluated
        assertEquals(e, Cas.fromSymja(sym, t));
        Expr evaluated = Cas.evaluate(e, LIMIT);
        assertEquals(Optional.of(true), Cas.isZero(Exprs.sub(evaluated, e), LIMIT));
        for (String n : names) {
            assertTrue(dev.chainrule.expr.Exprs.variables(evaluated).contains(n), n + " missing from " + evaluated);
        }
        // differentiation with respect to such names works and returns only our names
        // ("Run" is names.get(1): its terms are 2·Run² and exp(Run))
        Var run = new Var("Run");
        Expr d = Cas.derivative(e, "Run", Definitions.none());
        Expr want = Exprs.sum(Exprs.product(Exprs.num(4), run), Exprs.call(Fn.EXP, run));
        assertEquals(Optional.of(true), Cas.isZero(Exprs.sub(d, want), LIMIT), d.toString());
        // nothing was executed: no files, the engine still answers
        assertFalse(Files.exists(tmp.resolve("pwned1.txt")));
        assertFalse(Files.exists(tmp.resolve("pwned2.txt")));
        assertEquals(Optional.of(true), Cas.isZero(Exprs.sub(new Var("Quit"), new Var("Quit")), LIMIT));
    }

    @Test
    void namesStayDistinctWhereSymjaWouldMergeThem() {
        // relaxed Symja syntax is case-insensitive, and E, I are constants
        assertEquals(Optional.of(false), Cas.isZero(Exprs.sub(new Var("W1"), new Var("w1")), LIMIT));
        assertEquals(Optional.of(false), Cas.isZero(Exprs.sub(new Var("E"), Exprs.call(Fn.EXP, Exprs.num(1))), LIMIT));
        assertEquals(Optional.of(false), Cas.isZero(Exprs.sum(Exprs.pow(new Var("I"), 2), Exprs.num(1)), LIMIT));
        assertEquals(Optional.of(false), Cas.isZero(Exprs.sub(new Var("Pi"), Exprs.num(3)), LIMIT));
    }
}
