package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.UserError;
import dev.chainrule.derive.Differentiator;
import dev.chainrule.derive.Step;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Every text form chainrule prints parses back to the same tree (README, "Notation": what chainrule prints
 * in text parses back as input). Random trees over network symbols ({@link NotationTrees}) go through each
 * printer for input or display — the Unicode text of traces and diagnoses ({@link TextPrinter}, with numbers
 * as fractions and as decimals) and the input syntax of JSON results ({@link InputPrinter}) — and through
 * {@link Parser}; so do the lines of their derivations and chain-rule lines of ∂A/∂B factors (also written
 * dA/dB, parsed with {@link Parser.Syntax#DERIVATIVE_FRACTIONS}).
 *
 * <p>Trees are compared structurally after {@link #normal}, which undoes only what printing legitimately
 * forgets: products are associative and commutative in print (a·(b·c) prints as a·b·c, and a factor b⁻¹ is
 * printed in the denominator, after the others), numeric factors print as one coefficient (2·(1/3)·x is 2x/3),
 * and a quotient prints like a product with a negative power (x/y and x·y⁻¹ are both x/y). Everything else —
 * sums and their order and brackets, names, functions and their arguments, powers, derivatives — must come
 * back exactly.
 */
class NotationRoundTripProperties {
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger LINES = new AtomicInteger();
    private static final AtomicInteger PARSED = new AtomicInteger();

    private static final List<Printer> PRINTERS = List.of(
            new Printer("text", TextPrinter::str),
            new Printer("text with decimals", TextPrinter::decimals),
            new Printer("input syntax", InputPrinter::str));

    private record Printer(String name, Function<Expr, String> print) {
    }

    @Provide
    Arbitrary<Expr> trees() {
        return NotationTrees.expressions();
    }

    @Provide
    Arbitrary<Expr> chains() {
        return NotationTrees.chains();
    }

    /** Fragments of what students type and paste, glued at random: the trees the parser itself builds. */
    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.of(TYPED).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }

    private static final List<String> TYPED = List.of("w₁₁⁽²⁾", "a₁⁽¹⁾", "δ₁⁽²⁾", "x₁", "ŷ", "y", "x", "w", "σ", "2", "0.5",
            "½", "+", "−", "-", "·", "*", "/", "²", "^", "(", ")", "(", ")", "|", "√", "∂L/∂w", "∂/∂w (", "σ(", "σ′(",
            "tanh²(", "sech(", "exp(", "log(", "[", " > 0]", "LReLU(", "; α=0.2)", "softmax₁(", ", ", "(z ≥ 0 ? 1 : ", " ");

    @Property(tries = 3000)
    void everyPrintedFormParsesBackToTheSameTree(@ForAll("trees") Expr e) {
        TRIES.incrementAndGet();
        for (Printer p : PRINTERS) {
            roundTrip(p, e);
        }
    }

    @Property(tries = 5000)
    void whatParsesPrintsBackToTheSameTree(@ForAll("typed") String input) {
        Expr e;
        try {
            e = Parser.parseExpression(input);
        } catch (ParseError refused) {
            return;
        }
        PARSED.incrementAndGet();
        for (Printer p : PRINTERS) {
            roundTrip(p, e);
        }
    }

    @Property(tries = 500)
    void everyLineOfADerivationParsesBack(@ForAll("trees") Expr e) {
        Var wrt = Exprs.variables(e).stream().findFirst().map(Var::new).orElse(new Var("x1"));
        List<Step> steps;
        try {
            steps = new Differentiator().derive(e, wrt).steps();
        } catch (UserError | ArithmeticException notDerivable) {
            return; // e.g. a derivative with respect to a name inside softmax's index: not what this tests
        }
        for (Step s : steps) {
            for (Printer p : PRINTERS) {
                roundTrip(p, s.expr());
            }
        }
    }

    @Property(tries = 1000)
    void chainRuleLinesParseBackInEveryNotation(@ForAll("chains") Expr chain) {
        for (Printer p : PRINTERS) {
            roundTrip(p, chain);
        }
        // dL/dŷ·dŷ/dz₁⁽²⁾ …, as students write it, with the d-fractions option
        String text = TextPrinter.str(chain).replace("∂", "d");
        if (Exprs.variables(chain).stream().noneMatch(n -> n.startsWith("d") || n.equals("E"))) {
            Expr back = Parser.parseExpression(text, Parser.Syntax.DERIVATIVE_FRACTIONS);
            assertEquals(normal(chain), normal(back), () -> "d-fractions: " + text + " parses back to " + InputPrinter.str(back));
        }
    }

    private static void roundTrip(Printer p, Expr e) {
        LINES.incrementAndGet();
        String text = p.print().apply(e);
        Expr back;
        try {
            back = Parser.parseExpression(text);
        } catch (ParseError err) {
            throw new AssertionError(p.name() + " printed " + text + " for " + InputPrinter.str(e) + ", which does not parse: "
                    + err.getMessage(), err);
        }
        if (!back.equals(e)) {
            assertEquals(normal(e), normal(back), () -> p.name() + ": " + text + "\n  printed from " + e + "\n  parses back to " + back);
        }
    }

    /** The tree with products flattened, their numbers multiplied into one coefficient and their factors sorted. */
    static Expr normal(Expr e) {
        return e.accept(new Expr.Visitor<Expr>() {
            public Expr num(Num n) {
                return n;
            }

            public Expr var(Var v) {
                return v;
            }

            public Expr sum(Expr.Sum s) {
                return new Expr.Sum(s.terms().stream().map(NotationRoundTripProperties::normal).toList());
            }

            public Expr product(Expr.Product p) {
                return factors(p);
            }

            public Expr pow(Expr.Pow p) {
                Expr exponent = normal(p.exponent());
                return exponent instanceof Num n && n.isNegative() ? factors(p) : new Expr.Pow(normal(p.base()), exponent);
            }

            public Expr quotient(Expr.Quotient q) {
                return factors(q);
            }

            public Expr call(Expr.Call c) {
                return new Expr.Call(c.fn(), c.args().stream().map(NotationRoundTripProperties::normal).toList());
            }

            public Expr derivative(Expr.Derivative d) {
                return new Expr.Derivative(normal(d.body()), d.wrt());
            }
        });
    }

    private static Expr factors(Expr e) {
        BigFraction[] coeff = {BigFraction.ONE};
        List<Expr> fs = new ArrayList<>();
        collect(e, false, coeff, fs);
        fs.sort(Comparator.comparing(InputPrinter::str));
        if (fs.contains(new Expr.Pow(Num.ZERO, Num.MINUS_ONE))) {
            // 1/(−0·0) and 1/(−0/2) print −0…, which reads as 0: a division by zero has no coefficient to keep
            coeff[0] = BigFraction.ONE;
        }
        if (!coeff[0].equals(BigFraction.ONE) || fs.isEmpty()) {
            fs.add(0, new Num(coeff[0]));
        }
        return Exprs.product(fs);
    }

    private static void collect(Expr e, boolean inverse, BigFraction[] coeff, List<Expr> out) {
        if (e instanceof Num n && !(inverse && n.isZero())) {
            coeff[0] = inverse ? coeff[0].divide(n.value()) : coeff[0].multiply(n.value());
        } else if (e instanceof Expr.Product p) {
            p.factors().forEach(f -> collect(f, inverse, coeff, out));
        } else if (e instanceof Expr.Quotient q) {
            collect(q.numerator(), inverse, coeff, out);
            collect(q.denominator(), !inverse, coeff, out);
        } else if (e instanceof Expr.Pow p && normal(p.exponent()) instanceof Num k && k.isNegative()) {
            Num positive = new Num(k.value().negate());
            collect(positive.isOne() ? p.base() : new Expr.Pow(p.base(), positive), !inverse, coeff, out);
        } else {
            Expr n = normal(e);
            out.add(inverse ? new Expr.Pow(n, Num.MINUS_ONE) : n);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("notation round trip: %d random trees, %d typed inputs that parse, %d printed lines parsed back%n",
                TRIES.get(), PARSED.get(), LINES.get());
    }
}
